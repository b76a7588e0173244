# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HTTP routes of the telephone systems. One helper serves every webhook: size limit, authenticity on the
raw body before anything is parsed, then one event applied as the technical webhook user."""
import json
import logging
from xml.sax.saxutils import quoteattr

from werkzeug.wrappers import Response

from odoo import SUPERUSER_ID, api, http, sql_db
from odoo.http import request

from ..models.crm_telephony_webhook import BadEvent

_logger = logging.getLogger(__name__)

PREFIX = "/crm_telephony/"
MAX_BODY = 64 * 1024
WEBHOOK_USER = "crm_telephony.user_telephony_webhook"

_original_get_request = http.Root.get_request


def _get_request_keeping_raw_body(self, httprequest):
    """Our webhooks are plain HTTP whatever their content type: Odoo would treat a JSON body (3CX, PBX
    scripts) as JSON-RPC and parse form bodies before the route runs. Keep the raw bytes (bounded by
    MAX_BODY) so signatures are checked on exactly what was sent."""
    if not httprequest.path.startswith(PREFIX):
        return _original_get_request(self, httprequest)
    if (httprequest.content_length or 0) <= MAX_BODY:
        httprequest.get_data(cache=True, parse_form_data=False)
    return http.HttpRequest(httprequest)


http.Root.get_request = _get_request_keeping_raw_body


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
            return _json(env["crm.telephony.webhook"]._lookup_3cx(company, number, base_url))

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
            call = env["crm.telephony.webhook"]._process(event["provider"], company, event)
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
