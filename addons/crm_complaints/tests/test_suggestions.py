"""Stories of improvement suggestions and the complaint rate."""
from odoo.exceptions import UserError

from .common import ComplaintCase


class TestSuggestions(ComplaintCase):
    """Complaints lead to suggestions for product management and to a complaint rate per product."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._create_user("paula.product", ["base.group_user",
                                                         "crm_complaints.group_crm_complaints_manager"])
        cls.complaint = cls._complain("Gehäuse gerissen", "Riss am Flansch.", product=cls.product,
                                      root_cause="Wandstärke zu gering")

    def test_suggest_improvement_from_complaint_reaches_product_manager(self):
        action = self.complaint.action_suggest_improvement()
        suggestion = self.env["crm.complaint.suggestion"].with_context(action["context"]).create(
            {"product_manager_id": self.manager.id})
        self.assertEqual(suggestion.name, "Gehäuse gerissen")
        self.assertEqual(suggestion.product_id, self.product)
        self.assertEqual(suggestion.complaint_ids, self.complaint)
        self.assertIn("Wandstärke zu gering", suggestion.description)
        self.assertEqual(suggestion.state, "new")
        self.assertIn(self.manager.partner_id, suggestion.message_partner_ids)
        self.assertEqual(self.complaint.suggestion_ids, suggestion)
        self.assertIn("Improvement suggested", self.complaint.message_ids[0].body)

    def test_suggestion_workflow_refuses_impossible_steps(self):
        suggestion = self.env["crm.complaint.suggestion"].create({"name": "Flansch verstärken"})
        with self.assertRaisesRegex(UserError, "cannot be set to Done while it is New"):
            suggestion.action_done()
        suggestion.action_accept()
        suggestion.action_done()
        self.assertEqual(suggestion.state, "done")

    def test_complaint_rate_per_product_and_month(self):
        self._create_order(self.customer, 100.0, confirm=True).order_line.product_uom_qty = 4
        self._complain("Noch ein Riss", product=self.product)
        Report = self.env["crm.complaint.rate.report"]
        rows = Report.search([("product_id", "=", self.product.id)])
        month = self.complaint.create_date[:7] + "-01"
        row = rows.filtered(lambda r: r.period == month)
        self.assertEqual(row.complaint_count, 2)
        self.assertEqual(row.quantity_sold, 4)
        self.assertAlmostEqual(row.complaint_rate, 500.0)
