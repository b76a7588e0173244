# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephone systems' secrets of each company, in a table only administrators reach."""
from odoo import api, fields, models

from .webhook_signature import key_digest

# the names under which res.company and the Settings take the secrets (write-only on res.company)
SECRET_FIELDS = ("telephony_api_key", "placetel_secret", "sipgate_token_id", "sipgate_token")


def mask(secret):
    """'••••••cdef' for a stored secret: enough to recognise it, never enough to use it."""
    if not secret:
        return ""
    return "\u2022" * 6 + (secret[-4:] if len(secret) > 8 else "")


class CrmTelephonySecret(models.Model):
    """One row per company: the SHA-256 of its API key (the key itself is not kept), the Placetel secret
    (its HMAC needs it) and the sipgate token. Its access rights name Settings (base.group_system) only, so
    for everyone else each road of the ORM (read, read_group, search, export, onchange, related fields)
    ends in an access error; the webhooks read it with one SQL query (res.company's
    `_telephony_webhook_secrets`)."""

    _name = "crm.telephony.secret"
    _description = "Telephony Secrets"
    _rec_name = "company_id"

    company_id = fields.Many2one("res.company", "Company", required=True, ondelete="cascade")
    api_key_digest = fields.Char("API Key (SHA-256)", copy=False)
    api_key_hint = fields.Char("Current API Key", copy=False)
    placetel_secret = fields.Char("Placetel Webhook Secret", copy=False)
    sipgate_token_id = fields.Char("sipgate Token ID", copy=False)
    sipgate_token = fields.Char("sipgate Token", copy=False)

    _sql_constraints = [
        ("company_unique", "UNIQUE(company_id)", "A company has one set of telephony secrets."),
    ]

    @api.model
    def create(self, values):
        self.clear_caches()  # res.company._telephony_webhook_secrets
        return super().create(values)

    @api.multi
    def write(self, values):
        self.clear_caches()
        return super().write(values)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super().unlink()

    @api.model
    def _of_company(self, company):
        """The secrets of `company` (an empty record when none are set)."""
        return self.search([("company_id", "=", company.id)], limit=1)

    @api.model
    def _store(self, company, values):
        """Set the secrets of `company` given under the names of SECRET_FIELDS; an empty value clears one.
        The API key is kept as its SHA-256 and a masked hint."""
        row = {}
        for name, value in values.items():
            if name == "telephony_api_key":
                row.update(api_key_digest=key_digest(value) if value else False, api_key_hint=mask(value))
            else:
                row[name] = value or False
        secret = self._of_company(company)
        if secret:
            secret.write(row)
        else:
            self.create(dict(row, company_id=company.id))
