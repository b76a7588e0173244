# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Planned against actual hours and cost per step and service type, the actual hours from timesheets."""
from odoo import api, fields, models, tools

from ..models.crm_ticket_step import STEP_STATES


class CrmTicketHoursReport(models.Model):
    """One row per step that is not cancelled: its planned hours beside the hours logged on it. Grouped
    by service type and template step it shows where the plan of a process is too tight or too loose.
    Built from overridable pieces like Odoo's sale.report."""

    _name = "crm.ticket.hours.report"
    _description = "Planned vs Actual Hours"
    _auto = False
    _rec_name = "step_id"
    _order = "date desc"

    step_id = fields.Many2one("crm.ticket.step", "Step", readonly=True)
    ticket_id = fields.Many2one("crm.ticket", "Ticket", readonly=True)
    type_id = fields.Many2one("crm.ticket.type", "Service Type", readonly=True)
    template_step_id = fields.Many2one("crm.ticket.type.step", "Template Step", readonly=True)
    team_id = fields.Many2one("crm.team", "Service Team", readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    date = fields.Datetime("Ticket Start", readonly=True)
    state = fields.Selection(STEP_STATES, "Step Status", readonly=True)
    planned_hours = fields.Float("Planned Hours", readonly=True)
    actual_hours = fields.Float("Actual Hours", readonly=True)
    difference_hours = fields.Float("Hours over Plan", readonly=True,
                                    help="Actual minus planned hours: negative when the step took less time.")
    planned_cost = fields.Float("Planned Cost", readonly=True)
    actual_cost = fields.Float("Actual Cost", readonly=True)
    step_count = fields.Integer("Steps", readonly=True)

    def _select(self):
        return """
            SELECT s.id, s.id AS step_id, s.ticket_id, t.type_id, s.template_step_id, t.team_id, s.user_id,
                   t.commercial_partner_id AS partner_id, t.company_id, t.date_start AS date, s.state,
                   coalesce(s.planned_hours, 0) AS planned_hours, coalesce(s.actual_hours, 0) AS actual_hours,
                   coalesce(s.actual_hours, 0) - coalesce(s.planned_hours, 0) AS difference_hours,
                   coalesce(s.planned_cost, 0) AS planned_cost, coalesce(s.actual_cost, 0) AS actual_cost,
                   1 AS step_count
        """

    def _from(self):
        return "FROM crm_ticket_step s JOIN crm_ticket t ON t.id = s.ticket_id"

    def _where(self):
        return "WHERE s.state != 'cancelled'"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE OR REPLACE VIEW {} AS ({} {} {})".format(
            self._table, self._select(), self._from(), self._where()))
