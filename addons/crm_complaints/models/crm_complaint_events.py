# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a new complaint or customer insight sets off: the early-warning check for product management and the
customer's re-evaluation. The one place where this add-on hooks into their creation."""
from odoo import api, models


class CrmComplaint(models.Model):
    """A new complaint may complete an early warning and changes the customer's evaluation."""

    _inherit = "crm.complaint"

    @api.model
    def create(self, values):
        complaint = super().create(values)
        self.env["crm.complaint.early.warning"].sudo().check_complaint(complaint.sudo())
        complaint.commercial_partner_id._crm_evaluate_events()
        return complaint


class CrmCustomerInsight(models.Model):
    """A negative remark about a product may complete an early warning (the base re-evaluates the customer)."""

    _inherit = "crm.customer.insight"

    @api.model
    def create(self, values):
        insight = super().create(values)
        self.env["crm.complaint.early.warning"].sudo().check_insight(insight.sudo())
        return insight
