from unittest.mock import patch

from odoo.exceptions import AccessError

from .common import CustomerServiceCase


class EvaluationCase(CustomerServiceCase):
    """Customers of these tests are the only customers: the ABC split runs over all customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.cr.execute("UPDATE res_partner SET customer = false WHERE customer")
        cls.env["res.partner"].invalidate_cache()
        cls.salesperson = cls._create_user("svenja.vertrieb", ["sales_team.group_sale_salesman"])
        cls.manager = cls._create_user("martin.leitung", ["sales_team.group_sale_manager"])

    @classmethod
    def _customer_with_revenue(cls, name, *amounts, kind="out_invoice", days=-30):
        customer, _contacts = cls._create_customer(name)
        for amount in amounts:
            cls._create_invoice(customer, amount, cls._local_days(days), cls._local_days(days + 30), kind=kind)
        return customer

    @classmethod
    def _monthly_orders(cls, customer, *days_ago):
        for days in days_ago:
            cls._create_order(customer, 100.0, confirm=True, date=cls._local_days(-days) + " 10:00:00")


class TestCustomerEvaluation(EvaluationCase):
    """The evaluation of a customer: class, order behaviour, risk and its reasons, health score."""

    def test_abc_split_follows_the_revenue_shares(self):
        # 500 + 300 = 80 % of 1000: A; 150 reaches 95 %: B; the last 50 (100 invoiced, 50 credited): C
        big = self._customer_with_revenue("Adler Maschinenbau GmbH", 500.0)
        second = self._customer_with_revenue("Berger Metall KG", 300.0)
        middle = self._customer_with_revenue("Claasen Werkzeuge", 150.0)
        small = self._customer_with_revenue("Dietz Elektro", 100.0)
        self._create_invoice(small, 50.0, self._local_days(-10), self._local_days(20), kind="out_refund")
        silent, _contacts = self._create_customer("Ernst Handel")
        self.env["res.partner"].sudo(self.manager).crm_evaluate()
        self.assertEqual([p.customer_abc_class for p in (big, second, middle, small, silent)],
                         ["A", "A", "B", "C", "C"])
        self.assertEqual(small.customer_revenue_12m, 50.0)

    def test_single_customer_keeps_the_class_of_the_last_full_run(self):
        big = self._customer_with_revenue("Adler Maschinenbau GmbH", 500.0)
        small = self._customer_with_revenue("Dietz Elektro", 10.0)  # 500 of 510 is more than 95 %: C
        self.env["res.partner"].crm_evaluate()
        self.assertEqual((big.customer_abc_class, small.customer_abc_class), ("A", "C"))
        self._create_invoice(small, 5000.0, self._local_days(-5), self._local_days(25))
        self.assertEqual(small.customer_revenue_12m, 5010.0, "the invoice re-evaluated its customer")
        self.assertEqual(small.customer_abc_class, "C", "the class waits for the nightly run")
        self.env["res.partner"].crm_evaluate()  # 5010 of 5510 is 90.9 %: the 500 fall into B
        self.assertEqual((big.customer_abc_class, small.customer_abc_class), ("B", "A"))

    def test_revenue_trend_against_the_year_before(self):
        customer = self._customer_with_revenue("Fuchs Logistik", 200.0, days=-400)
        self._create_invoice(customer, 110.0, self._local_days(-20), self._local_days(10))
        self.env["res.partner"].crm_evaluate([customer.id])
        self.assertEqual(customer.customer_revenue_trend, -45.0)
        self.assertEqual(customer.customer_churn_risk, "low")
        self.assertEqual(customer.customer_risk_reasons, "Revenue \u221245 % on the previous year")

    def test_orders_stopping_after_a_monthly_rhythm_is_a_high_risk(self):
        customer, _contacts = self._create_customer("Gruber Bau AG")
        self._monthly_orders(customer, 154, 124, 94)
        self.assertEqual(customer.customer_order_interval, 30.0)
        self.assertEqual(customer.customer_days_since_order, 94)
        self.assertEqual(customer.customer_churn_risk, "high", "94 days > 3 x 30 days")
        self.assertEqual(customer.customer_risk_reasons, "Last order 94 days ago, usually every 30 days")
        self.assertEqual(customer.customer_risk_first_reason, customer.customer_risk_reasons)

    def test_a_short_gap_is_no_risk_and_keeps_the_score(self):
        customer, _contacts = self._create_customer("Hahn Getränke")
        self._monthly_orders(customer, 70, 40, 10)
        customer.message_post(body="Telefonat: alles bestens", message_type="comment", subtype="mail.mt_note")
        self.env["res.partner"].crm_evaluate([customer.id])
        self.assertEqual(customer.customer_churn_risk, "none")
        self.assertFalse(customer.customer_risk_reasons)
        self.assertEqual(customer.customer_health_score, 100)

    def test_three_negative_insights_lower_sentiment_and_raise_a_low_risk(self):
        customer, _contacts = self._create_customer("Imhof Textil")
        customer.message_post(body="Besuch", message_type="comment", subtype="mail.mt_note")
        for text in ("Lieferung zu spät", "Preise zu hoch", "Service schlecht"):
            self.env["crm.customer.insight"].create({"partner_id": customer.id, "sentiment": "negative",
                                                     "text": text})
        # sentiment weight 10 of 100 fully lost: 90
        self.assertEqual(customer.customer_health_score, 90)
        self.assertEqual(customer.customer_churn_risk, "low")
        self.assertEqual(customer.customer_risk_reasons, "3 negative remarks in 90 days")

    def test_never_contacted_customer_loses_the_contact_weight(self):
        customer, _contacts = self._create_customer("Jäger Optik")
        self.env["res.partner"].crm_evaluate([customer.id])
        self.assertEqual(customer.customer_health_score, 95)
        self.assertEqual(customer.customer_churn_risk, "none")

    def test_weights_come_from_settings(self):
        customer, _contacts = self._create_customer("Jäger Optik")
        self.env["ir.config_parameter"].set_param("crm_contact_history.evaluation_weight_contact", "50")
        self.assertEqual(self.env["res.config.settings"].get_values()["evaluation_weight_contact"], 50)
        self.env["res.partner"].crm_evaluate([customer.id])
        self.assertEqual(customer.customer_health_score, 66, "100 - 100 * 50 / (95 + 50), rounded")

    def test_nightly_job_twice_changes_nothing(self):
        customer, _contacts = self._create_customer("Gruber Bau AG")
        self._monthly_orders(customer, 154, 124, 94)
        first = self.env["res.partner"].crm_evaluate()
        snapshots = self.env["crm.customer.evaluation"].search([("partner_id", "=", customer.id)])
        second = self.env["res.partner"].crm_evaluate()
        self.assertEqual(second["risk_changed"], 0)
        self.assertEqual(first["evaluated"], second["evaluated"])
        self.assertEqual(self.env["crm.customer.evaluation"].search([("partner_id", "=", customer.id)]),
                         snapshots)
        self.assertEqual(len(snapshots), 1)
        self.assertEqual((snapshots.churn_risk, snapshots.health_score),
                         (customer.customer_churn_risk, customer.customer_health_score))

    def test_last_months_grade_shows_as_a_drop(self):
        customer = self._customer_with_revenue("Keller Druck", 100.0, days=-60)  # 30 days overdue: C
        self.env["crm.customer.evaluation"].create({
            "partner_id": customer.id, "month": self._local_days(-40)[:8] + "01", "payment_grade": "B"})
        self.env["res.partner"].crm_evaluate([customer.id])
        self.assertEqual(customer.payment_grade, "C")
        self.assertIn("Payment behaviour fell from B to C", customer.customer_risk_reasons)

    def test_reevaluating_a_customer_costs_the_same_queries_whatever_its_history(self):
        # one order and one invoice against twenty of each (monthly for 20 months): the same statements,
        # and none of them creates or drops a table
        few, _contacts = self._create_customer("Lange Bäckerei")
        many, _contacts = self._create_customer("Maurer Brot")
        self._monthly_orders(few, 30)
        self._create_invoice(few, 100.0, self._local_days(-40), self._local_days(-10))
        self._monthly_orders(many, *range(600, 0, -30))
        for month in range(20):
            self._create_invoice(many, 100.0, self._local_days(-30 * month - 40), self._local_days(-30 * month - 10))
        statements = []
        for customer in (few, many):
            customer._crm_evaluate_events()
            with patch.object(self.env.cr, "execute", wraps=self.env.cr.execute) as execute:
                customer._crm_evaluate_events()
            statements.append([call[0][0] for call in execute.call_args_list])
        self.assertEqual((many.customer_order_interval, many.customer_days_since_order), (30.0, 30),
                         "the twenty orders were evaluated")
        self.assertEqual(many.customer_revenue_12m, 1100.0, "eleven of the twenty invoices in the last 12 months")
        self.assertEqual(len(statements[0]), len(statements[1]))
        self.assertLessEqual(len(statements[0]), 2, "the run is one statement")
        for query in statements[0] + statements[1]:
            self.assertNotRegex(query, r"(?i)\b(CREATE|DROP)\s+(TEMP|TEMPORARY|TABLE)\b")


class TestEvaluationAccess(EvaluationCase):
    """A salesperson sees the evaluation of their customers; revenue figures stay with invoicing."""

    def test_salesperson_reads_the_evaluation_but_not_the_revenue(self):
        customer = self._customer_with_revenue("Nagel Holz", 500.0)
        customer.user_id = self.salesperson
        self.env["res.partner"].crm_evaluate()
        as_sales = customer.sudo(self.salesperson)
        values = as_sales.read(["customer_abc_class", "customer_churn_risk", "customer_health_score",
                                "customer_risk_reasons"])[0]
        self.assertEqual(values["customer_abc_class"], "A")
        self.assertEqual(self.env["crm.customer.evaluation"].sudo(self.salesperson).search(
            [("partner_id", "=", customer.id)]).abc_class, "A")
        with self.assertRaises(AccessError):
            as_sales.read(["customer_revenue_12m"])
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.salesperson).search([("customer_revenue_12m", ">", 100)])
        accountant = self._create_user("anke.buchhaltung", ["sales_team.group_sale_salesman",
                                                            "account.group_account_invoice"])
        self.assertEqual(customer.sudo(accountant).customer_revenue_12m, 500.0)

    def test_only_managers_run_the_evaluation(self):
        with self.assertRaisesRegex(AccessError, "Only sales managers"):
            self.env["res.partner"].sudo(self.salesperson).crm_evaluate()
        self.assertIn("evaluated", self.env["res.partner"].sudo(self.manager).crm_evaluate([]))
