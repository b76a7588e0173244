# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The complaint rate report: complaints per 1000 units sold, per product and month (a SQL view)."""
from odoo import api, fields, models, tools


class CrmComplaintRateReport(models.Model):
    """Complaints per quantity sold, per product and month: where product management should look first.

    A SQL view built from overridable pieces (like Odoo's sale.report): `_select()`, `_from()`,
    `_group_by()`; `_from()` unions the complaint facts with the sold quantities of confirmed orders."""

    _name = "crm.complaint.rate.report"
    _description = "Complaint Rate per Product"
    _auto = False
    _order = "period desc, complaint_count desc"
    _rec_name = "product_id"

    product_id = fields.Many2one("product.product", "Product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    period = fields.Date("Month", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    complaint_count = fields.Integer("Complaints", readonly=True)
    quantity_sold = fields.Float("Quantity Sold", readonly=True)
    complaint_rate = fields.Float("Complaints per 1000 Sold", readonly=True, group_operator="avg",
                                  help="Complaints of the month divided by the quantity sold in that month, "
                                       "times 1000 (empty when nothing was sold).")

    @api.model
    def _select(self):
        return """
            SELECT row_number() OVER (ORDER BY facts.period, facts.product_id, facts.company_id) AS id,
                   facts.product_id, tmpl.categ_id, facts.period, facts.company_id,
                   sum(facts.complaints)::integer AS complaint_count, sum(facts.quantity) AS quantity_sold,
                   CASE WHEN sum(facts.quantity) > 0
                        THEN 1000.0 * sum(facts.complaints) / sum(facts.quantity) END AS complaint_rate
        """

    @api.model
    def _from(self):
        return """
            FROM (
                SELECT c.product_id, date_trunc('month', c.create_date)::date AS period, c.company_id,
                       1 AS complaints, 0 AS quantity
                FROM crm_complaint c
                WHERE c.product_id IS NOT NULL
                UNION ALL
                SELECT l.product_id, date_trunc('month', o.date_order)::date AS period, o.company_id,
                       0 AS complaints, l.product_uom_qty AS quantity
                FROM sale_order_line l
                JOIN sale_order o ON o.id = l.order_id
                WHERE o.state IN ('sale', 'done') AND o.complaint_id IS NULL AND l.product_id IS NOT NULL
            ) facts
            JOIN product_product prod ON prod.id = facts.product_id
            JOIN product_template tmpl ON tmpl.id = prod.product_tmpl_id
        """

    @api.model
    def _group_by(self):
        return "GROUP BY facts.product_id, tmpl.categ_id, facts.period, facts.company_id"

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE OR REPLACE VIEW %s AS (%s %s %s)" % (
            self._table, self._select(), self._from(), self._group_by()))
