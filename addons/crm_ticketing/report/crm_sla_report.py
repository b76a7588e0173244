# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The share of tickets that met their service level, per service type, team and month."""
from odoo import api, fields, models, tools


class CrmSlaReport(models.Model):
    """One row per ticket whose service level is decided (met or breached); "Met (%)" averages to the share
    met in any grouping. Built from overridable pieces like Odoo's sale.report."""

    _name = "crm.sla.report"
    _description = "Service-Level Report"
    _auto = False
    _rec_name = "ticket_id"
    _order = "date desc"

    ticket_id = fields.Many2one("crm.ticket", "Ticket", readonly=True)
    type_id = fields.Many2one("crm.ticket.type", "Service Type", readonly=True)
    team_id = fields.Many2one("crm.team", "Service Team", readonly=True)
    policy_id = fields.Many2one("crm.sla.policy", "Service-Level Policy", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    date = fields.Datetime("Date", readonly=True, help="Closed on, or the deadline of a breached open ticket.")
    sla_status = fields.Selection([("met", "Met"), ("breached", "Breached")], "Service Level", readonly=True)
    met_percent = fields.Float("Met (%)", readonly=True, group_operator="avg")
    paused_hours = fields.Float("Hours Waiting for Customer", readonly=True, group_operator="avg")
    ticket_count = fields.Integer("Tickets", readonly=True)

    def _select(self):
        return """
            SELECT t.id, t.id AS ticket_id, t.type_id, t.team_id, t.sla_policy_id AS policy_id,
                   t.commercial_partner_id AS partner_id, t.company_id,
                   coalesce(t.date_closed, t.sla_deadline) AS date, t.sla_status,
                   CASE WHEN t.sla_status = 'met' THEN 100.0 ELSE 0.0 END AS met_percent,
                   t.sla_paused_hours AS paused_hours, 1 AS ticket_count
        """

    def _from(self):
        return "FROM crm_ticket t"

    def _where(self):
        return "WHERE t.sla_status IN ('met', 'breached') AND t.duplicate_of_id IS NULL"  # a duplicate is no case

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE OR REPLACE VIEW {} AS ({} {} {})".format(
            self._table, self._select(), self._from(), self._where()))
