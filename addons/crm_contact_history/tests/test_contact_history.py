from odoo.exceptions import UserError

from .common import CustomerServiceCase


class TestContactHistory(CustomerServiceCase):
    """Everything that happened with a customer and its contact persons shows in one history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.contacts = cls._create_customer("Müller Maschinenbau GmbH", ["Klaus Müller", "Eva Roth"])
        cls.klaus, cls.eva = cls.contacts
        cls.other, _ = cls._create_customer("Schulz Logistik KG")
        cls.History = cls.env["crm.contact.history"]

    def _history(self, partner=None, **filters):
        domain = [("partner_id", "=", (partner or self.customer).id)]
        domain += [(key, "=", value) for key, value in filters.items()]
        return self.History.search(domain)

    def test_note_on_contact_person_lands_in_company_history(self):
        self.klaus.message_post(body="<p>Ruft wegen <b>Liefertermin</b> an</p>", subtype="mail.mt_note",
                                message_type="comment")
        entry = self._history(kind="note")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.contact_id, self.klaus)
        self.assertEqual(entry.body, "Ruft wegen Liefertermin an")
        self.assertEqual(entry.user_id, self.env.user)
        self.assertFalse(self._history(self.other))

    def test_message_on_order_is_outgoing_correspondence(self):
        order = self._create_order(self.eva, 250.0)
        order.message_post(body="Anbei Ihr Angebot", subtype="mail.mt_comment", message_type="comment")
        self.assertEqual(self._history(kind="email_out").mapped("res_id"), [order.id])
        self.assertEqual(self._history(kind="email_out").res_model, "sale.order")
        attachment = self.env["ir.attachment"].create({"name": "Angebot.pdf", "datas": "UERG",
                                                       "datas_fname": "Angebot.pdf"})
        order.message_post(body="Angebot als PDF", subtype="mail.mt_comment", message_type="comment",
                           attachment_ids=[attachment.id])
        self.assertEqual(len(self._history(kind="letter")), 1)

    def test_mail_from_the_customer_is_incoming(self):
        self.customer.message_post(body="Bitte um Rückruf", message_type="email", author_id=self.klaus.id)
        self.assertEqual(len(self._history(kind="email_in")), 1)

    def test_meeting_with_two_contacts_is_one_entry(self):
        self.env["calendar.event"].create({
            "name": "Jahresgespräch", "start": "2026-03-02 09:00:00", "stop": "2026-03-02 10:00:00",
            "partner_ids": [(6, 0, [self.klaus.id, self.eva.id, self.env.user.partner_id.id])],
        })
        meetings = self._history(kind="meeting")
        self.assertEqual(len(meetings), 1)
        self.assertEqual(meetings.name, "Jahresgespräch")
        self.assertFalse(self.History.search([("partner_id", "=", self.env.user.company_id.partner_id.id),
                                              ("kind", "=", "meeting"), ("name", "=", "Jahresgespräch")]))

    def test_open_activity_is_a_task_with_deadline(self):
        """Dated when it was scheduled; its deadline a plain date (no midnight in UTC shown as 01:00)."""
        activity = self.env["mail.activity"].create({
            "res_model_id": self.env.ref("base.model_res_partner").id, "res_id": self.eva.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
            "summary": "Angebot nachfassen", "date_deadline": "2026-12-01", "user_id": self.env.uid,
        })
        task = self._history(kind="task")
        self.assertEqual((task.name, task.date_deadline, task.contact_id, task.date),
                         ("Angebot nachfassen", "2026-12-01", self.eva, activity.create_date))

    def test_documents_appear_with_kind_and_amount(self):
        quotation = self._create_order(self.customer, 100.0)
        order = self._create_order(self.klaus, 300.0, confirm=True)
        invoice = self._create_invoice(self.customer, 300.0, "2026-01-10", "2026-02-10")
        refund = self._create_invoice(self.customer, 40.0, "2026-01-20", "2026-01-20", kind="out_refund")
        found = {(e.kind, e.res_id, e.amount) for e in self._history() if e.kind in (
            "quotation", "sale_order", "invoice", "credit_note")}
        self.assertEqual(found, {("quotation", quotation.id, 100.0), ("sale_order", order.id, 300.0),
                                 ("invoice", invoice.id, 300.0), ("credit_note", refund.id, 40.0)})

    def test_newest_first_and_open_record(self):
        old = self._create_order(self.customer, 10.0, date="2025-01-01 10:00:00")
        new = self._create_order(self.customer, 20.0, date="2026-06-01 10:00:00")
        entries = self._history(kind="quotation")
        self.assertEqual(entries.mapped("res_id"), [new.id, old.id])
        action = entries[0].action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", new.id))

    def test_note_opens_the_contact_it_was_written_on(self):
        self.klaus.message_post(body="Notiz", subtype="mail.mt_note", message_type="comment")
        action = self._history(kind="note").action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.partner", self.klaus.id))

    def test_entry_without_document_cannot_be_opened(self):
        message = self.env["mail.message"].create({"body": "lose Notiz", "message_type": "comment",
                                                   "history_partner_id": self.customer.id})
        entry = self._history(kind="email_out")
        self.assertEqual(entry.source_id, message.id)
        with self.assertRaises(UserError):
            entry.action_open_record()

    def test_reading_rows_by_id_returns_the_right_rows(self):
        order = self._create_order(self.customer, 10.0)
        self.klaus.message_post(body="Notiz", subtype="mail.mt_note", message_type="comment")
        ids = self._history().ids
        self.History.invalidate_cache()
        rows = self.History.browse(ids).read(["kind", "res_id"])
        self.assertEqual(sorted(r["id"] for r in rows), sorted(ids))
        self.assertIn(("quotation", order.id), {(r["kind"], r["res_id"]) for r in rows})

    def test_a_page_of_the_history_names_customer_contact_user_and_currency_as_odoo_does(self):
        order = self._create_order(self.eva, 250.0)
        self.klaus.message_post(body="Notiz", subtype="mail.mt_note", message_type="comment")
        fields = ["partner_id", "contact_id", "user_id", "currency_id", "company_id"]
        self.History.invalidate_cache()
        rows = self.History.search_read([("partner_id", "=", self.customer.id)], fields + ["kind"])
        by_kind = {row["kind"]: row for row in rows}
        self.assertEqual(by_kind["quotation"]["contact_id"], (self.eva.id, "Müller Maschinenbau GmbH, Eva Roth"))
        self.assertEqual(by_kind["quotation"]["currency_id"], order.currency_id.name_get()[0])
        self.assertEqual(by_kind["note"]["user_id"], self.env.user.name_get()[0])
        for row in rows:
            entry = self.History.browse(row["id"])
            self.assertEqual(row, dict(entry.read(fields + ["kind"], load="_classic_read")[0]))
            for name in fields:
                self.assertEqual(row[name], entry[name] and entry[name].name_get()[0] or False, name)

    def test_contact_whose_company_changed_moves_with_history(self):
        self.klaus.message_post(body="Wechselt bald zu Schulz", subtype="mail.mt_note", message_type="comment")
        order = self._create_order(self.klaus, 50.0)
        self.klaus.write({"parent_id": self.other.id})
        self.assertFalse(self._history(kind="note"))
        self.assertEqual(self._history(self.other, kind="note").contact_id, self.klaus)
        self.assertEqual(self._history(self.other, kind="quotation").res_id, order.id)

    def test_archived_contact_keeps_its_history(self):
        self.eva.message_post(body="Geht in Rente", subtype="mail.mt_note", message_type="comment")
        self.eva.active = False
        self.assertEqual(self._history(kind="note").contact_id, self.eva)

    def test_customer_without_documents_has_empty_history(self):
        lonely, _ = self._create_customer("Neukunde Weber e.K.")
        self.assertFalse(self._history(lonely))
        self.assertEqual(lonely.history_count, 0)
        self.assertFalse(lonely.history_ids)

    def test_history_filters_by_text_and_period(self):
        self.klaus.message_post(body="Reklamation Dichtung", subtype="mail.mt_note", message_type="comment")
        self.eva.message_post(body="Messebesuch", subtype="mail.mt_note", message_type="comment")
        hits = self.History.search([("partner_id", "=", self.customer.id), "|", ("name", "ilike", "Dichtung"),
                                    ("body", "ilike", "Dichtung")])
        self.assertEqual(hits.contact_id, self.klaus)
