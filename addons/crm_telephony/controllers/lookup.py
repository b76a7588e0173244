# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The caller's name and status line as plain text, for telephone systems that show a caller name."""
from werkzeug.wrappers import Response

from odoo import http
from odoo.http import request

from .main import TelephonyWebhookController
from .raw_body import PREFIX


class TelephonyLookupController(http.Controller):
    """GET /crm_telephony/lookup?number=... with the API key (X-Api-Key): one line of UTF-8 text, e.g.
    `Müller GmbH · B · 1 Reklamation offen`, empty for an unknown number (as 3CX's lookup, which it shares
    its answer with)."""

    @http.route(PREFIX + "lookup", type="http", auth="none", methods=["GET"], csrf=False, save_session=False)
    def lookup(self, number=None, **_params):
        if not request.db:
            return Response("No database\n", status=404, content_type="text/plain; charset=utf-8")
        webhooks = TelephonyWebhookController
        with webhooks._cursor() as cr:
            env = webhooks._webhook_env(cr)
            company = webhooks._authenticate(env, "3cx", b"")
            if not company:
                return Response("Forbidden\n", status=403, content_type="text/plain; charset=utf-8")
            company = env["crm.telephony.webhook"]._as_webhook_user(company)
            answer = company.env["crm.telephony.webhook"]._provider("3cx")._contact_lookup(company, number, "")
        return Response((answer["contact"].get("status") or "") + "\n", content_type="text/plain; charset=utf-8")
