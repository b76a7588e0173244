"""Partners' numbers in E.164 through the ORM and the batched jobs (the helpers alone: tests/ outside Odoo)."""
from odoo.tests.common import SavepointCase

from ..models.phone_number import normalize_partner_numbers


class TestPhoneNumbers(SavepointCase):
    """Partners' numbers become one international form, whichever way they were written or loaded."""

    def test_partner_numbers_follow_country(self):
        partner = self.env["res.partner"].create({
            "name": "Wiener Kaffeehaus", "phone": "0512 123456", "country_id": self.env.ref("base.at").id})
        self.assertEqual(partner.phone_e164, "+43512123456", "Innsbruck")
        partner.write({"country_id": self.env.ref("base.de").id})
        self.assertEqual(partner.phone_e164, "+49512123456", "Bad Homburg")
        partner.phone = "01 5123456"
        self.assertFalse(partner.phone_e164, "Vienna's spelling is no German number: it matches nobody")
        partner.mobile = "0171/1234567"
        self.assertEqual(partner.mobile_e164, "+491711234567")

    def test_install_normalisation_in_batches(self):
        """Partners loaded behind the ORM's back (import by SQL) are normalised by the batch job."""
        partner = self.env["res.partner"].create({"name": "Bäckerei Korn", "country_id": self.env.ref("base.de").id})
        self.env.cr.execute("UPDATE res_partner SET phone = %s, mobile = %s, phone_e164 = NULL WHERE id = %s",
                            ["+49 (0)89 7654321-5", "0049 170 1234567", partner.id])
        done = normalize_partner_numbers(self.env.cr, only_missing=True, chunk=2)
        self.assertGreaterEqual(done, 1)
        partner.invalidate_cache()
        self.assertEqual((partner.phone_e164, partner.mobile_e164), ("+498976543215", "+491701234567"))

    def test_company_moving_country_renormalises_its_partners_in_one_job(self):
        """Partners without a country of their own read their numbers in the company's country; when the
        company moves, they are read again (a batched job, not a recompute of each partner)."""
        company = self.env["res.company"].create({"name": "Alpen Service GmbH",
                                                  "country_id": self.env.ref("base.de").id})
        Partner = self.env["res.partner"]
        huts = Partner.browse([Partner.create({"name": "Hütte %d" % index, "phone": "0512 1234%02d" % index,
                                               "company_id": company.id}).id for index in range(60)])
        german = Partner.create({"name": "Grenzhof", "phone": "0512 123456", "company_id": company.id,
                                 "country_id": self.env.ref("base.de").id})
        self.assertEqual((huts[7].phone_e164, german.phone_e164), ("+49512123407", "+49512123456"))
        queries = self.cr.sql_log_count
        company.country_id = self.env.ref("base.at")  # as in the company form
        self.assertLess(self.cr.sql_log_count - queries, 50, "one job, not a query per partner")
        self.assertEqual(huts.mapped("phone_e164"), ["+435121234%02d" % index for index in range(60)],
                         "Innsbruck now")
        self.assertEqual(german.phone_e164, "+49512123456", "has a country of its own")
