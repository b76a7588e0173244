from datetime import date
from unittest.mock import patch

from odoo import fields
from odoo.tests.common import at_install, post_install

from .test_customer_evaluation import EvaluationCase


@at_install(False)
@post_install(True)  # automated actions hook into the models once the registry is complete
class TestEvaluationActions(EvaluationCase):
    """The shipped automated actions: a call when the risk becomes high, a note when the grade falls."""

    def _activities(self, customer, xmlid):
        return self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", customer.id),
            ("activity_type_id", "=", self.env.ref(xmlid).id)])

    def test_high_risk_gives_the_salesperson_one_call_in_two_working_days(self):
        customer, _contacts = self._create_customer("Gruber Bau AG")
        customer.user_id = self.salesperson
        self._monthly_orders(customer, 154, 124, 94)
        self.assertEqual(customer.customer_churn_risk, "high")
        calls = self._activities(customer, "mail.mail_activity_data_call")
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls.user_id, self.salesperson)
        self.assertIn("Last order 94 days ago, usually every 30 days", calls.note)
        self.assertIn("crm.customer.evaluation", calls.note, "the task links to the evaluation")
        today = fields.Date.from_string(fields.Date.context_today(self.env.user))
        expected = {0: 2, 1: 2, 2: 2, 3: 4, 4: 4, 5: 3, 6: 2}[today.weekday()]  # Mon-Fri working days
        self.assertEqual((fields.Date.from_string(calls.date_deadline) - today).days, expected)
        self.env["res.partner"].crm_evaluate()
        self.env["res.partner"].crm_evaluate([customer.id])
        self.assertEqual(len(self._activities(customer, "mail.mail_activity_data_call")), 1,
                         "the same cause gives no second call")

    def test_grade_falling_to_d_gives_exactly_one_activity_and_a_history_note(self):
        customer, _contacts = self._create_customer("Wagner Druckerei OHG")
        paid = self._create_invoice(customer, 100.0, self._local_days(-40), self._local_days(-10))
        self._pay(paid, self._local_days(-12))
        self.assertEqual(customer.payment_grade, "A")
        self.assertFalse(self._activities(customer, "mail.mail_activity_data_todo"))
        self._create_invoice(customer, 300.0, self._local_days(-70), self._local_days(-40))
        self.assertEqual(customer.payment_grade, "D")
        activities = self._activities(customer, "mail.mail_activity_data_todo")
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.summary, "Payment grade fell to D: check the open items before the next "
                                             "delivery.")
        notes = self.env["mail.message"].search([("model", "=", "res.partner"), ("res_id", "=", customer.id),
                                                 ("body", "ilike", "Payment grade fell to D")])
        self.assertEqual(len(notes), 1)
        self.assertEqual(self.env["crm.contact.history"].search_count([
            ("partner_id", "=", customer.id), ("res_id", "=", customer.id), ("kind", "=", "note")]), 1,
            "the note is in the customer's history")
        self.env["res.partner"]._cron_recompute_payment_behaviour()
        self.env["res.partner"].crm_evaluate()
        self.assertEqual(len(self._activities(customer, "mail.mail_activity_data_todo")), 1)

    def test_a_first_grade_is_no_fall(self):
        customer, _contacts = self._create_customer("Neu Kunde GmbH")
        self._create_invoice(customer, 300.0, self._local_days(-70), self._local_days(-40))
        self.assertEqual(customer.payment_grade, "D")
        self.assertFalse(self._activities(customer, "mail.mail_activity_data_todo"))

    def test_a_switched_off_rule_does_nothing(self):
        rule = self.env.ref("crm_contact_history.base_automation_churn_risk_high")
        # deactivating through write() would reload the registry (and commit): the rule's search skips it
        self.env.cr.execute("UPDATE base_automation SET active = false WHERE id = %s", [rule.id])
        rule.invalidate_cache()
        customer, _contacts = self._create_customer("Gruber Bau AG")
        self._monthly_orders(customer, 154, 124, 94)
        self.assertEqual(customer.customer_churn_risk, "high")
        self.assertFalse(self._activities(customer, "mail.mail_activity_data_call"))

    def test_working_days_skip_the_weekend_and_company_holidays(self):
        calendar = self.env.user.company_id.resource_calendar_id
        self.assertTrue(calendar, "the company has working times")
        customer, _contacts = self._create_customer("Gruber Bau AG")
        ahead = self.env["res.partner"]._crm_working_days_ahead
        self.assertEqual(date(2026, 11, 27).weekday(), 4, "a Friday")
        for today, expected in (("2026-11-27", "2026-12-01"), ("2026-11-30", "2026-12-02")):
            with patch.object(fields.Date, "context_today", lambda *args, _today=today, **kwargs: _today):
                self.assertEqual(ahead(customer, 2), expected, "two working days after %s" % today)
        self.env["resource.calendar.leaves"].create({
            "name": "Betriebsruhe", "calendar_id": calendar.id,
            "date_from": "2026-12-01 00:00:00", "date_to": "2026-12-01 23:59:59"})
        calendar.invalidate_cache()
        with patch.object(fields.Date, "context_today", lambda *args, **kwargs: "2026-11-27"):
            self.assertEqual(ahead(customer, 2), "2026-12-02", "the company's day off is no working day")
