"""The post_load hook keeps the raw body of requests to our webhooks, and only of those."""
import json

from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from odoo import SUPERUSER_ID, api, http
from odoo.tests.common import HOST, PORT, HttpCase, TransactionCase

from .. import post_load
from .payloads import pbx_event, sipgate_body


class TestCrmTelephonyRawBody(TransactionCase):
    """What Odoo's request factory makes of a request once the module is loaded."""

    @staticmethod
    def _request(path, body, content_type):
        httprequest = Request(EnvironBuilder(path=path, method="POST", data=body,
                                             content_type=content_type).get_environ())
        httprequest.session = http.root.session_store.new()
        return httprequest, http.root.get_request(httprequest)

    def test_loading_the_module_wrapped_the_request_factory_once(self):
        wrapped, dispatch = http.Root.get_request, http.Root.dispatch
        self.assertTrue(hasattr(wrapped, "crm_telephony_original"),
                        "post_load ran when the registry of this database loaded crm_telephony")
        self.assertTrue(hasattr(dispatch, "crm_telephony_original"), "outages before the route answer 503")
        post_load()
        self.assertIs(http.Root.get_request, wrapped, "a second call changes nothing")
        self.assertIs(http.Root.dispatch, dispatch, "a second call changes nothing")

    def test_a_json_webhook_stays_plain_http_with_its_raw_body(self):
        """3CX and PBX scripts post JSON: Odoo would take it for JSON-RPC; our route gets the bytes."""
        body = pbx_event("ring", "raw-1", "0911334433", agent="207")
        httprequest, request = self._request("/crm_telephony/events", body, "application/json")
        self.assertIsInstance(request, http.HttpRequest)
        self.assertNotIsInstance(request, http.JsonRequest)
        self.assertEqual(httprequest.get_data(), body)

    def test_a_form_webhook_keeps_the_bytes_it_was_signed_on(self):
        """sipgate signs the form body byte by byte: the route gets it as sent, though Odoo reads the form."""
        body = sipgate_body("newCall", "raw-2", "492211234567", users=[("Anna", "w7", "1234567w7")])
        httprequest, request = self._request("/crm_telephony/sipgate", body, "application/x-www-form-urlencoded")
        self.assertIsInstance(request, http.HttpRequest)
        self.assertNotIsInstance(request, http.JsonRequest)
        self.assertEqual(request.params["callId"], "raw-2", "Odoo still reads the form for the route's arguments")
        self.assertEqual(httprequest.get_data(), body, "from the bytes kept before")

    def test_other_paths_are_left_to_odoo(self):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}).encode()
        _httprequest, request = self._request("/web/dataset/call_kw", body, "application/json")
        self.assertIs(type(request), http.JsonRequest)


class TestCrmTelephonyRawBodyOverHttp(HttpCase):
    """The same through Odoo's HTTP server in this test run."""

    def test_a_pbx_posting_json_gets_its_call_logged(self):
        with self.registry.cursor() as cr:  # Odoo 11: the server's requests share this cursor, not self.cr
            api.Environment(cr, SUPERUSER_ID, {}).user.company_id.write({"telephony_api_key": "raw-body-4711"})
        body = pbx_event("ring", "raw-3", "+49911334433", agent="207")
        response = self.opener.post("http://%s:%s/crm_telephony/events" % (HOST, PORT), data=body, timeout=60,
                                    headers={"Content-Type": "application/json", "X-Api-Key": "raw-body-4711"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["state"], "ringing")
        with self.registry.cursor() as cr:
            call = api.Environment(cr, SUPERUSER_ID, {})["crm.telephony.call"].search(
                [("provider", "=", "pbx"), ("provider_call_id", "=", "raw-3")])
            self.assertEqual((call.number_e164, call.state), ("+49911334433", "ringing"))
