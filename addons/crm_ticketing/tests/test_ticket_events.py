"""Stories: a complaint, the customer file, an e-mail and a maintenance plan open tickets."""
from .common import TicketingCase


class TestTicketEvents(TicketingCase):
    """Customer events open tickets: a complaint, the customer file, an e-mail, a maintenance plan; the
    tickets then show in the customer's history and open processes."""

    def test_complaint_with_repair_remedy_opens_a_filled_ticket(self):
        complaint = self.env["crm.complaint"].create({
            "subject": "Pump leaks", "partner_id": self.contact.id, "product_id": self.product.id,
            "remedy_type": "repair", "description": "Oil under the machine"})
        action = complaint.action_create_repair_ticket()
        self.assertEqual(action["res_model"], "crm.ticket")
        ticket = self.env["crm.ticket"].with_context(action["context"]).create({"type_id": self.factory_repair.id})
        self.assertEqual(ticket.complaint_id, complaint)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.product_id, self.product)
        self.assertEqual(ticket.description, "Oil under the machine")
        self.assertEqual(complaint.ticket_count, 1)

    def test_new_ticket_from_the_customer_file(self):
        action = self.contact.action_new_ticket()
        self.assertEqual(action["context"], {"default_partner_id": self.customer.id,
                                             "default_contact_id": self.contact.id})
        self._open_ticket()
        self.assertEqual(self.contact.ticket_count, 1)
        self.assertEqual(self.customer.ticket_count, 1)

    def test_a_call_or_the_customer_file_offers_a_new_ticket_to_those_who_may_open_one(self):
        """The processes started for a contact (the phone's pop-up lists them): "New service ticket" with the
        customer and the contact filled in, for a technician; not for a complaints clerk without ticket rights."""
        actions = self.contact.sudo(self.technician)._crm_new_process_actions()
        tickets = [a for a in actions if a["model"] == "crm.ticket"]
        self.assertEqual([(a["name"], a["context"]) for a in tickets], [(
            "New service ticket", {"default_partner_id": self.customer.id, "default_contact_id": self.contact.id})])
        ticket = self.env["crm.ticket"].sudo(self.technician).with_context(tickets[0]["context"]).create(
            {"type_id": self.factory_repair.id})
        self.assertEqual((ticket.partner_id, ticket.contact_id), (self.customer, self.contact))
        clerk = self._create_user("complaints.caller", ["crm_complaints.group_crm_complaints_user"])
        self.assertEqual([a["model"] for a in self.contact.sudo(clerk)._crm_new_process_actions()],
                         ["crm.complaint"])

    def test_a_complaints_clerk_without_ticket_rights_sees_no_ticket_counters(self):
        complaint = self.env["crm.complaint"].create({
            "subject": "Pump leaks", "partner_id": self.contact.id, "remedy_type": "repair"})
        self._open_ticket(complaint_id=complaint.id)
        clerk = self._create_user("complaints.clerk", ["crm_complaints.group_crm_complaints_user"])
        self.assertEqual(self.customer.sudo(clerk).ticket_count, 0)
        self.assertEqual(complaint.sudo(clerk).ticket_count, 0)
        self.assertEqual(self.customer.ticket_count, 1)
        self.assertEqual(complaint.ticket_count, 1)

    def test_email_to_the_service_alias_opens_a_ticket_for_the_sender(self):
        self.contact.email = "petra.mueller@mueller-maschinenbau.example"
        raw = (b"From: Petra Mueller <petra.mueller@mueller-maschinenbau.example>\r\n"
               b"To: service@example.com\r\nSubject: Press does not start\r\n"
               b"Message-ID: <press-123@mueller-maschinenbau.example>\r\n"
               b"Content-Type: text/plain; charset=utf-8\r\n\r\nThe press shows error E42.\r\n")
        ticket_id = self.env["mail.thread"].message_process("crm.ticket", raw)
        ticket = self.env["crm.ticket"].browse(ticket_id)
        self.assertEqual(ticket.title, "Press does not start")
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.contact_id, self.contact)
        self.assertIn("E42", ticket.description)

    def test_maintenance_plan_opens_a_ticket_in_time_once(self):
        plan = self.env["crm.ticket.maintenance.plan"].create({
            "name": "Annual press maintenance", "partner_id": self.customer.id, "type_id": self.factory_repair.id,
            "interval_number": 1, "interval_unit": "years", "next_date": self._days(10), "lead_days": 14})
        later = self.env["crm.ticket.maintenance.plan"].create({
            "name": "Later", "partner_id": self.customer.id, "type_id": self.factory_repair.id,
            "next_date": self._days(60), "lead_days": 14})
        plans = self.env["crm.ticket.maintenance.plan"]
        plans._cron_open_due_tickets()
        self.assertEqual(plan.ticket_count, 1)
        self.assertEqual(later.ticket_count, 0)
        self.assertEqual(plan.ticket_ids.maintenance_date, self._days(10))
        self.assertEqual(len(plan.ticket_ids.step_ids), 6)
        self.assertEqual(plan.next_date[:4], str(int(self._days(10)[:4]) + 1))
        plans._cron_open_due_tickets()
        self.assertEqual(plan.ticket_count + later.ticket_count, 1, "a second run opens nothing")

    def test_ticket_and_step_changes_are_in_the_customer_history_and_open_processes(self):
        ticket = self._open_ticket()
        self._step(ticket, "Organise pick-up").action_done()
        history = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id)])
        ticket_rows = history.filtered(lambda h: h.kind == "ticket")
        self.assertEqual(ticket_rows.res_id, ticket.id)
        self.assertAlmostEqual(ticket_rows.amount, 780.0)
        self.assertTrue(history.filtered(lambda h: h.res_model == "crm.ticket" and "Organise pick-up" in (
            h.body or "")), "the finished step is in the history")
        processes = self.customer._crm_open_processes()
        mine = [p for p in processes if p["kind"] == "ticket"]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["id"], ticket.id)
        self.assertEqual(mine[0]["kind_label"], "Service ticket", "labelled by the history's kind")
        self.assertTrue([p for p in processes if p["kind"] == "task" and p["name"] == "Incoming inspection"],
                        "the ready step is an open task of the customer")
