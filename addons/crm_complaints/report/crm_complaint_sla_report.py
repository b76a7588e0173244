# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The share of complaints that met their service level, per category, team and month."""
from odoo import api, fields, models, tools


class CrmComplaintSlaReport(models.Model):
    """One row per complaint whose service level is decided (met or breached); "Met (%)" averages to the
    share met in any grouping. Built from overridable pieces like Odoo's sale.report."""

    _name = "crm.complaint.sla.report"
    _description = "Complaint Service-Level Report"
    _auto = False
    _rec_name = "complaint_id"
    _order = "date desc"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", readonly=True)
    category_id = fields.Many2one("crm.complaint.category", "Category", readonly=True)
    team_id = fields.Many2one("crm.team", "Responsible Team", readonly=True)
    policy_id = fields.Many2one("crm.complaint.service.level", "Service-Level Policy", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    date = fields.Datetime("Date", readonly=True, help="Closed on, or the deadline of a breached open complaint.")
    sla_status = fields.Selection([("met", "Met"), ("breached", "Breached")], "Service Level", readonly=True)
    met_percent = fields.Float("Met (%)", readonly=True, group_operator="avg")
    paused_hours = fields.Float("Hours Waiting for Customer", readonly=True, group_operator="avg")
    complaint_count = fields.Integer("Complaints", readonly=True)

    def _select(self):
        return """
            SELECT c.id, c.id AS complaint_id, c.category_id, c.team_id, c.sla_policy_id AS policy_id,
                   c.commercial_partner_id AS partner_id, c.company_id,
                   coalesce(c.date_closed, c.sla_deadline) AS date, c.sla_status,
                   CASE WHEN c.sla_status = 'met' THEN 100.0 ELSE 0.0 END AS met_percent,
                   c.sla_paused_hours AS paused_hours, 1 AS complaint_count
        """

    def _from(self):
        return "FROM crm_complaint c"

    def _where(self):
        return "WHERE c.sla_status IN ('met', 'breached') AND c.duplicate_of_id IS NULL"  # a duplicate is no case

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE OR REPLACE VIEW {} AS ({} {} {})".format(
            self._table, self._select(), self._from(), self._where()))
