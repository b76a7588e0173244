# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A step's actual hours: the technicians' timesheet lines on it, summed in one query for all steps."""
from odoo import _, api, fields, models


class CrmTicketStep(models.Model):
    """Technicians log their time on the step (hr_timesheet); the actual hours are what they logged."""

    _inherit = "crm.ticket.step"

    timesheet_ids = fields.One2many("account.analytic.line", "crm_ticket_step_id", "Timesheets", copy=False)
    # computed as superuser: a technician may log time on a colleague's step he cannot edit
    actual_hours = fields.Float("Actual Hours", digits=(16, 2), compute="_compute_actual_hours", store=True,
                                compute_sudo=True, help="The time logged on the step in timesheets.")

    @api.depends("timesheet_ids.unit_amount")
    def _compute_actual_hours(self):
        saved = self.filtered(lambda step: isinstance(step.id, int))
        hours = {}
        if saved:
            groups = self.env["account.analytic.line"].sudo().read_group(
                [("crm_ticket_step_id", "in", saved.ids)], ["crm_ticket_step_id", "unit_amount"],
                ["crm_ticket_step_id"])
            hours = {group["crm_ticket_step_id"][0]: group["unit_amount"] for group in groups}
        for step in self:
            if step in saved:
                step.actual_hours = hours.get(step.id, 0.0)
            else:  # a step in a form not saved yet: the lines typed in it
                step.actual_hours = sum(step.timesheet_ids.mapped("unit_amount"))

    def _log_planned_hours(self):
        """Steps finished without any time logged count as planned: one timesheet line each, in the name of
        the step's responsible (else of who finishes it), which can be corrected afterwards."""
        todo = self.filtered(lambda step: step.planned_hours and not step.actual_hours)
        lines = self.env["account.analytic.line"].sudo()
        for step in todo:
            lines |= lines.create({
                "crm_ticket_step_id": step.id,
                "name": _("%s (as planned, nothing logged)") % step.name,
                "unit_amount": step.planned_hours,
                "user_id": (step.user_id or self.env.user).id,
                "date": fields.Date.context_today(step),
            })
        return lines
