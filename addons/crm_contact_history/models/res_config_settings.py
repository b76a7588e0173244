# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings of the customer file: payment grade limits, the evaluation's thresholds and weights."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_customer_evaluation_run import DEFAULT_PARAMETERS, DEFAULT_WEIGHTS

GRADE_PARAMETERS = {
    "payment_grade_a_days": "crm_contact_history.payment_grade_a_days",
    "payment_grade_b_days": "crm_contact_history.payment_grade_b_days",
    "payment_grade_c_days": "crm_contact_history.payment_grade_c_days",
}

# settings field -> the evaluation parameter it stores (crm_contact_history.evaluation_<name>)
EVALUATION_FIELDS = dict({"evaluation_%s" % key: key for key in DEFAULT_PARAMETERS},
                         **{"evaluation_weight_%s" % key: "weight_" + key for key in DEFAULT_WEIGHTS})


class ResConfigSettings(models.TransientModel):
    """Payment grade limits, stored as system parameters (Odoo 11.0 has no `config_parameter`)."""

    _inherit = "res.config.settings"

    payment_grade_a_days = fields.Integer("Grade A up to (days late)")
    payment_grade_b_days = fields.Integer("Grade B up to (days late)")
    payment_grade_c_days = fields.Integer("Grade C up to (days late)")
    evaluation_abc_a_share = fields.Float("Class A: first share of revenue (%)")
    evaluation_abc_b_share = fields.Float("Class B: up to share of revenue (%)")
    evaluation_gap_factor = fields.Float("High risk after (times the usual interval)")
    evaluation_revenue_drop = fields.Float("Risk from a revenue drop of (%)")
    evaluation_negative_insights = fields.Integer("Risk from negative remarks in 90 days")
    evaluation_weight_trend = fields.Float("Weight: revenue trend")
    evaluation_weight_gap = fields.Float("Weight: order gap")
    evaluation_weight_payment = fields.Float("Weight: payment grade")
    evaluation_weight_complaints = fields.Float("Weight: complaints")
    evaluation_weight_sentiment = fields.Float("Weight: sentiment of insights")
    evaluation_weight_contact = fields.Float("Weight: time since the last contact")

    @api.constrains("payment_grade_a_days", "payment_grade_b_days", "payment_grade_c_days")
    def _check_payment_grade_days(self):
        for settings in self:
            if not (0 <= settings.payment_grade_a_days < settings.payment_grade_b_days
                    < settings.payment_grade_c_days):
                raise ValidationError(_("The payment grade limits must grow: 0 <= A < B < C days late."))

    @api.constrains("evaluation_abc_a_share", "evaluation_abc_b_share", "evaluation_gap_factor")
    def _check_evaluation(self):
        for settings in self:
            if not 0 < settings.evaluation_abc_a_share < settings.evaluation_abc_b_share <= 100:
                raise ValidationError(_("The ABC shares must grow: 0 < A < B <= 100 %."))
            if settings.evaluation_gap_factor <= 1:
                raise ValidationError(_("The order gap of a high risk must be more than the usual interval."))

    @api.model
    def get_values(self):
        values = super().get_values()
        limits = self.env["res.partner"]._payment_grade_limits()
        values.update(payment_grade_a_days=limits["A"], payment_grade_b_days=limits["B"],
                      payment_grade_c_days=limits["C"])
        evaluation = self.env["crm.customer.evaluation.run"]._parameters()
        weights = dict(zip(evaluation["components"], evaluation["weights"]))
        for field_name, key in EVALUATION_FIELDS.items():
            value = weights[key[7:]] if key.startswith("weight_") else evaluation[key]
            values[field_name] = int(value) if self._fields[field_name].type == "integer" else value
        return values

    @api.multi
    def set_values(self):
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        changed = False
        for field_name, key in GRADE_PARAMETERS.items():
            value = str(self[field_name])
            if params.get_param(key) != value:
                params.set_param(key, value)
                changed = True
        if changed:
            self.env["res.partner"]._recompute_payment_behaviour()
        for field_name, key in EVALUATION_FIELDS.items():
            params.set_param("crm_contact_history.evaluation_" + key, str(self[field_name]))
        return result
