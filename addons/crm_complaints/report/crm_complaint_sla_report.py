# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The share of complaints that met their service level, per category, team and month."""
from odoo import fields, models


class CrmComplaintSlaReport(models.Model):
    """One row per complaint whose service level is decided (met or breached)."""

    _name = "crm.complaint.sla.report"
    _inherit = "crm.sla.report.mixin"
    _description = "Complaint Service-Level Report"
    _auto = False
    _rec_name = "complaint_id"
    _order = "date desc"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", readonly=True)
    category_id = fields.Many2one("crm.complaint.category", "Category", readonly=True)
    team_id = fields.Many2one("crm.team", "Responsible Team", readonly=True)
    policy_id = fields.Many2one("crm.complaint.service.level", "Service-Level Policy", readonly=True)
    date = fields.Datetime("Date", readonly=True, help="Closed on, or the deadline of a breached open complaint.")
    complaint_count = fields.Integer("Complaints", readonly=True)

    def _sla_report_table(self):
        return "crm_complaint"

    def _sla_report_columns(self):
        return [("complaint_id", "c.id"), ("category_id", "c.category_id"), ("complaint_count", "1")]
