from odoo.exceptions import AccessError

from .common import CustomerServiceCase


class TestCustomerFigures(CustomerServiceCase):
    """The header of the customer file: quotations, order backlog, open, overdue and credited amounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contacts = cls._create_customer("Becker Haustechnik GmbH", ["Jonas Becker"])
        cls.jonas = cls.contacts
        cls.foreign = cls.env["res.currency"].search([("id", "!=", cls.currency.id)], limit=1)
        cls.foreign.active = True
        cls.env["res.currency.rate"].search([("currency_id", "in", (cls.foreign | cls.currency).ids)]).unlink()
        # one company currency unit = 2 foreign units, for every date of the tests
        cls.env["res.currency.rate"].create({"currency_id": cls.currency.id, "rate": 1.0, "name": "2000-01-01"})
        cls.env["res.currency.rate"].create({"currency_id": cls.foreign.id, "rate": 2.0, "name": "2000-01-01"})

    def test_customer_without_documents_shows_zeros(self):
        figures = self.customer.read(["quotation_count", "quotation_amount", "order_backlog_amount",
                                      "open_invoice_amount", "overdue_amount", "credit_note_amount",
                                      "payment_grade"])[0]
        self.assertEqual((figures["quotation_count"], figures["quotation_amount"], figures["order_backlog_amount"],
                          figures["open_invoice_amount"], figures["overdue_amount"],
                          figures["credit_note_amount"], figures["payment_grade"]),
                         (0, 0.0, 0.0, 0.0, 0.0, 0.0, False))

    def test_quotations_count_draft_and_sent_of_company_and_contacts(self):
        self._create_order(self.customer, 100.0)
        sent = self._create_order(self.jonas, 250.0)
        sent.state = "sent"
        self._create_order(self.customer, 999.0, confirm=True)  # an order, not a quotation
        self._create_order(self.customer, 400.0, currency=self.foreign)  # 200 in company currency
        self.assertEqual(self.customer.quotation_count, 3)
        self.assertAlmostEqual(self.customer.quotation_amount, 100.0 + 250.0 + 200.0)
        self.assertEqual(self.jonas.quotation_count, 3, "a contact shows the figures of its company")

    def test_order_backlog_is_what_is_confirmed_but_not_invoiced(self):
        order = self._create_order(self.customer, 300.0, confirm=True)
        order.order_line.product_uom_qty = 4  # 4 x 300 = 1200 confirmed
        self._create_order(self.customer, 50.0)  # a quotation is no backlog
        self.assertAlmostEqual(self.customer.order_backlog_amount, 1200.0)
        invoice_id = order.action_invoice_create()[0]
        invoice = self.env["account.invoice"].browse(invoice_id)
        invoice.invoice_line_ids.quantity = 1
        self.customer.invalidate_cache()
        self.assertAlmostEqual(self.customer.order_backlog_amount, 900.0)

    def test_order_backlog_counts_in_the_orders_currency_even_when_lines_say_otherwise(self):
        order = self._create_order(self.customer, 600.0, confirm=True, currency=self.foreign)
        # Odoo's own demo data leaves lines with a stale stored currency: the order's pricelist decides
        self.env.cr.execute("UPDATE sale_order_line SET currency_id = %s WHERE order_id = %s",
                            (self.currency.id, order.id))
        self.customer.invalidate_cache()
        self.assertAlmostEqual(self.customer.order_backlog_amount, 300.0, msg="600 foreign units = 300")

    def test_open_overdue_and_credit_note_amounts(self):
        self._create_invoice(self.customer, 500.0, self._days(-40), self._days(-10))  # overdue
        self._create_invoice(self.jonas, 200.0, self._days(-5), self._days(25))  # open, not due
        paid = self._create_invoice(self.customer, 300.0, self._days(-30), self._days(-20))
        self._pay(paid, self._days(-21))
        self._create_invoice(self.customer, 80.0, self._days(-3), self._days(-3), kind="out_refund")
        self._create_invoice(self.customer, 60.0, self._days(-3), self._days(27), currency=self.foreign)
        draft = self._create_invoice(self.customer, 1000.0, self._days(-3), self._days(-1), validate=False)
        self.assertEqual(draft.state, "draft")
        self.assertAlmostEqual(self.customer.open_invoice_amount, 500.0 + 200.0 + 30.0)
        self.assertAlmostEqual(self.customer.overdue_amount, 500.0)
        self.assertAlmostEqual(self.customer.credit_note_amount, 80.0)

    def test_last_years_credit_notes_do_not_count(self):
        self._create_invoice(self.customer, 70.0, "2019-05-05", "2019-05-05", kind="out_refund")
        self.assertEqual(self.customer.credit_note_amount, 0.0)

    def test_figures_in_one_query_per_kind_for_many_customers(self):
        customers = self.customer
        for index in range(5):
            partner, _ = self._create_customer("Kunde %d" % index)
            self._create_order(partner, 10.0 * (index + 1))
            customers |= partner
        customers.invalidate_cache()
        before = self.cr.sql_log_count
        amounts = customers.mapped("quotation_amount")
        queries_five = self.cr.sql_log_count - before
        self.assertEqual(amounts, [0.0, 10.0, 20.0, 30.0, 40.0, 50.0])
        customers[:2].invalidate_cache()
        before = self.cr.sql_log_count
        customers[:2].mapped("quotation_amount")
        self.assertEqual(self.cr.sql_log_count - before, queries_five)

    def test_salesperson_without_invoicing_rights_sees_no_invoice_figures(self):
        salesperson = self._create_user("berta.vertrieb", ["sales_team.group_sale_salesman"])
        self._create_invoice(self.customer, 500.0, self._days(-40), self._days(-10))
        self._create_order(self.customer, 100.0).user_id = salesperson  # "own documents only": hers
        as_sales = self.customer.sudo(salesperson)
        view = as_sales.fields_view_get(
            view_id=self.env.ref("crm_contact_history.res_partner_view_form_customer_file").id)
        self.assertNotIn("open_invoice_amount", view["fields"])
        self.assertIn("quotation_amount", view["fields"])
        values = as_sales.read(list(view["fields"]))[0]
        self.assertEqual(values["quotation_count"], 1)
        with self.assertRaises(AccessError):
            as_sales.read(["overdue_amount"])
        kinds = set(self.env["crm.contact.history"].sudo(salesperson).search(
            [("partner_id", "=", self.customer.id)]).mapped("kind"))
        self.assertEqual(kinds, {"quotation"}, "invoices are not in the history of a user without invoicing")
