# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Timesheet lines on a ticket's step, booked on the ticket's project."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LOGGABLE_STEP_STATES = ("ready", "in_progress", "done")


class AccountAnalyticLine(models.Model):
    """A technician's time on a service step (hr_timesheet line); the step's actual hours are their sum."""

    _inherit = "account.analytic.line"

    crm_ticket_step_id = fields.Many2one("crm.ticket.step", "Service Step", index=True, ondelete="restrict")
    crm_ticket_id = fields.Many2one("crm.ticket", "Service Ticket", related="crm_ticket_step_id.ticket_id",
                                    store=True, readonly=True, index=True)

    @api.constrains("crm_ticket_step_id", "unit_amount")
    def _check_crm_ticket_step(self):
        for line in self.filtered("crm_ticket_step_id"):
            step = line.crm_ticket_step_id
            if line.unit_amount < 0:
                raise ValidationError(_("Step \"%s\": the time logged cannot be negative.") % step.name)
            if step.state not in LOGGABLE_STEP_STATES:
                raise ValidationError(_("Step \"%(step)s\" is %(state)s: time is logged on ready, started or "
                                        "done steps.") % {"step": step.name, "state": step._state_label()})

    @api.model
    def create(self, values):
        # before hr_timesheet's create: it finds the employee only for lines that name their project
        return super().create(self._crm_ticket_step_values(values))

    @api.multi
    def write(self, values):
        return super().write(self._crm_ticket_step_values(values))

    @api.model
    def _crm_ticket_step_values(self, values):
        """A line on a step is booked on its ticket's project and that project's analytic account."""
        if not values.get("crm_ticket_step_id"):
            return values
        ticket = self.env["crm.ticket.step"].browse(values["crm_ticket_step_id"]).ticket_id.sudo()
        project = ticket._timesheet_project()
        values = dict(values)
        values.setdefault("project_id", project.id)
        values.setdefault("account_id", project.analytic_account_id.id)
        return values
