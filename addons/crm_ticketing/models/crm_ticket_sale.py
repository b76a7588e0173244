# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A ticket's quotation from its planned steps, and the invoice of the actual hours and material."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from .crm_ticket import OPEN_STEP_STATES


class CrmTicket(models.Model):
    """One sales order per ticket: quoted at the planned cost, invoiced at the actual work."""

    _inherit = "crm.ticket"

    sale_order_id = fields.Many2one("sale.order", "Sales Order", copy=False, track_visibility="onchange",
                                    help="The quotation or order of this service, made from its steps.")
    invoice_count = fields.Integer(related="sale_order_id.invoice_count", readonly=True)

    @api.multi
    def action_open_sale_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.multi
    def action_create_quotation(self):
        """A quotation with one service line per step (planned hours at its rate) and its material."""
        self.ensure_one()
        if self.sale_order_id:
            raise UserError(_("Ticket %(ticket)s already has the sales order %(order)s.") % {
                "ticket": self.name, "order": self.sale_order_id.name})
        if not self.partner_id:
            raise UserError(_("Set the customer of ticket %s before making a quotation.") % self.name)
        steps = self.step_ids.filtered(lambda s: s.state != "cancelled")
        if not steps:
            raise UserError(_("Ticket %s has no steps to quote: choose a service type first.") % self.name)
        order = self.env["sale.order"].create({
            "partner_id": self.partner_id.id,
            "origin": self.name,
            "client_order_ref": self.title or self.name,
            "company_id": self.company_id.id,
            "team_id": self.team_id.id,
        })
        for step in steps.sorted(lambda s: (s.sequence, s.id)):
            step._create_sale_lines(order)
        self.sale_order_id = order
        self._post_note(_("Quotation %s created from the planned steps.") % html_escape(order.name))
        return self.action_open_sale_order()

    @api.multi
    def action_invoice_actuals(self):
        """Once the work is done: the order lines take the actual hours and material, and are invoiced."""
        self.ensure_one()
        if not self.sale_order_id:
            raise UserError(_("Create the quotation of ticket %s first.") % self.name)
        if self.step_ids.filtered(lambda s: s.state in OPEN_STEP_STATES):
            raise UserError(_("Ticket %s still has open steps: invoice once all steps are done or cancelled.")
                            % self.name)
        order = self.sale_order_id
        if order.state in ("draft", "sent"):
            order.action_confirm()
        for step in self.step_ids:
            step._update_sale_lines_to_actuals()
        invoices = self.env["account.invoice"].browse(order.action_invoice_create())
        self._post_note(_("Invoiced the actual hours and material: %s.") % html_escape(
            ", ".join(invoices.mapped("display_name"))))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": invoices[:1].id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_form").id, "form")],
        }
