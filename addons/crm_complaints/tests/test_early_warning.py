"""Stories of the early warning for product management."""
from .common import ComplaintCase


class TestEarlyWarning(ComplaintCase):
    """Similar complaints or negative remarks about one product pile up: product management hears of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_manager = cls._create_user("paula.product", ["base.group_user",
                                                                 "crm_complaints.group_crm_complaints_manager"])
        cls.env["ir.config_parameter"].set_param("crm_complaints.early_warning_user_id", str(cls.product_manager.id))
        cls.other_product = cls.product.copy({"name": "Kreiselpumpe KP-50"})

    def _warnings(self):
        return self.env["crm.complaint.suggestion"].search([
            ("kind", "=", "early_warning"), ("product_id", "in", (self.product | self.other_product).ids)])

    def _leak(self, partner=None, product=None, subject="Hydraulikpumpe undicht am Flansch"):
        return self._complain(subject, "Öl tritt am Flansch aus, die Dichtung ist undicht.",
                              partner=partner, product=product or self.product)

    def test_third_similar_complaint_opens_one_warning_and_the_fourth_joins_it(self):
        first, second = self._leak(), self._leak(partner=self.other_customer)
        self.assertFalse(self._warnings(), "two complaints are no pattern yet")
        third = self._leak(subject="Flansch der Hydraulikpumpe undicht")
        warning = self._warnings()
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.complaint_ids, first | second | third)
        self.assertEqual(warning.product_id, self.product)
        self.assertEqual(warning.product_manager_id, self.product_manager)
        self.assertIn("3 similar complaints", warning.name)
        self.assertEqual(warning.activity_ids.user_id, self.product_manager)
        fourth = self._leak(partner=self.other_customer)
        self.assertEqual(self._warnings(), warning, "the fourth joins instead of opening another")
        self.assertEqual(warning.complaint_ids, first | second | third | fourth)
        self.assertEqual(warning.complaint_count, 4)

    def test_the_check_reads_no_complaint_whatever_the_number_of_similar_ones(self):
        Check = self.env["crm.complaint.early.warning"]
        newest = self._leak()
        newest.invalidate_cache()
        before = self.cr.sql_log_count
        Check._match_complaint(newest)
        alone = self.cr.sql_log_count - before
        for _i in range(5):
            newest = self._leak(partner=self.other_customer)
        newest.invalidate_cache()
        before = self.cr.sql_log_count
        warning, recent = Check._match_complaint(newest)
        self.assertEqual(len(recent), 5, "the five similar complaints before it")
        self.assertTrue(warning)
        self.assertLessEqual(self.cr.sql_log_count - before, alone + 3,
                             "the ranking, the record rules and one query on the similar ones, whatever their "
                             "number: the complaints themselves are not read")

    def test_other_problems_other_products_and_old_complaints_do_not_count(self):
        self._leak()
        self._leak(product=self.other_product)
        self._complain("Rechnung an falsche Adresse", "Die Rechnung ging an die alte Anschrift.",
                       product=self.product)
        self.assertFalse(self._warnings())
        old = self._leak()
        self.env.cr.execute("UPDATE crm_complaint SET create_date = now() - interval '40 days' WHERE id = %s",
                            [old.id])
        self._leak()
        self.assertFalse(self._warnings(), "one of the three came in 40 days ago, outside the 30 days")

    def test_limits_come_from_settings(self):
        self.env["ir.config_parameter"].set_param("crm_complaints.early_warning_count", "2")
        self._leak()
        self._leak()
        self.assertEqual(len(self._warnings()), 1)

    def test_remedy_cost_totals_credit_notes_and_replacements(self):
        complaints = self._leak() | self._leak() | self._leak()
        warning = self._warnings()
        refund = self._create_invoice(self.customer, 40.0, self._days(0), self._days(30), kind="out_refund")
        refund.complaint_id = complaints[0]
        replacement = self._create_order(self.customer, 60.0)
        replacement.complaint_id = complaints[1]
        self.assertEqual(warning.remedy_cost, 100.0)

    def test_negative_remarks_about_a_product_pile_up(self):
        Insight = self.env["crm.customer.insight"]
        remarks = Insight
        for text in ("Pumpe zu laut", "Pumpe wird heiß", "Pumpe hält nicht lange"):
            remarks |= Insight.create({"partner_id": self.customer.id, "product_id": self.product.id,
                                       "sentiment": "negative", "text": text})
        Insight.create({"partner_id": self.customer.id, "product_id": self.product.id, "sentiment": "positive",
                        "text": "Pumpe gut verarbeitet"})
        warning = self._warnings()
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.insight_ids, remarks)
        self.assertIn("3 negative remarks", warning.name)
        later = Insight.create({"partner_id": self.other_customer.id, "product_id": self.product.id,
                                "sentiment": "negative", "text": "Pumpe undicht"})
        self.assertEqual(self._warnings(), warning)
        self.assertEqual(warning.insight_ids, remarks | later)
