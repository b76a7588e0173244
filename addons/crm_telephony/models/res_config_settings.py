# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Telephony settings: secrets shown masked and replaced only when a new value is typed."""
from odoo import api, fields, models

# settings field -> company field of the secrets: shown masked, replaced only when a new value is typed
SECRETS = {
    "sipgate_token_new": "sipgate_token",
    "placetel_secret_new": "placetel_secret",
    "telephony_api_key_new": "telephony_api_key",
}


def mask(secret):
    """'••••••cdef' for a stored secret: enough to recognise it, never enough to use it."""
    if not secret:
        return ""
    return "\u2022" * 6 + (secret[-4:] if len(secret) > 8 else "")


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sipgate_public_key = fields.Text(related="company_id.sipgate_public_key")
    sipgate_api_url = fields.Char(related="company_id.sipgate_api_url")
    sipgate_token_id = fields.Char(related="company_id.sipgate_token_id")
    telephony_fallback_group_id = fields.Many2one(related="company_id.telephony_fallback_group_id")
    sipgate_token_new = fields.Char("sipgate Token")
    sipgate_token_hint = fields.Char("Current sipgate Token", compute="_compute_secret_hints")
    placetel_secret_new = fields.Char("Placetel Webhook Secret")
    placetel_secret_hint = fields.Char("Current Placetel Secret", compute="_compute_secret_hints")
    telephony_api_key_new = fields.Char("Telephony API Key")
    telephony_api_key_hint = fields.Char("Current API Key", compute="_compute_secret_hints")
    telephony_webhook_base = fields.Char("Webhook Address", compute="_compute_secret_hints")

    @api.depends("company_id")
    def _compute_secret_hints(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for settings in self:
            company = settings.company_id.sudo()
            settings.sipgate_token_hint = mask(company.sipgate_token)
            settings.placetel_secret_hint = mask(company.placetel_secret)
            settings.telephony_api_key_hint = mask(company.telephony_api_key)
            settings.telephony_webhook_base = "%s/crm_telephony/" % base_url

    @api.multi
    def set_values(self):
        result = super().set_values()
        for settings in self:
            values = {company_field: settings[field] for field, company_field in SECRETS.items()
                      if settings[field]}
            if values:
                settings.company_id.sudo().write(values)
        return result
