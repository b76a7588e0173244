import base64
import hashlib
import hmac
import json

import rsa

from ..models.crm_telephony_webhook import BadEvent
from ..models.res_company import shipped_sipgate_key
from .common import TelephonyCase


class TestWebhooks(TelephonyCase):
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
        raw = b"event=newCall&callId=1"
        self.assertFalse(self.webhook._authenticate("sipgate", raw, {"X-Sipgate-Signature": self._sign(raw)}),
                         "our own test key is not sipgate's")

    def test_sipgate_signature(self):
        self.company.sipgate_public_key = self.public_key.save_pkcs1().decode()  # BEGIN RSA PUBLIC KEY
        raw = (b"event=newCall&from=492211234567&to=4930555000&direction=in&callId=abc&user%5B%5D=Anna"
               b"&userId%5B%5D=w7&fullUserId%5B%5D=1234567w7")
        self.assertEqual(self.webhook._authenticate("sipgate", raw, {"X-Sipgate-Signature": self._sign(raw)}),
                         self.company)
        self.assertFalse(self.webhook._authenticate("sipgate", raw + b"x", {"X-Sipgate-Signature": self._sign(raw)}))
        self.assertFalse(self.webhook._authenticate("sipgate", raw, {"X-Sipgate-Signature": "bm9wZQ=="}))
        self.assertFalse(self.webhook._authenticate("sipgate", raw, {}))
        event = self.webhook._parse("sipgate", raw)
        self.assertEqual((event["kind"], event["call_id"], event["agents"]["sipgate_user_ids"]),
                         ("ring", "abc", ["w7", "1234567w7"]))

    def test_sipgate_array_forms(self):
        for raw in (b"event=answer&callId=x&user[]=Anna&userId[]=w7",
                    b"event=answer&callId=x&user%5B%5D%5B0%5D=Anna&userId%5B%5D%5B0%5D=w7"):
            self.assertEqual(self.webhook._parse("sipgate", raw)["answered_by"]["sipgate_user_ids"], ["w7"])

    def test_bad_events(self):
        with self.assertRaises(BadEvent):
            self.webhook._parse("sipgate", b"event=dtmf&callId=1")
        with self.assertRaises(BadEvent):
            self.webhook._parse("sipgate", b"event=newCall&from=1")
        with self.assertRaises(BadEvent):
            self.webhook._parse("pbx", b"not json")
        with self.assertRaises(BadEvent):
            self.webhook._parse("3cx", json.dumps({"CallType": "Inbound", "Number": "1",
                                                   "CallStartTimeUTC": "yesterday"}).encode())

    def test_3cx_journal_with_times_out_of_order_is_refused(self):
        """A call that ends before it started is a broken report (HTTP 400), not a server error."""
        for established, end in (("2026-01-15 09:00:10", "2026-01-15 08:59:00"),
                                 ("2026-01-15 09:05:00", "2026-01-15 09:02:15")):
            raw = json.dumps({"CallType": "Inbound", "Number": "0911334433", "Agent": "207",
                              "CallStartTimeUTC": "2026-01-15 09:00:00", "CallEstablishedTimeUTC": established,
                              "CallEndTimeUTC": end}).encode()
            with self.assertRaisesRegex(BadEvent, "times out of order"):
                self.webhook._parse("3cx", raw)

    def test_national_numbers_follow_the_company_country(self):
        """The company's country reads national numbers; it is cached, and changing it counts at once."""
        partners = self.env["res.partner"]
        self.assertEqual(partners._phone_to_e164("0911 334433"), "+49911334433")
        austria = self.env.ref("base.at")
        self.company.partner_id.country_id = austria  # on the company's contact, not through the company
        self.assertEqual(self.company._telephony_locale(self.company.id)[0], "AT")
        self.assertEqual(partners._phone_to_e164("0662 123456"), "+43662123456")

    def test_placetel_signature_and_events(self):
        raw = b"event=HungUp&from=0911334433&to=030555000&call_id=pl-1&direction=in&type=missed&duration=0"
        good = hmac.new(b"pl-secret-123", raw, hashlib.sha256).hexdigest()
        self.assertEqual(self.webhook._authenticate("placetel", raw, {"X-Placetel-Signature": good}), self.company)
        self.assertFalse(self.webhook._authenticate("placetel", raw, {"X-Placetel-Signature": good[::-1]}))
        event = self.webhook._parse("placetel", raw)
        self.assertEqual((event["kind"], event["result"], event["duration"]), ("hangup", "no_answer", 0))

    def test_3cx_journal_and_api_key(self):
        self.assertTrue(self.webhook._authenticate("3cx", b"", {"X-Api-Key": "api-key-456"}))
        self.assertTrue(self.webhook._authenticate("pbx", b"", {"Authorization": "Bearer api-key-456"}))
        self.assertFalse(self.webhook._authenticate("3cx", b"", {"X-Api-Key": "api-key-45"}))
        raw = json.dumps({"CallType": "Inbound", "Number": "0911334433", "Agent": "207", "Duration": "00:02:05",
                          "CallStartTimeUTC": "2026-01-15 09:00:00", "CallEstablishedTimeUTC": "2026-01-15 09:00:10",
                          "CallEndTimeUTC": "2026-01-15 09:02:15"}).encode()
        event = self.webhook._parse("3cx", raw)
        call = self.webhook._process("3cx", self.company, event)
        self.assertEqual((call.state, call.duration, call.user_id), ("done", 125, self.agent))
        self.assertEqual(self.webhook._process("3cx", self.company, self.webhook._parse("3cx", raw)), call)
