from odoo.tests.common import SavepointCase


class TestBulkWriter(SavepointCase):
    """The fast paths (deadline cron, webhooks) write activities, messages and bus rows that look to
    the user exactly like those the ORM writes: in the chatter, the inbox, the activities and the
    customer's history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.writer = cls.env["crm.bulk.writer"]
        cls.customer = cls.env["res.partner"].create({"name": "Keller Antriebstechnik GmbH", "is_company": True})
        cls.contact = cls.env["res.partner"].create({"name": "Eva Keller", "parent_id": cls.customer.id})
        cls.manager = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Mara Manager", "login": "mara.bulk", "email": "mara.bulk@example.com",
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])]})

    def test_activities_are_those_of_the_document_and_of_the_customer_history(self):
        call = self.env.ref("mail.mail_activity_data_call")
        ids = self.writer._create_activities("res.partner", [
            {"res_id": self.contact.id, "activity_type_id": call.id, "summary": "Rückruf",
             "note": "<p>Bitte zurückrufen</p>", "date_deadline": "2026-12-03", "user_id": self.manager.id},
            {"res_id": self.customer.id, "activity_type_id": call.id, "summary": "Angebot nachfassen",
             "note": False, "date_deadline": "2026-12-04", "user_id": self.manager.id},
        ])
        activities = self.env["mail.activity"].browse(ids)
        self.assertEqual(activities.mapped("summary"), ["Rückruf", "Angebot nachfassen"])
        self.assertEqual(activities[0].res_name, "Keller Antriebstechnik GmbH, Eva Keller")
        self.assertEqual(activities.mapped("history_partner_id"), self.customer)
        self.assertEqual(activities[0].history_contact_id, self.contact)
        self.assertEqual(self.contact.activity_ids, activities[0])
        history = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id),
                                                          ("kind", "=", "task")])
        self.assertEqual(sorted(history.mapped("name")), ["Angebot nachfassen", "Rückruf"])

    def test_messages_land_in_the_chatter_and_the_recipients_inbox(self):
        ids = self.writer._post_messages("res.partner", [
            {"res_id": self.customer.id, "body": "<p>Frist verpasst</p>", "partner_ids": [self.manager.partner_id.id]},
            {"res_id": self.contact.id, "body": "<p>Notiz</p>"},
        ])
        messages = self.env["mail.message"].browse(ids)
        self.assertEqual(messages.mapped("body"), ["<p>Frist verpasst</p>", "<p>Notiz</p>"])
        self.assertEqual(messages.mapped("subtype_id"), self.env.ref("mail.mt_note"))
        self.assertEqual(messages[0].record_name, "Keller Antriebstechnik GmbH")
        self.assertIn(messages[0], self.customer.message_ids)
        inbox = self.env["mail.message"].sudo(self.manager).search([("needaction", "=", True)])
        self.assertEqual(inbox, messages[0], "the recipient finds the message unread in the inbox")
        self.assertEqual(messages.mapped("history_partner_id"), self.customer)
        self.assertEqual(len(set(messages.mapped("message_id"))), 2, "each message has its own Message-Id")

    def test_bus_rows_for_every_channel(self):
        channel = (self.env.cr.dbname, "crm.test", self.manager.partner_id.id)
        self.writer._send_bus([(channel, {"n": 1}), (channel, {"n": 2})])
        rows = self.env["bus.bus"].sudo().search([("channel", "like", "crm.test")], order="id")
        self.assertEqual([row.message for row in rows], ['{"n":1}', '{"n":2}'])

    def test_an_agent_polling_the_bus_costs_no_read_of_users(self):
        """Each pop-up wakes an agent's long poll, whose bus.bus.poll reads every field of the rows it hands
        out: rows without an author are handed out with the search and the read alone (with an author,
        Odoo named it through res.users on every poll)."""
        channel = (self.env.cr.dbname, "crm.test", self.manager.partner_id.id)
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last = self.env.cr.fetchone()[0]
        self.writer.sudo(self.manager)._send_bus([(channel, {"n": n}) for n in range(3)])
        self.env.cache.invalidate()  # the longpolling process starts each poll with an empty cache
        before = self.cr.sql_log_count
        notifications = self.env["bus.bus"].poll([channel], last)
        self.assertEqual([n["message"] for n in notifications], [{"n": 0}, {"n": 1}, {"n": 2}])
        self.assertLessEqual(self.cr.sql_log_count - before, 2)

    def test_set_based(self):
        """A thousand activities cost the same few queries as two."""
        call = self.env.ref("mail.mail_activity_data_call")

        def queries(count):
            values = [{"res_id": self.contact.id, "activity_type_id": call.id, "summary": "R%d" % i,
                       "note": False, "date_deadline": "2026-12-03", "user_id": self.manager.id}
                      for i in range(count)]
            before = self.cr.sql_log_count
            self.writer._create_activities("res.partner", values)
            self.writer._post_messages("res.partner", [{"res_id": self.contact.id, "body": "<p>x</p>"}] * count)
            return self.cr.sql_log_count - before

        self.env["res.partner"].invalidate_cache()
        few = queries(2)
        self.env["res.partner"].invalidate_cache()
        self.assertLessEqual(queries(1000), few + 2, "one INSERT page per 1000 rows, not one per row")
