# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HTTP routes of the telephone systems: size limit, authenticity on the raw body, one event applied.

One helper serves every webhook; the raw body is kept by the post_load patch of raw_body.py."""
import json
import logging
from xml.sax.saxutils import quoteattr

from werkzeug.wrappers import Response

from odoo import SUPERUSER_ID, api, http, sql_db
from odoo.http import request

from ..models.crm_telephony_provider import BadEvent
from .raw_body import MAX_BODY, PREFIX

_logger = logging.getLogger(__name__)

WEBHOOK_USER = "crm_telephony.user_telephony_webhook"


def _text(status, text):
    return Response(text + "\n", status=status, content_type="text/plain; charset=utf-8")


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
            return _text(404, "No database")
        with self._cursor() as cr:
            env = self._webhook_env(cr)
            company = self._authenticate(env, "3cx", b"")
            if not company:
                return _text(403, "Forbidden")
            base_url = request.httprequest.url_root.rstrip("/")
            company = env["crm.telephony.webhook"]._as_webhook_user(company)
            return _json(company.env["crm.telephony.webhook"]._provider("3cx")._contact_lookup(
                company, number, base_url))

    # ------------------------------------------------------------------ the shared helper

    def _webhook(self, provider):
        """Size, authenticity on the raw body, parsing, then the event applied, all on one cursor."""
        if not request.db:
            return _text(404, "No database")
        raw = request.httprequest.get_data(cache=True, parse_form_data=False) \
            if (request.httprequest.content_length or 0) <= MAX_BODY else None
        if raw is None or len(raw) > MAX_BODY:  # announced, or sent without a length
            return _text(413, "Request body larger than 64 KB")
        with self._cursor() as cr:
            env = self._webhook_env(cr)
            company = self._authenticate(env, provider, raw)
            if not company:
                return _text(403, "Forbidden")
            try:
                event = env["crm.telephony.webhook"]._parse(provider, raw)
            except BadEvent as bad:
                _logger.info("%s webhook rejected: %s", provider, bad)
                return _text(400, "Bad request: %s" % bad)
            # Events of one call sent in parallel (ring and answer a few ms apart) wait for each other
            # here; read committed, the second one then sees the call the first one committed.
            cr.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [
                "crm_telephony/%d/%s/%s" % (company.id, event["provider"], event["call_id"])])
            call = env["crm.telephony.webhook"]._process(company, event)
            call_id, state = call.id, call.state
        if provider == "sipgate":
            return self._sipgate_answer(event)
        return _json({"ok": True, "call_id": call_id, "state": state})

    @staticmethod
    def _cursor():
        """A read-committed cursor of its own (the lock above must not freeze the snapshot); the test
        cursor while Odoo's HTTP tests run."""
        registry = request.registry
        if registry.in_test_mode():
            return registry.cursor()
        return sql_db.db_connect(request.db).cursor(serialized=False)

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
