from odoo.exceptions import AccessError

from .common import CustomerServiceCase


class TestHistoryAccess(CustomerServiceCase):
    """The history shows a document's name, preview and amount only to users who may open it: a
    salesperson who sees only their own orders does not read a colleague's orders, nor the notes on
    them, in the customer file, in its counters or by guessing ids."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna = cls._create_user("anna.vertrieb", ["sales_team.group_sale_salesman"])
        cls.ben = cls._create_user("ben.vertrieb", ["sales_team.group_sale_salesman"])
        cls.clerk = cls._create_user("carl.lager", ["base.group_user"])
        cls.customer, cls.contacts = cls._create_customer("Brandt Hydraulik GmbH", ["Jana Brandt"])
        cls.own_order = cls._create_order(cls.customer, 120.0)
        cls.own_order.user_id = cls.anna
        cls.other_order = cls._create_order(cls.customer, 999.0)
        cls.other_order.user_id = cls.ben
        cls.own_order.message_post(body="Anna: Termin bestätigt", subtype="mail.mt_note", message_type="comment")
        cls.other_order.message_post(body="Ben: Sonderrabatt 30 % intern", subtype="mail.mt_note",
                                     message_type="comment")
        cls.customer.message_post(body="Firmennotiz", subtype="mail.mt_note", message_type="comment")

    def _visible(self, user):
        history = self.env["crm.contact.history"].sudo(user)
        return history.search([("partner_id", "=", self.customer.id)])

    def test_salesperson_sees_own_order_and_its_notes_not_a_colleagues(self):
        rows = self._visible(self.anna)
        seen = {(row.res_model, row.res_id, row.kind) for row in rows}
        self.assertIn(("sale.order", self.own_order.id, "quotation"), seen)
        self.assertIn(("sale.order", self.own_order.id, "note"), seen)
        self.assertIn(("res.partner", self.customer.id, "note"), seen)
        self.assertNotIn(self.other_order.id, [row.res_id for row in rows if row.res_model == "sale.order"])
        self.assertNotIn("Sonderrabatt", " ".join(rows.mapped("body")))
        admin_rows = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(admin_rows), len(rows) + 2, "the administrator sees the colleague's order and note")

    def test_counters_and_groups_count_only_visible_rows(self):
        history = self.env["crm.contact.history"].sudo(self.anna)
        domain = [("partner_id", "=", self.customer.id)]
        count = history.search_count(domain)
        self.assertEqual(count, len(self._visible(self.anna)))
        groups = history.read_group(domain, ["kind", "amount"], ["kind"])
        self.assertEqual(sum(group["kind_count"] for group in groups), count)
        quotation = [group for group in groups if group["kind"] == "quotation"][0]
        self.assertEqual(quotation["amount"], 120.0, "the colleague's 999.00 is not summed in")
        self.assertEqual(history.search_count(domain + [("amount", "=", 999.0)]), 0, "no amount oracle")
        self.assertEqual(self.customer.sudo(self.anna).history_count, count)

    def test_a_page_of_the_list_is_one_query_and_shows_what_search_and_read_show(self):
        fields = ["date", "kind", "name", "body", "partner_id", "contact_id", "user_id", "amount", "currency_id",
                  "date_deadline", "state", "res_model", "res_id"]
        history = self.env["crm.contact.history"].sudo(self.anna)
        domain = [("partner_id", "=", self.customer.id)]
        expected = history.search(domain, offset=1, limit=2).read(fields)
        history.invalidate_cache()
        before = self.cr.sql_log_count
        page = history.search_read(domain, fields, offset=1, limit=2)
        queries = self.cr.sql_log_count - before
        self.assertEqual(page, expected, "the same rows, in the same order, with the same values")
        self.assertLessEqual(queries, 1 + 1 + 3, "the company rule's child companies, the page, then one name "
                                                 "query per named model (partners, users, currencies)")
        before = self.cr.sql_log_count
        everything = history.search_read(domain, fields)
        self.assertEqual(self.cr.sql_log_count - before, queries, "whatever the length of the page")
        self.assertEqual(len(everything), len(self._visible(self.anna)))
        self.assertNotIn(999.0, [row["amount"] for row in everything], "the colleague's order stays hidden")

    def test_hidden_row_cannot_be_read_by_its_id(self):
        hidden = self.env["crm.contact.history"].search([
            ("res_model", "=", "sale.order"), ("res_id", "=", self.other_order.id), ("kind", "=", "quotation")])
        self.assertEqual(len(hidden), 1)
        with self.assertRaises(AccessError):
            hidden.sudo(self.anna).read(["name", "amount"])

    def test_user_without_sales_rights_sees_no_orders(self):
        rows = self._visible(self.clerk)
        self.assertFalse(rows.filtered(lambda row: row.res_model == "sale.order"))
        self.assertIn(("res.partner", self.customer.id), {(row.res_model, row.res_id) for row in rows})

    def test_every_visible_row_is_a_document_the_user_can_open(self):
        for user in (self.anna, self.ben, self.clerk):
            for row in self._visible(user):
                document = self.env[row.res_model].sudo(user).search([("id", "=", row.res_id)])
                self.assertEqual(document.ids, [row.res_id],
                                 "%s sees %s,%s" % (user.login, row.res_model, row.res_id))
