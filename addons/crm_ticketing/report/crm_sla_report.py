# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The share of tickets that met their service level, per service type, team and month."""
from odoo import fields, models


class CrmSlaReport(models.Model):
    """One row per ticket whose service level is decided (met or breached)."""

    _name = "crm.sla.report"
    _inherit = "crm.sla.report.mixin"
    _description = "Service-Level Report"
    _auto = False
    _rec_name = "ticket_id"
    _order = "date desc"

    ticket_id = fields.Many2one("crm.ticket", "Ticket", readonly=True)
    type_id = fields.Many2one("crm.ticket.type", "Service Type", readonly=True)
    team_id = fields.Many2one("crm.team", "Service Team", readonly=True)
    policy_id = fields.Many2one("crm.sla.policy", "Service-Level Policy", readonly=True)
    date = fields.Datetime("Date", readonly=True, help="Closed on, or the deadline of a breached open ticket.")
    ticket_count = fields.Integer("Tickets", readonly=True)

    def _sla_report_table(self):
        return "crm_ticket"

    def _sla_report_columns(self):
        return [("ticket_id", "c.id"), ("type_id", "c.type_id"), ("ticket_count", "1")]
