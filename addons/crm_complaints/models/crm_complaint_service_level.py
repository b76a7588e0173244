# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service-level policies of complaints: response and resolution targets per category, severity or customer."""
from odoo import fields, models

from .crm_complaint import SEVERITIES


class CrmComplaintServiceLevel(models.Model):
    """The targets a complaint must meet. The most specific policy applies: one for the customer before one
    for the category, before one for the severity, before a general one."""

    _name = "crm.complaint.service.level"
    _inherit = "crm.sla.policy.mixin"
    _description = "Complaint Service-Level Policy"
    _order = "sequence, id"

    category_id = fields.Many2one("crm.complaint.category", "Category", ondelete="cascade",
                                  help="Empty: complaints of every category.")
    severity = fields.Selection(SEVERITIES, help="Empty: complaints of every severity.")

    def _sla_criteria(self):
        return [("category_id", lambda complaint: complaint.category_id),
                ("severity", lambda complaint: (complaint.severity,))]

    def _sla_specificity(self):
        return super()._sla_specificity() + 2 * bool(self.category_id) + bool(self.severity)
