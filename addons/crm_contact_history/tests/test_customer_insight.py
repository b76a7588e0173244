from odoo.exceptions import AccessError, ValidationError

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

    def test_insight_is_changed_by_its_author_or_a_sales_manager(self):
        author = self._create_user("ida.vertrieb", ["sales_team.group_sale_salesman"])
        colleague = self._create_user("jan.vertrieb", ["sales_team.group_sale_salesman"])
        manager = self._create_user("kai.leitung", ["sales_team.group_sale_manager"])
        insight = self.env["crm.customer.insight"].sudo(author).create({
            "partner_id": self.customer.id, "text": "Plant Erweiterung der Halle 2027"})
        self.assertEqual(insight.sudo(colleague).text, "Plant Erweiterung der Halle 2027", "colleagues read it")
        with self.assertRaises(AccessError):
            insight.sudo(colleague).write({"text": "Kein Bedarf"})
        insight.sudo(author).write({"sentiment": "positive"})
        insight.sudo(manager).write({"category": "market"})
        self.assertEqual((insight.sentiment, insight.category), ("positive", "market"))
        with self.assertRaises(AccessError):
            self.env["crm.customer.insight"].sudo(colleague).create({
                "partner_id": self.customer.id, "user_id": author.id, "text": "Im Namen von Ida"})
