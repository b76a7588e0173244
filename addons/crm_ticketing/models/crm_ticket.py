# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service ticket: its customer, its figures summed from the steps, its stages and its e-mail alias."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import html2plaintext

OPEN_STEP_STATES = ("waiting", "ready", "in_progress")
STARTED_STEP_STATES = ("in_progress", "done")


class CrmTicket(models.Model):
    """A service case of a customer, run along the steps of its service type.

    Planning the steps from the type lives in crm_ticket_planning.py, the quotation and the invoice of the
    actual work in crm_ticket_sale.py; the steps themselves in crm_ticket_step*.py."""

    _name = "crm.ticket"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Service Ticket"
    _order = "priority desc, date_deadline, id desc"

    name = fields.Char("Reference", required=True, readonly=True, copy=False, index=True,
                       default=lambda self: _("New"))
    title = fields.Char("Subject", track_visibility="onchange")
    partner_id = fields.Many2one("res.partner", "Customer", track_visibility="onchange", index=True)
    commercial_partner_id = fields.Many2one("res.partner", related="partner_id.commercial_partner_id",
                                            store=True, readonly=True, index=True)
    contact_id = fields.Many2one("res.partner", "Contact", domain="[('parent_id', '=', partner_id)]",
                                 help="The person who reported the case.")
    email_from = fields.Char("E-mail")
    type_id = fields.Many2one("crm.ticket.type", "Service Type", track_visibility="onchange", index=True,
                              ondelete="restrict")
    team_id = fields.Many2one("crm.team", "Service Team", track_visibility="onchange")
    user_id = fields.Many2one("res.users", "Assigned to", default=lambda self: self.env.user,
                              track_visibility="onchange", index=True)
    company_id = fields.Many2one("res.company", "Company", required=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", readonly=True)
    description = fields.Text()
    product_id = fields.Many2one("product.product", "Product")
    equipment = fields.Char("Equipment / Serial Number")
    priority = fields.Selection([("0", "Normal"), ("1", "High"), ("2", "Urgent")], default="0", index=True)
    stage_id = fields.Many2one("crm.ticket.stage", "Stage", track_visibility="onchange", index=True,
                               default=lambda self: self.env["crm.ticket.stage"].search([], limit=1),
                               group_expand="_read_group_stage_ids", copy=False)
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, readonly=True)
    date_start = fields.Datetime("Start Date", required=True, default=fields.Datetime.now, copy=False,
                                 help="Step deadlines are counted in working hours from this moment.")
    date_deadline = fields.Datetime("Deadline", compute="_compute_from_steps", store=True, index=True,
                                    help="The latest deadline of its open and done steps.")
    next_deadline = fields.Datetime("Next Deadline", compute="_compute_from_steps", store=True,
                                    help="The earliest deadline of its open steps.")
    date_closed = fields.Datetime("Closed on", readonly=True, copy=False)
    deadline_status = fields.Selection([
        ("none", "No deadline"), ("on_time", "On time"), ("soon", "Due within a day"), ("overdue", "Overdue"),
    ], compute="_compute_deadline_status")
    is_escalated = fields.Boolean("Escalated", readonly=True, copy=False, track_visibility="onchange",
                                  help="A step missed its deadline and the team manager was alerted.")
    step_ids = fields.One2many("crm.ticket.step", "ticket_id", "Steps", copy=False)
    step_count = fields.Integer("Steps", compute="_compute_from_steps", store=True)
    open_step_count = fields.Integer("Open Steps", compute="_compute_from_steps", store=True)
    steps_started = fields.Boolean(compute="_compute_from_steps", store=True)
    planned_hours = fields.Float("Planned Hours", compute="_compute_from_steps", store=True)
    planned_cost = fields.Monetary("Planned Cost", compute="_compute_from_steps", store=True)
    actual_hours = fields.Float("Actual Hours", compute="_compute_from_steps", store=True)
    actual_cost = fields.Monetary("Actual Cost", compute="_compute_from_steps", store=True)
    progress = fields.Float("Progress (%)", compute="_compute_from_steps", store=True, group_operator="avg",
                            help="Planned hours of the done steps, out of all planned hours.")
    complaint_id = fields.Many2one("crm.complaint", "Complaint", index=True, copy=False,
                                   track_visibility="onchange", help="The complaint this repair remedies.")
    maintenance_plan_id = fields.Many2one("crm.ticket.maintenance.plan", "Maintenance Plan", readonly=True,
                                          index=True, copy=False)
    maintenance_date = fields.Date("Maintenance Due", readonly=True, copy=False)

    _sql_constraints = [
        ("maintenance_unique", "unique (maintenance_plan_id, maintenance_date)",
         "A maintenance plan opens one ticket per due date."),
    ]

    @api.depends("step_ids.state", "step_ids.date_deadline", "step_ids.planned_hours",
                 "step_ids.planned_cost", "step_ids.actual_hours", "step_ids.actual_cost")
    def _compute_from_steps(self):
        for ticket in self:
            steps = ticket.step_ids.filtered(lambda s: s.state != "cancelled")
            open_steps = steps.filtered(lambda s: s.state in OPEN_STEP_STATES)
            deadlines = [d for d in steps.mapped("date_deadline") if d]
            open_deadlines = [d for d in open_steps.mapped("date_deadline") if d]
            ticket.step_count = len(steps)
            ticket.open_step_count = len(open_steps)
            ticket.steps_started = any(s.state in STARTED_STEP_STATES for s in steps)
            ticket.date_deadline = max(deadlines) if deadlines else False
            ticket.next_deadline = min(open_deadlines) if open_deadlines else False
            ticket.planned_hours = sum(steps.mapped("planned_hours"))
            ticket.planned_cost = sum(steps.mapped("planned_cost"))
            ticket.actual_hours = sum(steps.mapped("actual_hours"))
            ticket.actual_cost = sum(steps.mapped("actual_cost"))
            done_hours = sum(steps.filtered(lambda s: s.state == "done").mapped("planned_hours"))
            ticket.progress = 100.0 * done_hours / ticket.planned_hours if ticket.planned_hours else (
                100.0 if steps and not open_steps else 0.0)

    def _compute_deadline_status(self):
        now = fields.Datetime.now()
        tomorrow = fields.Datetime.to_string(fields.Datetime.from_string(now) + timedelta(days=1))
        for ticket in self:
            deadline = ticket.next_deadline
            if not deadline or ticket.is_closed:
                ticket.deadline_status = "none"
            elif deadline < now:
                ticket.deadline_status = "overdue"
            elif deadline < tomorrow:
                ticket.deadline_status = "soon"
            else:
                ticket.deadline_status = "on_time"

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False
        self.email_from = self.partner_id.email

    @api.model
    def create(self, values):
        values = dict(values)
        if values.get("name", _("New")) == _("New"):
            values["name"] = self.env["ir.sequence"].next_by_code("crm.ticket") or _("New")
        if values.get("partner_id") and not values.get("email_from"):
            values["email_from"] = self.env["res.partner"].browse(values["partner_id"]).email
        return super(CrmTicket, self.with_context(mail_create_nolog=True)).create(values)

    @api.multi
    def write(self, values):
        if "stage_id" in values:
            stage = self.env["crm.ticket.stage"].browse(values["stage_id"])
            values = dict(values, date_closed=fields.Datetime.now() if stage.is_closed else False)
        return super().write(values)

    @api.multi
    def name_get(self):
        return [(ticket.id, "%s %s" % (ticket.name, ticket.title) if ticket.title else ticket.name)
                for ticket in self]

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the service alias opens a ticket for the sender's customer."""
        values = dict(custom_values or {})
        email = msg_dict.get("email_from") or ""
        partner_ids = self._find_partner_from_emails([email], force_create=False) if email else []
        partner = self.env["res.partner"].browse([pid for pid in partner_ids if pid][:1])
        values.setdefault("title", msg_dict.get("subject") or _("Service request"))
        values.setdefault("email_from", email)
        values.setdefault("description", html2plaintext(msg_dict.get("body") or ""))
        if partner:
            values.setdefault("partner_id", (partner.parent_id or partner).id)
            if partner.parent_id:
                values.setdefault("contact_id", partner.id)
        values.setdefault("user_id", False)
        return super().message_new(msg_dict, custom_values=values)

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for ticket in self:
            customer = ticket.contact_id or ticket.partner_id
            if customer:
                ticket._message_add_suggested_recipient(recipients, partner=customer, reason=_("Customer"))
            elif ticket.email_from:
                ticket._message_add_suggested_recipient(recipients, email=ticket.email_from, reason=_("E-mail"))
        return recipients

    @api.multi
    def action_change_type(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Change Service Type"),
            "res_model": "crm.ticket.type.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _update_stage_from_steps(self):
        """Move to 'In Progress' when work begins, to the first closed stage when every step is finished."""
        stages = self.env["crm.ticket.stage"].search([])
        progress = stages.filtered("is_progress")[:1]
        closed = stages.filtered("is_closed")[:1]
        for ticket in self:
            steps = ticket.step_ids
            if steps and all(s.state in ("done", "cancelled") for s in steps):
                if closed and not ticket.is_closed:
                    ticket.stage_id = closed
            elif progress and any(s.state in STARTED_STEP_STATES for s in steps) and (
                    ticket.stage_id.sequence < progress.sequence):
                ticket.stage_id = progress

    def _escalation_user(self):
        """The team manager: leader of the ticket's team, else of its type's team, else who it is assigned to."""
        self.ensure_one()
        return self.team_id.user_id or self.type_id.team_id.user_id or self.user_id or self.env.ref(
            "base.user_root")

    def _post_note(self, body):
        """A note in the ticket's chatter; `body` is HTML whose user-typed parts the caller escaped."""
        self.ensure_one()
        return self.message_post(body=body, message_type="comment", subtype="mail.mt_note")
