# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recurring maintenance: a plan opens its next ticket a number of days before it is due."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INTERVAL_UNITS = [("days", "Days"), ("weeks", "Weeks"), ("months", "Months"), ("years", "Years")]


class CrmTicketMaintenancePlan(models.Model):
    """Routine maintenance that recurs: a ticket is opened in time before each due date."""

    _name = "crm.ticket.maintenance.plan"
    _inherit = ["mail.thread"]
    _description = "Maintenance Plan"
    _order = "next_date, id"

    name = fields.Char(required=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one("res.partner", "Customer", required=True, index=True)
    contact_id = fields.Many2one("res.partner", "Contact", domain="[('parent_id', '=', partner_id)]")
    type_id = fields.Many2one("crm.ticket.type", "Service Type", required=True, ondelete="restrict")
    team_id = fields.Many2one("crm.team", "Service Team")
    user_id = fields.Many2one("res.users", "Assigned to")
    product_id = fields.Many2one("product.product", "Product")
    equipment = fields.Char("Equipment / Serial Number")
    interval_number = fields.Integer("Every", default=1, required=True)
    interval_unit = fields.Selection(INTERVAL_UNITS, "Unit", default="years", required=True)
    next_date = fields.Date("Next Maintenance", required=True, index=True, track_visibility="onchange")
    lead_days = fields.Integer("Open Days Before", default=14,
                               help="The ticket is opened this many days before the maintenance is due.")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.user.company_id)
    ticket_ids = fields.One2many("crm.ticket", "maintenance_plan_id", "Tickets")
    ticket_count = fields.Integer("Tickets", compute="_compute_ticket_count")

    @api.constrains("interval_number", "lead_days")
    def _check_interval(self):
        for plan in self:
            if plan.interval_number < 1:
                raise ValidationError(_("Maintenance plan \"%s\": the interval must be at least 1.") % plan.name)
            if plan.lead_days < 0:
                raise ValidationError(_("Maintenance plan \"%s\": the days before cannot be negative.")
                                      % plan.name)

    def _compute_ticket_count(self):
        groups = self.env["crm.ticket"].read_group([("maintenance_plan_id", "in", self.ids)],
                                                   ["maintenance_plan_id"], ["maintenance_plan_id"])
        counts = {g["maintenance_plan_id"][0]: g["maintenance_plan_id_count"] for g in groups}
        for plan in self:
            plan.ticket_count = counts.get(plan.id, 0)

    @api.multi
    def action_open_tickets(self):
        action = self.env.ref("crm_ticketing.crm_ticket_action").read()[0]
        action["domain"] = [("maintenance_plan_id", "in", self.ids)]
        return action

    @api.multi
    def action_open_ticket_now(self):
        """Open the ticket of the next maintenance now, without waiting for the scheduler."""
        self._open_tickets()
        return self.action_open_tickets()

    @api.model
    def _cron_open_due_tickets(self):
        """Open the tickets of plans due within their lead days; each plan moves on to its next date, so a
        second run the same day opens nothing."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        plans = self.search([("next_date", "<=", fields.Date.to_string(today + timedelta(days=366)))])
        due = plans.filtered(lambda p: fields.Date.from_string(p.next_date) - timedelta(days=p.lead_days) <= today)
        due._open_tickets()
        return len(due)

    def _open_tickets(self):
        tickets = self.env["crm.ticket"]
        for plan in self:
            due = plan.next_date
            tickets |= tickets.create(plan._ticket_values(due))
            plan.next_date = fields.Date.to_string(plan._next_after(fields.Date.from_string(due)))
            plan.message_post(body=_("Ticket opened for the maintenance due on %s.") % due,
                              message_type="comment", subtype="mail.mt_note")
        return tickets

    def _ticket_values(self, due):
        """The values of the ticket of the maintenance due on `due`."""
        self.ensure_one()
        return {
            "title": _("%(plan)s (due %(date)s)") % {"plan": self.name, "date": due},
            "partner_id": self.partner_id.id,
            "contact_id": self.contact_id.id,
            "type_id": self.type_id.id,
            "team_id": self.team_id.id or self.type_id.team_id.id,
            "user_id": self.user_id.id,
            "product_id": self.product_id.id,
            "equipment": self.equipment,
            "maintenance_plan_id": self.id,
            "maintenance_date": due,
            "company_id": (self.company_id or self.env.user.company_id).id,
        }

    def _next_after(self, date):
        return date + relativedelta(**{self.interval_unit: self.interval_number})
