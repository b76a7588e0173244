# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The replacement wizard: a quotation for a replacement, free or at a chosen price."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmComplaintReplacement(models.TransientModel):
    """Remedy as an ERP document: a quotation for a replacement, free of charge or at a chosen price."""

    _name = "crm.complaint.replacement"
    _description = "Replacement Quotation from a Complaint"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", "Product", required=True, domain=[("sale_ok", "=", True)])
    quantity = fields.Float(default=1.0, required=True)
    pricing = fields.Selection([("free", "Free of charge"), ("price", "Chosen price")], default="free",
                               required=True)
    price_unit = fields.Float("Unit Price")

    @api.model
    def default_get(self, field_names):
        values = super().default_get(field_names)
        complaint = self.env["crm.complaint"].browse(values.get("complaint_id"))
        if complaint.product_id and "product_id" in field_names:
            values["product_id"] = complaint.product_id.id
        return values

    @api.multi
    def action_create_replacement(self):
        self.ensure_one()
        complaint = self.complaint_id
        if not complaint.partner_id:
            raise UserError(_("Assign the customer to complaint %s before creating a replacement.") % complaint.name)
        if self.quantity <= 0:
            raise UserError(_("The quantity of the replacement must be positive."))
        if self.pricing == "price" and self.price_unit < 0:
            raise UserError(_("The price of the replacement cannot be negative."))
        price = self.price_unit if self.pricing == "price" else 0.0
        order = self.env["sale.order"].create({
            "partner_id": complaint.partner_id.id,
            "complaint_id": complaint.id,
            "origin": complaint.name,
            "client_order_ref": complaint.name,
            "note": _("Replacement for complaint %(complaint)s: %(subject)s") % {
                "complaint": complaint.name, "subject": complaint.subject},
        })
        line = self.env["sale.order.line"].create({
            "order_id": order.id,
            "product_id": self.product_id.id,
            "name": _("Replacement: %s") % self.product_id.display_name,
            "product_uom_qty": self.quantity,
            "product_uom": self.product_id.uom_id.id,
            "price_unit": price,
        })
        line._compute_tax_id()
        if not complaint.remedy_type:
            complaint.remedy_type = "replacement"
        complaint.message_post(body=_("Replacement quotation %(order)s created (%(price)s).") % {
            "order": order.name,
            "price": _("free of charge") if self.pricing == "free" else _("unit price %s") % price},
            message_type="comment", subtype="mail.mt_note")
        order.message_post(body=_("Created from complaint %s.") % complaint.name,
                           message_type="comment", subtype="mail.mt_note")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
