# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Events that change a customer's evaluation inputs re-evaluate that customer at once."""
from odoo import api, models


class AccountInvoice(models.Model):
    """Validated, paid, reopened or cancelled invoices and credit notes change revenue and grade."""

    _inherit = "account.invoice"

    @api.multi
    def write(self, values):
        result = super().write(values)
        if "state" in values:
            self.filtered(lambda inv: inv.type in ("out_invoice", "out_refund")).mapped(
                "commercial_partner_id")._crm_evaluate_events()
        return result


class SaleOrder(models.Model):
    """A confirmed order changes the order interval and the days since the last order."""

    _inherit = "sale.order"

    @api.multi
    def action_confirm(self):
        result = super().action_confirm()
        self.mapped("partner_id")._crm_evaluate_events()
        return result


class CrmCustomerInsight(models.Model):
    """A new insight changes the sentiment of the last 90 days."""

    _inherit = "crm.customer.insight"

    @api.model
    def create(self, values):
        insight = super().create(values)
        insight.partner_id._crm_evaluate_events()
        return insight
