# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmCustomerInsight(models.Model):
    """What a customer said or showed: remarks from calls, visits, presentations and trade fairs,
    collected per customer and analysed across customers (market analysis)."""

    _name = "crm.customer.insight"
    _description = "Customer Insight"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "summary"

    partner_id = fields.Many2one("res.partner", "Customer", required=True, index=True, ondelete="cascade",
                                 track_visibility="onchange")
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, index=True,
                                            string="Company", readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one("res.users", "Author", required=True, default=lambda self: self.env.user)
    source = fields.Selection([
        ("call", "Call"),
        ("visit", "Visit"),
        ("presentation", "Product presentation"),
        ("email", "E-mail"),
        ("trade_fair", "Trade fair"),
        ("other", "Other"),
    ], required=True, default="call")
    category = fields.Selection([
        ("market", "Market analysis"),
        ("product", "Product feedback"),
        ("competitor", "Competitor"),
        ("payment", "Payment"),
        ("other", "Other"),
    ], required=True, default="product")
    sentiment = fields.Selection([
        ("positive", "Positive"),
        ("neutral", "Neutral"),
        ("negative", "Negative"),
    ], required=True, default="neutral", index=True)
    product_id = fields.Many2one("product.product", "Product", index=True)
    text = fields.Text(required=True)
    summary = fields.Char(compute="_compute_summary", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    @api.depends("text")
    def _compute_summary(self):
        for insight in self:
            first_line = (insight.text or "").strip().split("\n")[0]
            insight.summary = first_line[:77] + "..." if len(first_line) > 80 else first_line

    @api.constrains("text")
    def _check_text(self):
        for insight in self:
            if not (insight.text or "").strip():
                raise ValidationError(_("An insight needs a text: what did the customer say or show?"))
