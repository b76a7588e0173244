# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings of the complaints: the early warning's limits and recipient, the A customers' escalation delay."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_complaint_early_warning import DEFAULT_COUNT, DEFAULT_DAYS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    early_warning_count = fields.Integer("Early warning after (similar complaints)")
    early_warning_days = fields.Integer("Within (days)")
    early_warning_user_id = fields.Many2one("res.users", "Product manager for early warnings")
    key_account_escalation_days = fields.Integer("A customers' complaints escalate after (working days)")

    @api.constrains("early_warning_count", "early_warning_days", "key_account_escalation_days")
    def _check_early_warning(self):
        for settings in self:
            if settings.early_warning_count < 2 or settings.early_warning_days < 1:
                raise ValidationError(_("An early warning needs at least 2 complaints within at least 1 day."))
            if settings.key_account_escalation_days < 1:
                raise ValidationError(_("A customers' complaints escalate after one working day at the earliest."))

    @api.model
    def get_values(self):
        values = super().get_values()
        get = self.env["ir.config_parameter"].sudo().get_param
        rule = self.env.ref("crm_complaints.base_automation_key_account_complaint", raise_if_not_found=False)
        values.update(
            early_warning_count=int(get("crm_complaints.early_warning_count", DEFAULT_COUNT)),
            early_warning_days=int(get("crm_complaints.early_warning_days", DEFAULT_DAYS)),
            early_warning_user_id=int(get("crm_complaints.early_warning_user_id") or 0) or False,
            key_account_escalation_days=rule.sudo().trg_date_range if rule else 5,
        )
        return values

    @api.multi
    def set_values(self):
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("crm_complaints.early_warning_count", str(self.early_warning_count))
        params.set_param("crm_complaints.early_warning_days", str(self.early_warning_days))
        params.set_param("crm_complaints.early_warning_user_id", str(self.early_warning_user_id.id or ""))
        rule = self.env.ref("crm_complaints.base_automation_key_account_complaint", raise_if_not_found=False)
        if rule and rule.sudo().trg_date_range != self.key_account_escalation_days:
            rule.sudo().trg_date_range = self.key_account_escalation_days
        return result
