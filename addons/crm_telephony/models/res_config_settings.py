# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Telephony settings: secrets shown masked and replaced only when a new value is typed."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_telephony_call import DEFAULT_RING_TIMEOUT, RING_TIMEOUT_PARAM
from .crm_telephony_secret import mask

# settings field -> secret (crm.telephony.secret._store): replaced only when a new value is typed
NEW_SECRETS = {
    "sipgate_token_new": "sipgate_token",
    "placetel_secret_new": "placetel_secret",
    "telephony_api_key_new": "telephony_api_key",
}
ADMIN = "base.group_system"


class ResConfigSettings(models.TransientModel):
    """The secrets' fields are for administrators only, and read crm.telephony.secret (whose access rights
    name administrators only) without superuser rights: for anyone else they stay empty on every road."""

    _inherit = "res.config.settings"

    sipgate_public_key = fields.Text(related="company_id.sipgate_public_key")
    sipgate_api_url = fields.Char(related="company_id.sipgate_api_url")
    sipgate_token_id = fields.Char("sipgate Token ID", groups=ADMIN)
    telephony_fallback_group_id = fields.Many2one(related="company_id.telephony_fallback_group_id")
    sipgate_token_new = fields.Char("sipgate Token", groups=ADMIN)
    sipgate_token_hint = fields.Char("Current sipgate Token", compute="_compute_secret_hints", groups=ADMIN)
    placetel_secret_new = fields.Char("Placetel Webhook Secret", groups=ADMIN)
    placetel_secret_hint = fields.Char("Current Placetel Secret", compute="_compute_secret_hints", groups=ADMIN)
    telephony_api_key_new = fields.Char("Telephony API Key", groups=ADMIN)
    telephony_api_key_hint = fields.Char("Current API Key", compute="_compute_secret_hints", groups=ADMIN)
    telephony_webhook_base = fields.Char("Webhook Address", compute="_compute_telephony_webhook_base")
    telephony_ring_timeout = fields.Integer(
        "Ringing Calls Missed After (Minutes)", default=DEFAULT_RING_TIMEOUT,
        help="A call still ringing this long without an end event from the telephone system is closed as "
             "missed (with a call-back task); answered calls are closed after 8 hours.")

    @api.depends("company_id")
    def _compute_secret_hints(self):
        for settings in self:
            secret = settings._telephony_secret(settings.company_id)
            settings.sipgate_token_hint = mask(secret.sipgate_token)
            settings.placetel_secret_hint = mask(secret.placetel_secret)
            settings.telephony_api_key_hint = secret.api_key_hint or ""

    def _compute_telephony_webhook_base(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for settings in self:
            settings.telephony_webhook_base = "%s/crm_telephony/" % base_url

    @api.constrains("telephony_ring_timeout")
    def _check_telephony_ring_timeout(self):
        if any(settings.telephony_ring_timeout < 1 for settings in self):
            raise ValidationError(_("Ringing calls are closed after one minute at the earliest."))

    @api.model
    def get_values(self):
        values = super().get_values()
        values["sipgate_token_id"] = self._telephony_secret(self.env.user.company_id).sipgate_token_id or False
        values["telephony_ring_timeout"] = self.env["crm.telephony.call"]._ring_timeout_minutes()
        return values

    @api.multi
    def set_values(self):
        """Store the token id and each newly typed secret; the typed values do not stay in the wizard."""
        result = super().set_values()
        for settings in self:
            self.env["ir.config_parameter"].sudo().set_param(RING_TIMEOUT_PARAM, str(settings.telephony_ring_timeout))
            secrets = {name: settings[field] for field, name in NEW_SECRETS.items() if settings[field]}
            current = self._telephony_secret(settings.company_id)
            if (settings.sipgate_token_id or False) != (current.sipgate_token_id or False):
                secrets["sipgate_token_id"] = settings.sipgate_token_id
            if secrets:
                self.env["crm.telephony.secret"]._store(settings.company_id, secrets)
                settings.write(dict.fromkeys(NEW_SECRETS, False))
        return result

    @api.model
    def _telephony_secret(self, company):
        """The secrets of `company` for an administrator; nothing (an empty record) for anyone else."""
        if not self.env.user.has_group(ADMIN):
            return self.env["crm.telephony.secret"]
        return self.env["crm.telephony.secret"]._of_company(company)
