# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Replacement quotations know the complaint they remedy."""
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", index=True, copy=False, readonly=True,
                                   help="The complaint this replacement remedies.")
