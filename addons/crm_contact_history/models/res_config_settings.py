# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    payment_grade_a_days = fields.Integer(
        "Grade A up to (days late)", default=5,
        config_parameter="crm_contact_history.payment_grade_a_days")
    payment_grade_b_days = fields.Integer(
        "Grade B up to (days late)", default=15,
        config_parameter="crm_contact_history.payment_grade_b_days")
    payment_grade_c_days = fields.Integer(
        "Grade C up to (days late)", default=30,
        config_parameter="crm_contact_history.payment_grade_c_days")

    @api.constrains("payment_grade_a_days", "payment_grade_b_days", "payment_grade_c_days")
    def _check_payment_grade_days(self):
        for settings in self:
            if not (0 <= settings.payment_grade_a_days < settings.payment_grade_b_days
                    < settings.payment_grade_c_days):
                raise ValidationError(_("The payment grade limits must grow: 0 <= A < B < C days late."))

    @api.multi
    def set_values(self):
        super().set_values()
        self.env["res.partner"]._recompute_payment_behaviour()
