"""Authenticity on the raw body, then the documented payloads of each telephone system."""
import base64

import rsa

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HOST, PORT, HttpCase

from ..models.webhook_parsers import BadEvent
from ..models.res_company import shipped_sipgate_key
from .common import TelephonyCase
from .payloads import pbx_event, placetel_body, placetel_signature, sipgate_body, threecx_journal

ANNA = ("Anna", "w7", "1234567w7")  # the agent of TelephonyCase, as sipgate names her


class TestCrmTelephonyWebhook(TelephonyCase):
    """Authenticity on the raw body, then the documented payloads of each telephone system."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public_key, cls.private_key = rsa.newkeys(512)
        cls.company.sudo().write({"placetel_secret": "pl-secret-123", "telephony_api_key": "api-key-456"})

    def _sign(self, raw):
        return base64.b64encode(rsa.sign(raw, self.private_key, "SHA-256")).decode()

    def test_shipped_sipgate_key_is_installed(self):
        self.assertEqual(self.company.sipgate_public_key, shipped_sipgate_key())
        self.assertIn("BEGIN PUBLIC KEY", shipped_sipgate_key())
        raw = sipgate_body("newCall", "1", "492211234567")
        self.assertFalse(self.webhook._authenticate("sipgate", raw, {"X-Sipgate-Signature": self._sign(raw)}),
                         "our own test key is not sipgate's")

    def test_sipgate_signature(self):
        self.company.sipgate_public_key = self.public_key.save_pkcs1().decode()  # BEGIN RSA PUBLIC KEY
        raw = sipgate_body("newCall", "abc", "492211234567", users=[ANNA])
        self.assertEqual(self.webhook._authenticate("sipgate", raw, {"X-Sipgate-Signature": self._sign(raw)}),
                         self.company)
        self.assertFalse(self.webhook._authenticate("sipgate", raw + b"x", {"X-Sipgate-Signature": self._sign(raw)}))
        self.assertFalse(self.webhook._authenticate("sipgate", raw, {"X-Sipgate-Signature": "bm9wZQ=="}))
        self.assertFalse(self.webhook._authenticate("sipgate", raw, {}))
        event = self.webhook._parse("sipgate", raw)
        self.assertEqual((event["kind"], event["call_id"], event["agents"]["sipgate_user_ids"]),
                         ("ring", "abc", ["w7", "1234567w7"]))

    def test_sipgate_array_forms(self):
        """`user[]` with brackets as they are, or percent-encoded with an index: the same agent."""
        for raw in (sipgate_body("answer", "x", "492211234567", users=[ANNA[:2]], literal_brackets=True),
                    sipgate_body("answer", "x", "492211234567", users=[ANNA[:2]], array="[][0]")):
            self.assertEqual(self.webhook._parse("sipgate", raw)["answered_by"]["sipgate_user_ids"], ["w7"])

    def test_bad_events(self):
        with self.assertRaises(BadEvent):
            self.webhook._parse("sipgate", sipgate_body("dtmf", "1", "492211234567"))
        with self.assertRaises(BadEvent):
            self.webhook._parse("sipgate", sipgate_body("newCall", "", "1"))
        with self.assertRaises(BadEvent):
            self.webhook._parse("pbx", b"not json")
        with self.assertRaises(BadEvent):
            self.webhook._parse("pbx", pbx_event("explode", "1"))
        with self.assertRaises(BadEvent):
            self.webhook._parse("3cx", threecx_journal("Inbound", "1", "yesterday"))

    def test_3cx_journal_with_times_out_of_order_is_refused(self):
        """A call that ends before it started is a broken report (HTTP 400), not a server error."""
        for established, end in (("2026-01-15 09:00:10", "2026-01-15 08:59:00"),
                                 ("2026-01-15 09:05:00", "2026-01-15 09:02:15")):
            raw = threecx_journal("Inbound", "0911334433", "2026-01-15 09:00:00", agent="207",
                                  established=established, end=end)
            with self.assertRaisesRegex(BadEvent, "times out of order"):
                self.webhook._parse("3cx", raw)

    def test_national_numbers_follow_the_company_country(self):
        """The company's country reads national numbers; it is cached, and changing it counts at once."""
        partners = self.env["res.partner"]
        self.assertEqual(partners._phone_to_e164("0911 334433"), "+49911334433")
        self.assertEqual(self.company._telephony_locale().region, "DE")
        austria = self.env.ref("base.at")
        self.company.partner_id.country_id = austria  # on the company's contact, not through the company
        self.assertEqual(self.company._telephony_locale().region, "AT")
        self.assertEqual(partners._phone_to_e164("0662 123456"), "+43662123456")

    def test_placetel_signature_and_events(self):
        raw = placetel_body("HungUp", "pl-1", "0911334433", type="missed", duration="0")
        good = placetel_signature("pl-secret-123", raw)
        self.assertEqual(self.webhook._authenticate("placetel", raw, {"X-Placetel-Signature": good}), self.company)
        self.assertFalse(self.webhook._authenticate("placetel", raw, {"X-Placetel-Signature": good[::-1]}))
        event = self.webhook._parse("placetel", raw)
        self.assertEqual((event["kind"], event["result"], event["duration"]), ("hangup", "no_answer", 0))

    def test_3cx_journal_and_api_key(self):
        self.assertTrue(self.webhook._authenticate("3cx", b"", {"X-Api-Key": "api-key-456"}))
        self.assertTrue(self.webhook._authenticate("pbx", b"", {"Authorization": "Bearer api-key-456"}))
        self.assertFalse(self.webhook._authenticate("3cx", b"", {"X-Api-Key": "api-key-45"}))
        raw = threecx_journal("Inbound", "0911334433", "2026-01-15 09:00:00", agent="207",
                              established="2026-01-15 09:00:10", end="2026-01-15 09:02:15", duration="00:02:05")
        event = self.webhook._parse("3cx", raw)
        call = self.webhook._process(self.company, event)
        self.assertEqual((call.state, call.duration, call.user_id), ("done", 125, self.agent))
        self.assertEqual(self.webhook._process(self.company, self.webhook._parse("3cx", raw)), call)

    def test_each_telephone_system_accepts_only_its_own_proof(self):
        """The API key opens the 3CX and PBX webhooks, not Placetel's or sipgate's; a Placetel signature
        opens only Placetel's."""
        raw = placetel_body("IncomingCall", "pl-3", "0911334433")
        api_key = {"X-Api-Key": "api-key-456"}
        self.assertFalse(self.webhook._authenticate("placetel", raw, api_key))
        self.assertFalse(self.webhook._authenticate("sipgate", raw, api_key))
        placetel = {"X-Placetel-Signature": placetel_signature("pl-secret-123", raw)}
        self.assertFalse(self.webhook._authenticate("pbx", raw, placetel))
        self.assertEqual(self.webhook._authenticate("placetel", raw, placetel), self.company)

    def test_a_second_company_logs_its_calls_in_its_own_company(self):
        """A firm with a second company gives it its own Placetel secret: its webhooks are that company's
        (`?company=` of another company refuses them) and its calls are logged there."""
        branch = self.env["res.company"].create({"name": "Richter Süd GmbH", "placetel_secret": "pl-branch-789"})
        raw = placetel_body("IncomingCall", "pl-2", "0911334433")
        signed = {"X-Placetel-Signature": placetel_signature("pl-branch-789", raw)}
        self.assertEqual(self.webhook._authenticate("placetel", raw, signed), branch)
        self.assertEqual(self.webhook._authenticate("placetel", raw, signed, company_id=branch.id), branch)
        self.assertFalse(self.webhook._authenticate("placetel", raw, signed, company_id=self.company.id))
        call = self.webhook._process(branch, self.webhook._parse("placetel", raw))
        self.assertEqual((call.company_id, call.state, call.number_e164), (branch, "ringing", "+49911334433"))
        self.assertEqual(call.create_uid.company_ids, branch, "logged by the branch's own technical user")
        self.assertTrue(call.create_uid.has_group("crm_telephony.group_crm_telephony_webhook"))
        self.assertNotEqual(call.create_uid, self.webhook_user)


class TestCrmTelephonyWebhookOverHttp(HttpCase):
    """The webhooks through Odoo's HTTP server in this test run (Odoo 11: its requests share the cursor of
    `self.registry.cursor()`, not the test's own)."""

    def test_a_second_companys_placetel_webhook_logs_the_call_there(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            branch_id = env["res.company"].create({"name": "Richter Nord GmbH", "placetel_secret": "pl-nord-1"}).id
        raw = placetel_body("IncomingCall", "pl-http-1", "+49911334433")
        response = self.opener.post(
            "http://%s:%s/crm_telephony/placetel?company=%d" % (HOST, PORT, branch_id), data=raw, timeout=60,
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "X-Placetel-Signature": placetel_signature("pl-nord-1", raw)})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["state"], "ringing")
        with self.registry.cursor() as cr:
            call = api.Environment(cr, SUPERUSER_ID, {})["crm.telephony.call"].search(
                [("provider", "=", "placetel"), ("provider_call_id", "=", "pl-http-1")])
            self.assertEqual(call.company_id.id, branch_id)
