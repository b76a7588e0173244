"""The pop-up acts: the contact of an unknown caller is created from it, and it speaks the agent's language."""
from .common import TelephonyCase


class TestCrmTelephonyScreenPop(TelephonyCase):
    """What the agent sees and may do in the pop-up of a call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm, cls.people = cls._create_customer("Krause Kältetechnik GmbH", ["Petra Krause"])
        cls.firm.write({"phone": "0421 7766554-0", "country_id": cls.env.ref("base.de").id})
        cls.pops = cls.env["crm.telephony.screen.pop"].sudo(cls.agent)

    def _call(self, number, **values):
        return self._event("ring", "pop-%s" % number, **dict({"from": number}, **values))

    def _payload(self, call, lang="en_US", tz="UTC"):
        return self.pops.with_context(lang=lang, tz=tz).get_screen_pop(call.id)

    def test_an_agent_creates_the_contact_of_an_unknown_mobile_caller_and_the_pop_up_shows_it(self):
        call = self._call("491621239876")
        payload = self._payload(call)
        self.assertFalse(payload["caller"])
        self.assertEqual((payload["new_contact"]["label"], payload["new_contact"]["allowed"]),
                         ("Create contact", True), "agents may create contacts")
        action = call.sudo(self.agent).action_create_contact()
        self.assertEqual(action["context"]["default_mobile"], "+491621239876", "a mobile number into mobile")
        self.assertNotIn("default_phone", action["context"])
        contact = self.env["res.partner"].sudo(self.agent).with_context(action["context"]).create(
            {"name": "Rita Neu"})
        self.assertEqual(contact.mobile, "+491621239876")
        self.assertEqual(call.partner_id, contact)
        payload = self._payload(call)
        self.assertEqual(payload["caller"]["name"], "Rita Neu")
        self.assertFalse(payload["new_contact"], "no second contact for the same call")

    def test_a_caller_from_a_switchboard_becomes_a_person_of_the_company(self):
        call = self._call("49421776655431")
        self.assertEqual(call.partner_id, self.firm)
        payload = self._payload(call)
        self.assertEqual(payload["new_contact"]["label"], "New contact at Krause Kältetechnik GmbH")
        action = call.sudo(self.agent).action_create_contact()
        self.assertEqual(action["context"]["default_phone"], "+49421776655431", "a landline into phone")
        contact = self.env["res.partner"].sudo(self.agent).with_context(action["context"]).create(
            {"name": "Holger Krause"})
        self.assertEqual((contact.parent_id, call.partner_id), (self.firm, contact))
        self.assertEqual(self._payload(call)["caller"]["company"], "Krause Kältetechnik GmbH")

    def test_the_company_itself_calling_offers_no_new_contact(self):
        call = self._call("494217766554" + "0")
        self.assertEqual(call.partner_id, self.firm)
        self.assertFalse(self._payload(call)["new_contact"])

    def test_who_may_not_create_contacts_is_told_why(self):
        call = self._call("491621239877")
        clerk = self._create_user("clara.clerk", ["base.group_user"])
        new_contact = self.env["crm.telephony.screen.pop"].sudo(clerk)._new_contact(call, call.partner_id)
        self.assertFalse(new_contact["allowed"])
        self.assertIn("Contact Creation", new_contact["reason"])

    def test_an_uncertain_match_is_offered_as_possible_not_linked(self):
        vague = self.env["res.partner"].create({"name": "Notizzettel", "phone": "98-7612",
                                                "country_id": self.env.ref("base.de").id})
        call = self._call("4930987612")
        self.assertFalse(call.partner_id)
        self.assertEqual([(m["id"], m["match"]) for m in self._payload(call)["matches"]], [(vague.id, "uncertain")])

    def test_dates_and_labels_in_the_agents_language_and_time_zone(self):
        self.env.ref("base.lang_de").active = True
        self.env.cr.execute("UPDATE res_partner SET payment_grade = 'B' WHERE id = %s", [self.firm.id])
        self.firm.invalidate_cache()
        call = self._call("49421776655431", date_start="2026-12-07 12:30:00")
        payload = self._payload(call, lang="de_DE", tz="Europe/Berlin")
        self.assertEqual(payload["caller"]["payment_grade_label"], "B - zahlt etwas verspätet")
        self.assertEqual(payload["call"]["date_start"], "07.12.2026 13:30")
        entry = [h for h in payload["history"] if h["date"] == "07.12.2026 13:30"]
        self.assertEqual(entry[0]["kind"], "Anruf")
        self.assertEqual(self._payload(call, tz="UTC")["call"]["date_start"], "12/07/2026 12:30")
        self.assertEqual(payload["new_contact"]["label"], "Neuer Kontakt bei Krause Kältetechnik GmbH")

    def test_the_phones_display_shows_the_customer_and_what_is_open(self):
        self._create_order(self.firm, 250.0)
        person = self.people.with_context(lang="en_US")
        self.assertEqual(person._telephony_status_line(), "Krause Kältetechnik GmbH · 1 Quotation open")
        german = self.people.with_context(lang="de_DE")
        self.assertEqual(german._telephony_status_line(), "Krause Kältetechnik GmbH · 1 Angebot offen")
        answer = self.env["crm.telephony.provider.3cx"].sudo(self.webhook_user)._contact_lookup(
            self.company, "0421 7766554-0", "https://crm.example")
        self.assertEqual(answer["contact"]["status"], "Krause Kältetechnik GmbH · 1 Quotation open")
