"""Who is calling: every match, best first, each with its company."""
from .common import TelephonyCase


class TestPhoneLookup(TelephonyCase):
    """Who is calling: every match, best first, each with its company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.firm, people = cls._create_customer("Hoffmann Haustechnik GmbH", ["Eva Hoffmann", "Jan Hoffmann"])
        cls.eva, cls.jan = people
        cls.firm.phone = "0341 2987654-0"
        cls.eva.write({"phone": "0341 2987654-12"})
        cls.jan.write({"phone": "+49 (0)341 2987654-12", "mobile": "0171/9876543"})
        cls.other = Partner.create({"name": "Klaus Weber", "phone": "040 5298765412"})  # same last 8 digits

    def test_exact_matches_first_all_returned_with_company(self):
        matches = self.env["res.partner"].phone_lookup("0341 2987654-12")
        self.assertEqual([m["id"] for m in matches[:2]], [self.eva.id, self.jan.id], "both share the direct dial")
        self.assertEqual({m["match"] for m in matches[:2]}, {"exact"})
        self.assertEqual(matches[0]["commercial_partner_id"], self.firm.id)
        self.assertEqual(matches[0]["commercial_partner_name"], "Hoffmann Haustechnik GmbH")
        ranked = [(m["id"], m["match"]) for m in matches]
        self.assertNotIn(self.other.id, [m["id"] for m in matches], "same last 8 digits in another city: nobody")
        self.assertEqual(ranked[2:], [(self.firm.id, "switchboard")], "the company whose direct dial it is, after")

    def test_mobile_and_caller_formats(self):
        for number in ("+491719876543", "00491719876543", "491719876543", "0171 9876543"):
            matches = self.env["res.partner"].phone_lookup(number)
            self.assertEqual([(m["id"], m["field"]) for m in matches], [(self.jan.id, "mobile")], number)

    def test_unknown_direct_dial_finds_the_switchboard(self):
        for switchboard in ("0341 2987654-0", "0341 2987654"):
            self.firm.phone = switchboard
            matches = self.env["res.partner"].phone_lookup("+49 341 2987654-99")
            self.assertEqual([(m["id"], m["match"]) for m in matches], [(self.firm.id, "switchboard")], switchboard)

    def test_nothing_for_unknown_or_anonymous(self):
        self.assertEqual(self.env["res.partner"].phone_lookup("anonymous"), [])
        self.assertEqual(self.env["res.partner"].phone_lookup("089 5550000"), [])

    def test_one_query(self):
        Partner = self.env["res.partner"].sudo(self.agent)
        Partner.phone_lookup("0341 2987654-12")
        before = self.cr.sql_log_count
        Partner.phone_lookup("0341 2987654-12")
        self.assertLessEqual(self.cr.sql_log_count - before, 1)
