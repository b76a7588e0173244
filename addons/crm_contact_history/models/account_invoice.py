# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    date_paid = fields.Date("Paid On", readonly=True, copy=False,
                            help="The day the invoice was settled: the latest payment or credit note matched "
                                 "with it. Payment behaviour is graded from this date and the due date.")

    @api.model_cr
    def init(self):
        # customer figures and payment behaviour aggregate a customer's invoices
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS account_invoice_commercial_partner_crm_idx
                ON account_invoice (commercial_partner_id, type, state)
        """)

    @api.multi
    def write(self, values):
        """Validating an invoice, its payment (reconciliation) or reopening it changes the customer's
        payment behaviour: note the day it was paid and regrade those customers at once."""
        result = super().write(values)
        if "state" in values:
            customer_invoices = self.filtered(lambda inv: inv.type == "out_invoice")
            if customer_invoices:
                customer_invoices._update_date_paid()
                self.env["res.partner"]._recompute_payment_behaviour(
                    customer_invoices.mapped("commercial_partner_id").ids)
        return result

    @api.multi
    def _update_date_paid(self):
        """Set `date_paid` of paid invoices (clear it on the others) in one query; all invoices when
        called on an empty recordset (at install)."""
        self.env.cr.execute("""
            UPDATE account_invoice i SET date_paid = CASE WHEN i.state = 'paid' THEN (
                SELECT max(apr.max_date) FROM account_move_line l
                JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                WHERE l.move_id = i.move_id AND l.account_id = i.account_id) END
            WHERE i.type = 'out_invoice' AND (i.id IN %s OR %s)
        """, [tuple(self.ids) or (0,), not self])
        self.invalidate_cache(["date_paid"], self.ids or None)
