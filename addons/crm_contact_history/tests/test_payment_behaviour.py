from odoo.exceptions import AccessError

from .common import CustomerServiceCase


class TestPaymentBehaviour(CustomerServiceCase):
    """Zahlungsmoral: how late a customer pays, graded A to D."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contacts = cls._create_customer("Wagner Druckerei OHG", ["Lena Wagner"])

    def test_paid_on_time_is_grade_a(self):
        invoice = self._create_invoice(self.customer, 100.0, self._local_days(-40), self._local_days(-10))
        self._pay(invoice, self._local_days(-12))
        self.assertEqual(invoice.state, "paid")
        self.assertEqual(self.customer.payment_grade, "A")
        self.assertEqual(self.customer.payment_avg_days_late, 0.0)
        self.assertEqual(self.customer.payment_late_share, 0.0)

    def test_amount_weighted_days_late_and_late_share(self):
        # 300 paid 10 days late, 100 paid 2 days late, 600 paid on time:
        # (300 * 10 + 100 * 2 + 600 * 0) / 1000 = 3.2 days; 2 of 3 invoices late
        for amount, late in ((300.0, 10), (100.0, 2), (600.0, 0)):
            invoice = self._create_invoice(self.contacts, amount, self._local_days(-60), self._local_days(-40))
            self._pay(invoice, self._local_days(-40 + late))
        self.assertAlmostEqual(self.customer.payment_avg_days_late, 3.2)
        self.assertAlmostEqual(self.customer.payment_late_share, 66.7, places=1)
        self.assertEqual(self.customer.payment_grade, "A")

    def test_invoice_paid_ten_days_late_is_grade_b(self):
        invoice = self._create_invoice(self.customer, 500.0, self._local_days(-51), self._local_days(-31))
        self.assertEqual(self.customer.payment_grade, "D", "31 days overdue while unpaid")
        self.assertEqual(self.customer.payment_max_days_overdue, 31)
        self.assertEqual(self.customer.payment_overdue_amount, 500.0)
        self._pay(invoice, self._local_days(-20))
        self.assertEqual(self.customer.payment_avg_days_late, 11.0)
        self.assertEqual(self.customer.payment_overdue_amount, 0.0)
        self.assertEqual(self.customer.payment_grade, "B")

    def test_partial_payment_keeps_rest_overdue(self):
        invoice = self._create_invoice(self.customer, 400.0, self._local_days(-30), self._local_days(-20))
        self._pay(invoice, self._local_days(-15), amount=150.0)
        self.assertEqual(invoice.state, "open")
        self.env["res.partner"]._cron_recompute_payment_behaviour()
        self.assertEqual(self.customer.payment_overdue_amount, 250.0)
        self.assertEqual(self.customer.payment_max_days_overdue, 20)
        self.assertEqual(self.customer.payment_grade, "C")

    def test_limits_come_from_settings(self):
        invoice = self._create_invoice(self.customer, 500.0, self._local_days(-50), self._local_days(-30))
        self._pay(invoice, self._local_days(-20))
        self.assertEqual(self.customer.payment_grade, "B")
        params = self.env["ir.config_parameter"]
        params.set_param("crm_contact_history.payment_grade_a_days", "11")
        params.set_param("crm_contact_history.payment_grade_b_days", "20")
        params.set_param("crm_contact_history.payment_grade_c_days", "40")
        self.assertEqual(self.env["res.config.settings"].get_values()["payment_grade_a_days"], 11,
                         "Settings show the stored limit")
        self.env["res.partner"]._cron_recompute_payment_behaviour()
        self.assertEqual(self.customer.payment_grade, "A")

    def test_limits_must_grow(self):
        from odoo.exceptions import ValidationError
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({
                "payment_grade_a_days": 20, "payment_grade_b_days": 10, "payment_grade_c_days": 40})

    def test_customer_without_invoices_has_no_grade(self):
        self.env["res.partner"]._cron_recompute_payment_behaviour()
        self.assertFalse(self.customer.payment_grade)

    def test_grade_filter_and_group_in_lists(self):
        invoice = self._create_invoice(self.customer, 100.0, self._local_days(-40), self._local_days(-10))
        self._pay(invoice, self._local_days(-12))
        found = self.env["res.partner"].search([("payment_grade", "in", ("A", "B")),
                                                ("id", "=", self.customer.id)])
        self.assertEqual(found, self.customer)
        groups = self.env["res.partner"].read_group([("id", "=", self.customer.id)], ["payment_grade"],
                                                    ["payment_grade"])
        self.assertEqual(groups[0]["payment_grade"], "A")

    def test_overdue_figures_stay_with_invoicing_users_on_every_road(self):
        """A salesperson without invoicing rights learns the overdue figures neither by reading them nor
        by searching, grouping or sorting on them."""
        self._create_invoice(self.customer, 500.0, self._local_days(-51), self._local_days(-31))
        salesperson = self._create_user("sven.vertrieb", ["sales_team.group_sale_salesman_all_leads"])
        partners = self.env["res.partner"].sudo(salesperson)
        roads = {
            "read": lambda: self.customer.sudo(salesperson).read(["payment_overdue_amount"]),
            "search": lambda: partners.search([("payment_overdue_amount", ">", 100)]),
            "search_count": lambda: partners.search_count([("payment_max_days_overdue", ">=", 30)]),
            "path": lambda: self.env["account.invoice"].sudo(salesperson).search(
                [("partner_id.payment_overdue_amount", ">", 100)]),
            "order": lambda: partners.search([], order="payment_overdue_amount desc", limit=1),
            "read_group": lambda: partners.read_group([], ["payment_overdue_amount"], ["payment_grade"]),
            "group_by": lambda: partners.read_group([], ["payment_grade"], ["payment_max_days_overdue"]),
        }
        for road, attempt in roads.items():
            with self.assertRaises(AccessError, msg=road):
                attempt()
        # the grade itself is no money figure: sales and telephony see it
        self.assertEqual(partners.search([("id", "=", self.customer.id), ("payment_grade", "=", "D")]),
                         self.customer)
        accountant = self._create_user("anke.buchhaltung", ["account.group_account_invoice"])
        self.assertEqual(self.env["res.partner"].sudo(accountant).search(
            [("payment_overdue_amount", ">", 100), ("id", "=", self.customer.id)]), self.customer)
