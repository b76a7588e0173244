# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

GRADE_PARAMETERS = {
    "payment_grade_a_days": "crm_contact_history.payment_grade_a_days",
    "payment_grade_b_days": "crm_contact_history.payment_grade_b_days",
    "payment_grade_c_days": "crm_contact_history.payment_grade_c_days",
}


class ResConfigSettings(models.TransientModel):
    """Payment grade limits, stored as system parameters (Odoo 11.0 has no `config_parameter`)."""

    _inherit = "res.config.settings"

    payment_grade_a_days = fields.Integer("Grade A up to (days late)")
    payment_grade_b_days = fields.Integer("Grade B up to (days late)")
    payment_grade_c_days = fields.Integer("Grade C up to (days late)")

    @api.constrains("payment_grade_a_days", "payment_grade_b_days", "payment_grade_c_days")
    def _check_payment_grade_days(self):
        for settings in self:
            if not (0 <= settings.payment_grade_a_days < settings.payment_grade_b_days
                    < settings.payment_grade_c_days):
                raise ValidationError(_("The payment grade limits must grow: 0 <= A < B < C days late."))

    @api.model
    def get_values(self):
        values = super().get_values()
        limits = self.env["res.partner"]._payment_grade_limits()
        values.update(payment_grade_a_days=limits["A"], payment_grade_b_days=limits["B"],
                      payment_grade_c_days=limits["C"])
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
        return result
