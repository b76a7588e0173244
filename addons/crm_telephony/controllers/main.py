# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HTTP routes of the telephone systems: size limit, authenticity on the raw body, one event applied.

One helper serves every webhook; the raw body is kept, at most 64 KB, by the post_load patch of raw_body.py.
Every answer is a 2xx or 4xx the sender can act on, or a 503 with Retry-After when the database is down."""
import json
import logging
from contextlib import contextmanager
from xml.sax.saxutils import quoteattr

import psycopg2
from werkzeug.wrappers import Response

from odoo import SUPERUSER_ID, api, http, sql_db
from odoo.http import request

from ..models.webhook_parsers import BadEvent, lookup_number
from .raw_body import (MAX_BODY, PREFIX, BodyTooLarge, DatabaseUnavailable, database_unreachable, outage_response,
                       text_response)

_logger = logging.getLogger(__name__)

WEBHOOK_USER = "crm_telephony.user_telephony_webhook"


def _json(data, status=200):
    return Response(json.dumps(data), status=status, content_type="application/json")


class TelephonyWebhookController(http.Controller):

    @http.route(PREFIX + "sipgate", type="http", auth="none", methods=["POST"], csrf=False, save_session=False)
    def sipgate(self, **_params):
        return self._webhook("sipgate")

    @http.route(PREFIX + "placetel", type="http", auth="none", methods=["POST"], csrf=False, save_session=False)
    def placetel(self, **_params):
        return self._webhook("placetel")

    @http.route(PREFIX + "events", type="http", auth="none", methods=["POST"], csrf=False, save_session=False)
    def events(self, **_params):
        return self._webhook("pbx")

    @http.route(PREFIX + "3cx/journal", type="http", auth="none", methods=["POST"], csrf=False,
                save_session=False)
    def threecx_journal(self, **_params):
        return self._webhook("3cx")

    @http.route(PREFIX + "3cx/lookup", type="http", auth="none", methods=["GET"], csrf=False, save_session=False)
    def threecx_lookup(self, number=None, **_params):
        if not request.db:
            return self._no_database()
        try:
            number = lookup_number(number)
        except BadEvent as bad:
            return text_response(400, "Bad request: %s" % bad)
        with self._cursor() as cr:
            env = self._webhook_env(cr)
            company = self._authenticate(env, "3cx", b"")
            if not company:
                return text_response(403, "Forbidden")
            base_url = request.httprequest.url_root.rstrip("/")
            company = env["crm.telephony.webhook"]._as_webhook_user(company)
            return _json(company.env["crm.telephony.webhook"]._provider("3cx")._contact_lookup(
                company, number, base_url))

    # ------------------------------------------------------------------ the shared helper

    def _webhook(self, provider):
        """Authenticity on the raw body (at most 64 KB: raw_body.py refused more with 413), parsing, then
        the event applied, all on one cursor."""
        if not request.db:
            return self._no_database()
        raw = request.httprequest.get_data(cache=True, parse_form_data=False) \
            if (request.httprequest.content_length or 0) <= MAX_BODY else None
        if raw is None or len(raw) > MAX_BODY:  # a request built before post_load patched Odoo
            return BodyTooLarge().get_response()
        with self._cursor() as cr:
            env = self._webhook_env(cr)
            company = self._authenticate(env, provider, raw)
            if not company:
                return text_response(403, "Forbidden")
            try:
                event = env["crm.telephony.webhook"]._parse(provider, raw)
            except BadEvent as bad:
                _logger.info("%s webhook rejected: %s", provider, bad)
                return text_response(400, "Bad request: %s" % bad)
            # Events of one call sent in parallel (ring and answer a few ms apart) wait for each other on
            # the call's row (crm.telephony.call.store); read committed, the second one then sees the call
            # the first one committed.
            call = env["crm.telephony.webhook"]._process(company, event)
            call_id, state = call.id, call.state
        if provider == "sipgate":
            return self._sipgate_answer(event)
        return _json({"ok": True, "call_id": call_id, "state": state})

    @staticmethod
    @contextmanager
    def _cursor():
        """A read-committed cursor of its own (the lock above must not freeze the snapshot); the test
        cursor while Odoo's HTTP tests run. PostgreSQL gone during the request: 503, retried later (also
        when the connection it closed is only noticed as the cursor closes: InterfaceError)."""
        registry = request.registry
        try:
            with (registry.cursor() if registry.in_test_mode()
                  else sql_db.db_connect(request.db).cursor(serialized=False)) as cr:
                yield cr
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as error:
            _logger.warning("%s: database unavailable (%s), answered 503", request.httprequest.path,
                            type(error).__name__)
            raise DatabaseUnavailable()

    @staticmethod
    def _no_database():
        """No database for this request: an outage (503, retried) or a wrong address (404)."""
        return outage_response() if database_unreachable() else text_response(404, "No database")

    @staticmethod
    def _webhook_env(cr):
        uid = api.Environment(cr, SUPERUSER_ID, {})["ir.model.data"].xmlid_to_res_id(WEBHOOK_USER, True)
        return api.Environment(cr, uid, {})

    @staticmethod
    def _authenticate(env, provider, raw):
        """The company whose secret signed this body (optionally ?company=ID), or None (logged)."""
        company_id = request.httprequest.args.get("company", type=int)
        company = env["crm.telephony.webhook"]._authenticate(provider, raw, request.httprequest.headers, company_id)
        if not company:
            _logger.warning("%s webhook from %s rejected: wrong signature or key", provider,
                            request.httprequest.remote_addr)
        return company

    @staticmethod
    def _sipgate_answer(event):
        """Ask sipgate for the answer and hang-up events of a new call (to this same URL)."""
        if event["kind"] != "ring":
            return Response('<?xml version="1.0" encoding="UTF-8"?>\n<Response/>\n',
                            content_type="application/xml")
        url = request.httprequest.base_url
        if request.httprequest.query_string:
            url += "?" + request.httprequest.query_string.decode("ascii", "ignore")
        body = '<?xml version="1.0" encoding="UTF-8"?>\n<Response onAnswer=%s onHangup=%s/>\n' % (
            quoteattr(url), quoteattr(url))
        return Response(body, content_type="application/xml")
