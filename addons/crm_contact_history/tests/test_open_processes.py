from .common import CustomerServiceCase


class TestOpenProcesses(CustomerServiceCase):
    """What is still open with a customer, at a glance (the telephony pop-up shows the same list)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contacts = cls._create_customer("Fischer Metallbau KG", ["Paul Fischer"])

    def test_open_items_of_every_kind(self):
        quotation = self._create_order(self.customer, 100.0)
        order = self._create_order(self.contacts, 200.0, confirm=True)
        invoice = self._create_invoice(self.customer, 300.0, self._days(-5), self._days(25))
        paid = self._create_invoice(self.customer, 50.0, self._days(-5), self._days(25))
        self._pay(paid, self._days(-1))
        activity = self.env["mail.activity"].create({
            "res_model_id": self.env.ref("base.model_res_partner").id, "res_id": self.contacts.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            "summary": "Rückruf", "date_deadline": self._days(1), "user_id": self.env.uid,
        })
        processes = self.customer._crm_open_processes()
        found = {(p["model"], p["id"]) for p in processes}
        self.assertEqual(found, {("sale.order", quotation.id), ("sale.order", order.id),
                                 ("account.invoice", invoice.id), ("res.partner", self.contacts.id)})
        self.assertEqual(processes[0]["deadline"], self._days(1), "the activity due tomorrow comes first")
        self.assertEqual(activity.history_partner_id, self.customer)
        self.assertEqual(set(processes[0]), {"model", "id", "name", "state", "deadline", "amount", "kind",
                                             "kind_label", "currency_id"})
        self.assertEqual({p["kind"]: p["kind_label"] for p in processes},
                         {"task": "Task", "quotation": "Quotation", "sale_order": "Sales order",
                          "invoice": "Invoice"})
        self.assertIn(invoice.number, self.customer.open_processes_html)

    def test_fully_invoiced_order_is_no_longer_open(self):
        order = self._create_order(self.customer, 200.0, confirm=True)
        order.action_invoice_create()
        self.assertNotIn(("sale.order", order.id),
                         {(p["model"], p["id"]) for p in self.customer._crm_open_processes()})

    def test_constant_query_count(self):
        self._create_order(self.customer, 100.0)
        self.customer._crm_open_processes()
        before = self.cr.sql_log_count
        self.customer._crm_open_processes()
        few = self.cr.sql_log_count - before
        for index in range(10):
            self._create_order(self.customer, 10.0 + index)
        before = self.cr.sql_log_count
        self.assertEqual(len(self.customer._crm_open_processes()), 11)
        self.assertEqual(self.cr.sql_log_count - before, few)

    def test_counters_count_only_what_the_user_may_read(self):
        """Counters on the customer file come from one read_group as the user: a user without access to
        the documents sees no count rather than an error."""
        self._create_invoice(self.customer, 300.0, self._days(-5), self._days(25))
        self._create_invoice(self.contacts, 100.0, self._days(-5), self._days(25))
        partners = self.customer | self.contacts
        self.assertEqual(partners._crm_count_by_customer("account.invoice"), {self.customer.id: 2})
        self.assertEqual(partners._crm_count_by_customer("account.invoice", [("amount_total", ">", 200)]),
                         {self.customer.id: 1})
        employee = self._create_user("erika.counter", ["base.group_user"])
        self.assertEqual(partners.sudo(employee)._crm_count_by_customer("account.invoice"), {})

    def test_the_table_shows_dates_amounts_and_kinds_in_the_users_language(self):
        self.env["res.lang"].load_lang("de_DE")
        due = self._days(25)
        self._create_invoice(self.customer, 1920.0, self._days(-5), due)
        foreign = self.env["res.currency"].search([("id", "!=", self.currency.id)], limit=1)
        self._create_order(self.customer, 2947.5, currency=foreign)
        html = self.customer.with_context(lang="de_DE").open_processes_html
        day = due[8:10] + "." + due[5:7] + "." + due[:4]
        self.assertIn(day, html, "the deadline as a German date")
        self.assertNotIn(due, html, "no ISO date")
        self.assertIn("1.920,00", html)
        self.assertIn(self.currency.symbol, html, "the invoice's amount with its currency")
        self.assertIn("2.947,50", html)
        self.assertIn(foreign.symbol, html, "the quotation's amount in the quotation's currency")
        self.assertIn("Rechnung", html)
        self.assertNotIn(">invoice<", html)
