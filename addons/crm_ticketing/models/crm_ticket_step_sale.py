# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A step's order lines: its hours at the labour rate and its material, quoted as planned, invoiced as done."""
from odoo import _, fields, models


class CrmTicketStep(models.Model):
    """Each step owns the order lines made from it, so the actual work updates exactly those lines."""

    _inherit = "crm.ticket.step"

    sale_line_id = fields.Many2one("sale.order.line", "Order Line", readonly=True, copy=False)
    material_line_id = fields.Many2one("sale.order.line", "Material Order Line", readonly=True, copy=False)

    def _create_sale_lines(self, order):
        """The order lines of the step on `order`: its hours at the labour rate, and its material if any."""
        self.ensure_one()
        lines = self.env["sale.order.line"]
        line = lines.create(self._labour_line_values(order))
        material = lines
        if self.material_cost:
            material = lines.create(self._material_line_values(order, self.material_cost, qty_delivered=False))
        self.write({"sale_line_id": line.id, "material_line_id": material.id})
        return line | material

    def _update_sale_lines_to_actuals(self):
        """Order lines take the actual hours and material of the step (none for a cancelled step)."""
        self.ensure_one()
        hours = self.actual_hours if self.state == "done" else 0.0
        material = self.actual_material_cost if self.state == "done" else 0.0
        if self.sale_line_id:
            self.sale_line_id.write({"product_uom_qty": hours, "qty_delivered": hours})
        if self.material_line_id:
            self.material_line_id.write({"price_unit": material, "product_uom_qty": 1.0 if material else 0.0,
                                         "qty_delivered": 1.0 if material else 0.0})
        elif material:
            self.material_line_id = self.env["sale.order.line"].create(self._material_line_values(
                self.ticket_id.sale_order_id, material, qty_delivered=True))

    def _labour_line_values(self, order):
        """The planned hours of the step at its labour rate, as the step's service product."""
        product = self.product_id or self.env.ref("crm_ticketing.product_service_labour")
        return {
            "order_id": order.id,
            "product_id": product.id,
            "name": "%s: %s" % (self.ticket_id.name, self.name),
            "product_uom_qty": self.planned_hours,
            "product_uom": product.uom_id.id,
            "price_unit": self.labour_rate,
        }

    def _material_line_values(self, order, price, qty_delivered):
        """One unit of the service material product at `price`, delivered already when invoiced as done."""
        product = self.env.ref("crm_ticketing.product_service_material")
        values = {
            "order_id": order.id,
            "product_id": product.id,
            "name": _("%(ticket)s: material for %(step)s") % {"ticket": self.ticket_id.name, "step": self.name},
            "product_uom_qty": 1.0,
            "product_uom": product.uom_id.id,
            "price_unit": price,
        }
        if qty_delivered:
            values["qty_delivered"] = 1.0
        return values
