# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A ticket's step and its workflow: ready when its predecessors are finished, started, done or cancelled."""
import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape, plaintext2html

STEP_STATES = [
    ("waiting", "Waiting"),
    ("ready", "Ready"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
ACTIVE_STATES = ("ready", "in_progress")  # someone is expected to work on the step now


class CrmTicketStep(models.Model):
    """One step of a ticket: who does what until when, planned and actual hours and cost.

    Its actual hours come from timesheets (crm_ticket_step_timesheet.py), its order lines are in
    crm_ticket_step_sale.py, the deadline check in crm_ticket_step_escalation.py."""

    _name = "crm.ticket.step"
    _inherit = "crm.ticket.step.mixin"
    _description = "Service Ticket Step"
    _order = "ticket_id, date_planned_start, sequence, id"

    ticket_id = fields.Many2one("crm.ticket", "Ticket", required=True, ondelete="cascade", index=True)
    template_step_id = fields.Many2one("crm.ticket.type.step", "Template Step", ondelete="set null")
    partner_id = fields.Many2one("res.partner", "Customer", related="ticket_id.commercial_partner_id",
                                 store=True, readonly=True)
    company_id = fields.Many2one("res.company", related="ticket_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one("res.currency", related="ticket_id.currency_id", readonly=True)
    ticket_user_id = fields.Many2one("res.users", "Ticket Owner", related="ticket_id.user_id", readonly=True)
    state = fields.Selection(STEP_STATES, default="waiting", required=True, readonly=True, copy=False)
    predecessor_ids = fields.Many2many("crm.ticket.step", "crm_ticket_step_predecessor_rel",
                                       "step_id", "predecessor_id", "Predecessors",
                                       domain="[('ticket_id', '=', ticket_id), ('id', '!=', id)]")
    successor_ids = fields.Many2many("crm.ticket.step", "crm_ticket_step_predecessor_rel",
                                     "predecessor_id", "step_id", "Successors", readonly=True)
    predecessor_names = fields.Char("After")
    date_planned_start = fields.Datetime("Planned Start")
    date_deadline = fields.Datetime("Deadline")
    date_ready = fields.Datetime("Ready Since", readonly=True, copy=False)
    date_started = fields.Datetime("Started", readonly=True, copy=False)
    date_done = fields.Datetime("Done", readonly=True, copy=False)
    actual_material_cost = fields.Monetary("Actual Material", copy=False)
    actual_cost = fields.Monetary("Actual Cost", compute="_compute_actual_cost", store=True)
    activity_id = fields.Many2one("mail.activity", "Activity", readonly=True, ondelete="set null", copy=False)

    @api.depends("actual_hours", "labour_rate", "actual_material_cost")
    def _compute_actual_cost(self):
        for step in self:
            step.actual_cost = step.actual_hours * step.labour_rate + step.actual_material_cost

    @api.constrains("actual_material_cost")
    def _check_actuals(self):
        for step in self:
            if step.actual_material_cost < 0:
                raise ValidationError(_("Step \"%s\": actual material cannot be negative.") % step.name)

    @api.constrains("predecessor_ids")
    def _check_predecessors(self):
        if self.env.context.get("crm_ticket_steps_from_template"):
            return  # copied in order from a template that has no cycle: nothing to check
        for step in self:
            if step.predecessor_ids.filtered(lambda p: p.ticket_id != step.ticket_id):
                raise ValidationError(_("Step \"%s\" can only wait for steps of the same ticket.") % step.name)
        self._check_no_cycle()

    @api.multi
    def action_start(self):
        for step in self:
            if step.state != "ready":
                raise UserError(_("Step \"%(step)s\" is %(state)s: only a ready step can be started.")
                                % {"step": step.name, "state": step._state_label()})
        self.write({"state": "in_progress", "date_started": fields.Datetime.now()})
        self.mapped("ticket_id").sudo()._update_stage_from_steps()
        return True

    @api.multi
    def action_done(self):
        """Finish the steps: their activities are marked done and the successors become ready at once."""
        for step in self:
            if step.state not in ACTIVE_STATES:
                raise UserError(_("Step \"%(step)s\" is %(state)s: only a ready or started step can be "
                                  "finished.") % {"step": step.name, "state": step._state_label()})
        now = fields.Datetime.now()
        self._log_planned_hours()  # no time logged: as planned
        for step in self:
            values = {"state": "done", "date_done": now, "date_started": step.date_started or now}
            if not step.actual_material_cost:
                values["actual_material_cost"] = step.material_cost
            step.write(values)
        self.sudo()._close_activities()
        self.mapped("successor_ids").sudo()._activate()
        for ticket in self.mapped("ticket_id"):
            ticket._post_note(_("Step done: %s") % (self & ticket.step_ids)._escaped_names())
        self.mapped("ticket_id").sudo()._update_stage_from_steps()
        return True

    @api.multi
    def action_cancel(self):
        self._cancel(_("cancelled"))
        self.mapped("successor_ids").sudo()._activate()
        self.mapped("ticket_id").sudo()._update_stage_from_steps()
        return True

    @api.multi
    def action_open_ticket(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "crm.ticket", "res_id": self.ticket_id.id,
                "view_mode": "form", "views": [(False, "form")]}

    def _graph_groups(self):
        return [ticket.step_ids for ticket in self.mapped("ticket_id")]

    def _activate(self):
        """Waiting steps whose predecessors are all finished become ready; their responsible is told."""
        ready = self.filtered(lambda s: s.state == "waiting" and all(
            p.state in ("done", "cancelled") for p in s.predecessor_ids))
        if ready:
            ready.write({"state": "ready", "date_ready": fields.Datetime.now()})
            ready._notify_ready()
        return ready

    def _notify_ready(self):
        """One activity per ready step for its responsible, due on the step's deadline."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("crm.ticket")
        activities = self.env["mail.activity"].sudo()
        for step in self:
            user = step.user_id or step.ticket_id._escalation_user()
            step.activity_id = activities.create({
                "res_model_id": model_id,
                "res_id": step.ticket_id.id,
                "activity_type_id": (step.activity_type_id or todo).id,
                "summary": step.name,
                "note": step.instructions and plaintext2html(step.instructions),
                "user_id": user.id,
                "date_deadline": step._local_deadline_date(user),
            })
            if not step.date_ready:
                step.date_ready = fields.Datetime.now()

    def _cancel(self, reason):
        """Cancel the steps and drop their activities; `reason` (plain text) goes into the ticket's chatter."""
        for step in self:
            if step.state == "done":
                raise UserError(_("Step \"%s\" is done and cannot be cancelled.") % step.name)
        activities = self.mapped("activity_id")
        self.write({"state": "cancelled"})
        activities.sudo().unlink()
        for ticket in self.mapped("ticket_id"):
            ticket._post_note(_("Steps %(reason)s: %(steps)s") % {
                "reason": html_escape(reason), "steps": (self & ticket.step_ids)._escaped_names()})

    def _close_activities(self):
        for step in self.filtered("activity_id"):
            step.activity_id.action_feedback(_("Step done."))

    def _local_deadline_date(self, user):
        """The deadline's date where the responsible works (activities are due on a date)."""
        if not self.date_deadline:
            return fields.Date.context_today(self)
        moment = fields.Datetime.from_string(self.date_deadline)
        tz = pytz.timezone(user.tz or self.ticket_id._planning_tz())
        return fields.Date.to_string(pytz.utc.localize(moment).astimezone(tz).date())

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _escaped_names(self):
        """The step names, comma-separated and HTML-escaped: names typed by users never become markup."""
        return html_escape(", ".join(self.mapped("name")))
