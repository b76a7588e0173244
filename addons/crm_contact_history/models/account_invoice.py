# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.multi
    def write(self, values):
        """Validating an invoice, its payment (reconciliation) or reopening it changes the customer's
        payment behaviour: regrade those customers at once."""
        result = super().write(values)
        if "state" in values:
            customers = self.filtered(lambda inv: inv.type == "out_invoice").mapped("commercial_partner_id")
            if customers:
                self.env["res.partner"]._recompute_payment_behaviour(customers.ids)
        return result
