# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephone systems' webhooks behind the controller: who sent it, what it says, applying it."""
from odoo import api, models


class CrmTelephonyWebhook(models.AbstractModel):
    """One request of a telephone system becomes one normalised event, applied to the call log.

    `_authenticate` (signature or API key over the raw body) and `_parse` dispatch to the provider's
    model named in `_providers()`; `_process` applies the event. The controller only does HTTP."""

    _name = "crm.telephony.webhook"
    _description = "Telephony Webhooks"

    @api.model
    def _providers(self):
        """{provider code: model}: the telephone systems whose webhooks we understand. A module adds one
        by extending this with a model that `_inherit`s crm.telephony.provider (and a route)."""
        return {
            "sipgate": "crm.telephony.provider.sipgate",
            "placetel": "crm.telephony.provider.placetel",
            "3cx": "crm.telephony.provider.3cx",
            "pbx": "crm.telephony.provider.pbx",
        }

    @api.model
    def _provider(self, provider):
        """The model of the telephone system `provider`."""
        return self.env[self._providers()[provider]]

    @api.model
    def _authenticate(self, provider, raw, headers, company_id=None):
        """The company whose secret authenticates this raw body (only `company_id`, when given), or None.
        The secrets are read with one SQL query (crm.telephony.secret: administrators only), never written
        or logged."""
        return self._provider(provider)._authenticate(raw, headers, company_id)

    @api.model
    def _parse(self, provider, raw):
        """One normalised event from the raw body; BadEvent with the reason when it is not an event we
        know (webhook_parsers.py checks every value, the call id included)."""
        event = self._provider(provider)._parse(raw)
        event["provider"] = provider
        return event

    @api.model
    def _process(self, company, event):
        """Apply the event as the company's technical webhook user; returns the call.

        No chatter tracking: the call's own dates and state are its log, and tracking every ring, answer
        and hangup would cost more than the rest of the webhook."""
        company = self._as_webhook_user(company)
        return company.env["crm.telephony.call.event"].with_context(
            tz=False, lang=company._telephony_locale().lang, mail_auto_subscribe_no_notify=True,
            tracking_disable=True,
        )._apply(company, event)

    @api.model
    def _as_webhook_user(self, company):
        """`company` in the environment of its own technical webhook user: this environment for the company
        of the shipped user (no query, no new cache), the company's own user for each further company."""
        uid = company._telephony_webhook_uid()
        return company.with_env(self.env) if uid == self.env.uid else company.sudo(uid)
