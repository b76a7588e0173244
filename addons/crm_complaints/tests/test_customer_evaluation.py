"""Complaints in the customer evaluation and the escalation of A customers' complaints."""
from .common import ComplaintCase


class TestComplaintsInEvaluation(ComplaintCase):
    """Open and recent complaints weigh on a customer's score; an A customer's complaint does not wait."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaints_manager = cls._create_user("carla.chefin", [
            "base.group_user", "crm_complaints.group_crm_complaints_manager"])

    def test_two_recent_complaints_are_a_reason_and_cost_the_complaints_weight(self):
        self._complain("Lieferung beschädigt")
        self.assertNotIn("complaints", self.customer.customer_risk_reasons or "")
        self._complain("Falsche Teile geliefert")
        self.assertEqual(self.customer.customer_churn_risk, "low")
        self.assertIn("2 complaints in 90 days, 2 open", self.customer.customer_risk_reasons)
        # (open 2 + recent 2) / 4 = 1: the complaints weight 15 of 100 is lost, and the contact weight 5
        # (nobody spoke to the customer yet): 80
        self.assertEqual(self.customer.customer_health_score, 80)

    def test_a_customers_complaint_open_five_working_days_goes_to_the_complaints_manager(self):
        self.customer.sudo().customer_abc_class = "A"
        self.other_customer.sudo().customer_abc_class = "B"
        waiting = self._complain("Maschine steht still")
        other = self._complain("Maschine steht still", partner=self.other_customer)
        self.env.cr.execute("UPDATE crm_complaint SET create_date = now() - interval '10 days' WHERE id IN %s",
                            [(waiting.id, other.id)])
        waiting.invalidate_cache()
        escalation = self.env.ref("crm_complaints.mail_activity_type_complaint_escalation")
        Automation = self.env["base.automation"]
        Automation._check()
        Automation._check()
        activities = self.env["mail.activity"].search([("res_model", "=", "crm.complaint"),
                                                       ("activity_type_id", "=", escalation.id)])
        self.assertEqual(activities.mapped("res_id"), [waiting.id], "once, and only for the A customer")
        self.assertIn(activities.user_id, self.env.ref("crm_complaints.group_crm_complaints_manager").users)
