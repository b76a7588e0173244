from odoo.exceptions import ValidationError

from .common import CustomerServiceCase


class TestCustomerInsight(CustomerServiceCase):
    """Remarks of customers, collected for market analysis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contacts = cls._create_customer("Koch Landtechnik AG", ["Mia Koch"])

    def test_insight_from_customer_file_lands_in_history(self):
        action = self.customer.action_add_insight()
        self.assertEqual((action["res_model"], action["target"]), ("crm.customer.insight", "new"))
        insight = self.env["crm.customer.insight"].with_context(action["context"]).create({
            "partner_id": self.contacts.id, "source": "trade_fair", "category": "product",
            "sentiment": "negative", "product_id": self.product.id,
            "text": "Pumpe zu laut im Dauerbetrieb\nWünscht leisere Variante",
        })
        self.assertEqual(insight.commercial_partner_id, self.customer)
        self.assertEqual(insight.summary, "Pumpe zu laut im Dauerbetrieb")
        entry = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id),
                                                        ("kind", "=", "insight")])
        self.assertEqual((entry.res_id, entry.state, entry.contact_id), (insight.id, "negative", self.contacts))
        self.assertIn(insight, self.customer.insight_ids)

    def test_negative_remarks_per_product_and_quarter(self):
        Insight = self.env["crm.customer.insight"]
        for date, sentiment in (("2026-01-10", "negative"), ("2026-02-10", "negative"), ("2026-05-10", "negative"),
                                ("2026-05-11", "positive")):
            Insight.create({"partner_id": self.customer.id, "date": date, "sentiment": sentiment,
                            "product_id": self.product.id, "text": "Anmerkung"})
        groups = Insight.read_group([("sentiment", "=", "negative"), ("product_id", "=", self.product.id)],
                                    ["product_id", "date"], ["date:quarter"], lazy=False)
        self.assertEqual([g["__count"] for g in groups], [2, 1])

    def test_empty_text_is_refused(self):
        with self.assertRaises(ValidationError):
            self.env["crm.customer.insight"].create({"partner_id": self.customer.id, "text": "   "})
