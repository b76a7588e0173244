# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every telephone system's webhook model provides, and the helpers they share."""
import json
import re
from urllib.parse import parse_qsl

from odoo import api, models

from .webhook_signature import bearer_token, same_secret

ARRAY_KEY = re.compile(r"(\[\d*\])+$")


class BadEvent(ValueError):
    """The request is authentic but not an event we understand (HTTP 400)."""


class CrmTelephonyProvider(models.AbstractModel):
    """The contract of a telephone system behind the webhooks (crm.telephony.webhook dispatches to it):

    * `_authenticate(raw, headers, company_id=None)`: the company whose secret authenticates the raw
      body, or None; by default the company's telephony API key (3CX, PBX scripts);
    * `_parse(raw)`: one normalised event (see crm.telephony.call.event), BadEvent when it is none.

    A provider is a model ``_inherit``-ing this one, registered in `crm.telephony.webhook._providers()`."""

    _name = "crm.telephony.provider"
    _description = "Telephone System"

    @api.model
    def _authenticate(self, raw, headers, company_id=None):
        """The company whose telephony API key the request carries (X-Api-Key or a bearer token); only
        `company_id`, when given."""
        given = headers.get("X-Api-Key", "") or bearer_token(headers.get("Authorization", ""))
        return self._company_with_secret("telephony_api_key", company_id,
                                         lambda secret: same_secret(secret, given))

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

    @staticmethod
    def _form(raw):
        """Form fields as lists; `user[]`, `user[][0]` and `user[0]` all become `user`."""
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise BadEvent("body is not UTF-8")
        form = {}
        for key, value in pairs:
            form.setdefault(ARRAY_KEY.sub("", key), []).append(value)
        return form

    @staticmethod
    def _first(form, key):
        """The first value of a form field, '' when absent."""
        return (form.get(key) or [""])[0]

    @staticmethod
    def _json(raw):
        """The JSON object of the body."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadEvent("body is not JSON")
        if not isinstance(data, dict):
            raise BadEvent("body is not a JSON object")
        return data
