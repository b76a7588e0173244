# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every telephone system's webhook model provides, and the helpers they share."""
from odoo import api, models

from .webhook_signature import bearer_token, key_digest, same_secret


class CrmTelephonyProvider(models.AbstractModel):
    """The contract of a telephone system behind the webhooks (crm.telephony.webhook dispatches to it):

    * `_authenticate(raw, headers, company_id=None)`: the company whose secret authenticates the raw
      body, or None; by default the company's telephony API key (3CX, PBX scripts);
    * `_parse(raw)`: one normalised event (see crm.telephony.call.event), BadEvent with the reason when it
      is none: a pure function of webhook_parsers.py, which checks every value it reads.

    A provider is a model ``_inherit``-ing this one, registered in `crm.telephony.webhook._providers()`."""

    _name = "crm.telephony.provider"
    _description = "Telephone System"

    @api.model
    def _authenticate(self, raw, headers, company_id=None):
        """The company whose telephony API key the request carries (X-Api-Key or a bearer token), compared
        by its SHA-256 (the key itself is not kept); only `company_id`, when given."""
        given = headers.get("X-Api-Key", "") or bearer_token(headers.get("Authorization", ""))
        digest = key_digest(given) if given else ""
        return self._company_with_secret("telephony_api_key", company_id,
                                         lambda secret: same_secret(secret, digest))

    @api.model
    def _parse(self, raw):
        raise NotImplementedError()

    # ------------------------------------------------------------------ shared by the providers

    @api.model
    def _company_with_secret(self, field, company_id, matches):
        """The company (only `company_id`, when given) whose secret in `field` passes `matches(secret)`,
        or None."""
        for secret in self.env["res.company"]._telephony_webhook_secrets(field):
            if (not company_id or secret.company_id == company_id) and matches(secret.secret):
                return self.env["res.company"].browse(secret.company_id)
        return None
