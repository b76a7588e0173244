# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit notes know the complaint they remedy and the invoice line they credit."""
from odoo import fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", index=True, copy=False, readonly=True,
                                   help="The complaint this credit note remedies.")


class AccountInvoiceLine(models.Model):
    _inherit = "account.invoice.line"

    complaint_origin_line_id = fields.Many2one(
        "account.invoice.line", "Credited Invoice Line", index=True, copy=False, readonly=True,
        help="The invoice line a complaint credit note line gives credit for; bounds what can be credited.")
