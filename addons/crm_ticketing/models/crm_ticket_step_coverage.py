# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who pays a step's planned labour and material: the customer, the warranty or the maintenance contract."""
from odoo import api, fields, models

from .crm_ticket_coverage import COVERAGE, COVERED


class CrmTicketStep(models.Model):
    """The ticket decides the coverage of each planned cost (crm_ticket_coverage.py); covered lines stay on
    the quotation, at a 100 % discount and marked with the reason, as customers expect to see them."""

    _inherit = "crm.ticket.step"

    # not required: steps written by SQL (imports, the benchmarks) without a coverage are chargeable
    labour_coverage = fields.Selection(COVERAGE, "Labour Paid by", default="chargeable")
    material_coverage = fields.Selection(COVERAGE, "Material Paid by", default="chargeable")
    customer_cost = fields.Monetary("Customer Cost", compute="_compute_customer_cost", store=True,
                                    help="The planned cost the customer pays.")
    internal_cost = fields.Monetary("Internal Cost", compute="_compute_customer_cost", store=True,
                                    help="The planned cost covered by warranty or maintenance contract.")

    @api.depends("planned_hours", "labour_rate", "material_cost", "labour_coverage", "material_coverage")
    def _compute_customer_cost(self):
        for step in self:
            labour = step.planned_hours * step.labour_rate
            customer = (0.0 if step.labour_coverage in COVERED else labour) + (
                0.0 if step.material_coverage in COVERED else step.material_cost)
            step.customer_cost = customer
            step.internal_cost = labour + step.material_cost - customer

    def _labour_line_values(self, order):
        return self._covered_line_values(super()._labour_line_values(order), self.labour_coverage, order)

    def _material_line_values(self, order, price, qty_delivered):
        return self._covered_line_values(super()._material_line_values(order, price, qty_delivered),
                                         self.material_coverage, order)

    def _covered_line_values(self, values, coverage, order):
        """A covered line is billed at 100 % discount and names the reason in the customer's language."""
        if coverage not in COVERED:
            return values
        env = self.with_context(lang=order.partner_id.lang or self.env.lang).env
        reason = dict(self._fields["labour_coverage"]._description_selection(env))[coverage]
        return dict(values, discount=100.0, name="%s (%s)" % (values["name"], reason))
