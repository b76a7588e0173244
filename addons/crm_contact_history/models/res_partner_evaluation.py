# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The evaluation of a customer: ABC class, order behaviour, churn risk with its reasons, health score."""
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .crm_customer_evaluation import ABC_CLASSES, CHURN_RISKS

MINUS = "\u2212"


class ResPartner(models.Model):
    """Evaluation fields of commercial customers, written by `crm.customer.evaluation.run` (set-based SQL).

    The risk is written through the ORM, and only when it changed, so automated actions fire once per
    change; everything else is written by SQL."""

    _inherit = "res.partner"

    customer_abc_class = fields.Selection(ABC_CLASSES, "ABC Class", readonly=True, copy=False, index=True,
                                          help="A: the customers making the first 80 % of the last 12 months' "
                                               "invoiced revenue, B: the next 15 %, C: the rest (Settings). "
                                               "Set by the nightly evaluation.")
    customer_revenue_12m = fields.Monetary("Revenue (12 Months)", readonly=True, copy=False,
                                           currency_field="figures_currency_id",
                                           groups="account.group_account_invoice",
                                           help="Untaxed invoiced revenue minus credit notes, company currency.")
    customer_revenue_prev_12m = fields.Monetary("Revenue (12 Months Before)", readonly=True, copy=False,
                                                currency_field="figures_currency_id",
                                                groups="account.group_account_invoice")
    customer_revenue_trend = fields.Float("Revenue Trend (%)", digits=(16, 1), readonly=True, copy=False,
                                          help="Last 12 months against the 12 before.")
    customer_order_interval = fields.Float("Usual Order Interval (Days)", digits=(16, 1), readonly=True,
                                           copy=False, help="Median days between confirmed orders of the last "
                                                            "two years (needs three order days).")
    customer_days_since_order = fields.Integer("Days Since Last Order", readonly=True, copy=False)
    customer_churn_risk = fields.Selection(CHURN_RISKS, "Churn Risk", readonly=True, copy=False, index=True)
    customer_risk_data = fields.Text("Risk Reasons (Data)", readonly=True, copy=False,
                                     help="The reasons as codes and figures (JSON), rendered in the reader's "
                                          "language by Risk Reasons.")
    customer_risk_reasons = fields.Text("Risk Reasons", compute="_compute_customer_risk_reasons")
    customer_risk_first_reason = fields.Char("Main Risk Reason", compute="_compute_customer_risk_reasons")
    customer_health_score = fields.Integer("Health Score", readonly=True, copy=False, group_operator="avg",
                                           help="0-100 from order trend and gap, payment grade, complaints, "
                                                "sentiment of insights and time since the last contact; "
                                                "weights in Settings.")
    customer_evaluation_count = fields.Integer("Monthly Evaluations", compute="_compute_customer_evaluation_count")

    @api.depends("customer_risk_data")
    def _compute_customer_risk_reasons(self):
        reader = self.with_context(lang=self.env.lang or self.env.user.lang)  # XML-RPC sends no language
        for partner in self:
            texts = [reader._crm_risk_reason_text(reason) for reason in json.loads(
                partner.customer_risk_data or "[]")]
            texts = [text for text in texts if text]
            partner.customer_risk_reasons = "\n".join(texts)
            partner.customer_risk_first_reason = texts[0] if texts else False

    def _compute_customer_evaluation_count(self):
        counts = {group["partner_id"][0]: group["partner_id_count"] for group in self.env[
            "crm.customer.evaluation"].read_group([("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"])}
        for partner in self:
            partner.customer_evaluation_count = counts.get(partner.id, 0)

    @api.model
    def crm_evaluate(self, partner_ids=None):
        """Evaluate the given commercial customers (all when None) as the nightly job does; for managers
        (also over XML-RPC). Returns {'evaluated': customers, 'risk_changed': customers whose risk changed}."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales managers may run the customer evaluation."))
        return self.env["crm.customer.evaluation.run"].sudo().run(partner_ids)

    @api.multi
    def action_open_evaluations(self):
        """The customer's monthly evaluations as a graph (the trend of the health score)."""
        return self._crm_customer_action("crm_contact_history.crm_customer_evaluation_action",
                                         field="partner_id", title=_("Evaluation of %s"))

    @api.multi
    def _crm_evaluate_events(self):
        """Re-evaluate the customers of these partners after an event changed their inputs (an order
        confirmed, an invoice paid, an insight or complaint recorded), whoever caused it."""
        customers = {partner.commercial_partner_id.id for partner in self if partner.commercial_partner_id}
        if customers:
            self.env["crm.customer.evaluation.run"].sudo().run(sorted(customers))

    def _crm_risk_reason_text(self, reason):
        """One reason (a dict: code, severity, figures) as a sentence in the reader's language; modules
        adding signals add their codes by overriding this."""
        code = reason.get("code")
        if code == "order_gap":
            return _("Last order %(days)d days ago, usually every %(interval)d days") % reason
        if code == "revenue_drop":
            return _("Revenue %(trend)s %% on the previous year") % dict(
                reason, trend=("%+.0f" % reason["trend"]).replace("-", MINUS))
        if code == "negative_insights":
            return _("%(count)d negative remarks in %(days)d days") % reason
        if code == "grade_drop":
            return _("Payment behaviour fell from %(old)s to %(new)s") % reason
        return ""

    def _crm_grade_drop_note(self):
        """The history note of a payment grade fall (the grade rule's action)."""
        return _("Payment grade fell to %s: check the open items before the next delivery.") % self.payment_grade
