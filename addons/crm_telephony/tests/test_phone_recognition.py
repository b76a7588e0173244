"""Caller recognition by number structure: never the wrong customer, honest about doubt."""
from .common import TelephonyCase


class TestPhoneRecognition(TelephonyCase):
    """The phone shows who calls, or says it does not know: never a stranger whose digits look alike."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.germany, cls.austria = cls.env.ref("base.de"), cls.env.ref("base.at")
        cls.mobile_owner = Partner.create({"name": "Lena Mobil", "mobile": "+49 151 73456789",
                                           "country_id": cls.germany.id})
        cls.firm, people = cls._create_customer("Becker Antriebe GmbH", ["Sabine Huber"])
        cls.firm.write({"phone": "089 7345678-0", "country_id": cls.germany.id})
        cls.huber = people
        cls.huber.write({"phone": "089 7345678-215"})
        cls.vague = Partner.create({"name": "Zettel Kunde", "phone": "6871-33", "country_id": cls.germany.id})

    def _matches(self, number):
        return [(match["id"], match["match"]) for match in self.env["res.partner"].phone_lookup(number)]

    def test_a_french_number_with_the_digits_of_a_german_mobile_is_nobody(self):
        self.assertEqual(self._matches("+33 1 73456789"), [])
        self.assertEqual(self._matches("0123456789"), [], "Placetel's example caller: valid in no country")
        self.assertEqual(self._matches("+49 151 73456789"), [(self.mobile_owner.id, "exact")])
        call = self.env["crm.telephony.call"]._caller_values("+33173456789")
        self.assertEqual(call, {"partner_id": False, "match_count": 0})

    def test_the_switchboards_base_number_finds_the_company(self):
        self.assertEqual(self._matches("+49 89 7345678"), [(self.firm.id, "switchboard")])
        self.assertEqual(self.env["crm.telephony.call"]._caller_values("+49897345678")["partner_id"], self.firm.id)

    def test_an_unknown_direct_dial_finds_the_company_and_a_strangers_tail_nobody(self):
        self.assertEqual(self._matches("089 7345678-99"), [(self.firm.id, "switchboard")])
        self.assertEqual(self._matches("040 7345678-99"), [], "the same digits in Hamburg")
        self.assertEqual(self._matches("089 2345679-99"), [], "a direct dial of a switchboard we do not know")

    def test_a_longer_switchboard_beats_a_shorter_one(self):
        branch = self.env["res.partner"].create({"name": "Becker Werk 2", "is_company": True,
                                                 "phone": "089 73456781", "country_id": self.germany.id})
        self.assertEqual(self._matches("089 73456781-30"), [(branch.id, "switchboard"), (self.firm.id, "switchboard")])
        caller = self.env["crm.telephony.call"]._caller_values("+49897345678130")
        self.assertEqual(caller["partner_id"], branch.id)

    def test_the_direct_dial_of_a_stored_person_is_that_person(self):
        matches = self._matches("+49 89 7345678 215")
        self.assertEqual(matches[0], (self.huber.id, "exact"))
        self.assertEqual(matches[1:], [(self.firm.id, "switchboard")])
        self.assertEqual(self.env["crm.telephony.call"]._caller_values("+49897345678215")["partner_id"], self.huber.id)

    def test_an_incomplete_number_is_only_ever_uncertain_and_never_linked(self):
        self.assertEqual(self._matches("0711 687133"), [(self.vague.id, "uncertain")])
        self.assertEqual(self._matches("+43 1 687133"), [], "other country")
        self.assertEqual(self.env["crm.telephony.call"]._caller_values("+49711687133"),
                         {"partner_id": False, "match_count": 1})
        self.assertFalse(self.vague.phone_e164)

    def test_national_spellings_read_in_germany_and_in_austria(self):
        """One database, a German and an Austrian company: an incoming national number in the called
        company's country, a stored one in the partner's own country (else its company's)."""
        vienna = self.env["res.company"].create({"name": "Wiener Service GmbH", "country_id": self.austria.id})
        Partner = self.env["res.partner"]
        cafe = Partner.create({"name": "Café Prückel", "phone": "01 5126115", "country_id": self.austria.id})
        hut = Partner.create({"name": "Almhütte", "phone": "0512 123456", "company_id": vienna.id})
        berlin = Partner.create({"name": "Berliner Kaffeerösterei", "phone": "030 5126115",
                                 "country_id": self.germany.id})
        self.assertEqual((cafe.phone_e164, hut.phone_e164, berlin.phone_e164),
                         ("+4315126115", "+43512123456", "+49305126115"))
        events = self.env["crm.telephony.call.event"].sudo()
        event = {"provider": "pbx", "call_id": "x", "direction": "in", "to": "100", "agents": {}}
        in_vienna = events._new_call_values(vienna, dict(event, **{"from": "01 5126115"}))
        in_germany = events._new_call_values(self.company, dict(event, **{"from": "01 5126115"}))
        self.assertEqual((in_vienna["number_e164"], in_vienna["partner_id"]), ("+4315126115", cafe.id))
        self.assertEqual((in_germany["number_e164"], in_germany["partner_id"]), ("+4915126115", False))
        self.assertEqual(events._new_call_values(vienna, dict(event, **{"from": "0512 123456"}))["partner_id"],
                         hut.id)
        self.assertEqual(events._new_call_values(self.company, dict(event, **{"from": "030 5126115"}))[
            "partner_id"], berlin.id)

    def test_rubbish_is_an_unknown_number_without_error(self):
        for rubbish in ("anonymous", "+", "", "   ", "Hans Meier", "9" * 5000, "+999 1234567", "0", False, None):
            self.assertEqual(self._matches(rubbish), [], repr(rubbish)[:20])
