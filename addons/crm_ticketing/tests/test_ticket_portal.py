"""The customer's portal user: own tickets only, public messages only, answers that resume, ratings that count."""
from odoo.exceptions import AccessError

from .common import TicketingCase


class TestTicketPortal(TicketingCase):
    """A portal user of the customer reads and answers the customer's tickets and rates finished ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls._create_portal_user(cls.contact, "petra.portal", "petra.mueller@example.com")
        cls.other_customer, cls.other_contact = cls._create_customer("Konkurrenz Hydraulik AG", ["Otto Konkurrenz"])
        cls.stages = {name: cls.env.ref("crm_ticketing.crm_ticket_stage_%s" % name)
                      for name in ("in_progress", "waiting", "done")}

    def _as_portal(self, ticket):
        return ticket.sudo(self.portal_user)

    def _ticket_of(self, customer, contact):
        ticket = self._open_ticket()
        if customer != self.customer:
            ticket.write({"partner_id": customer.id, "contact_id": contact.id})
        return ticket

    def _rate_finished_ticket(self, customer, contact, score, feedback=None):
        """The customer's contact rates a finished ticket; the customer's evaluation afterwards."""
        ticket = self._ticket_of(customer, contact)
        ticket.stage_id = self.stages["done"]
        ticket.sudo().rating_apply(score, token=ticket._portal_rating(contact).access_token, feedback=feedback)
        customer.invalidate_cache()
        return ticket

    def test_portal_user_sees_the_tickets_of_own_customer_only(self):
        own = self._open_ticket()
        other = self._ticket_of(self.other_customer, self.other_contact)
        tickets = self.env["crm.ticket"].sudo(self.portal_user)
        self.assertEqual(tickets.search([]), own)
        self.assertEqual(own.sudo(self.portal_user).portal_url, "/my/ticket/%d" % own.id)
        with self.assertRaises(AccessError):
            other.sudo(self.portal_user).read(["title"])
        with self.assertRaises(AccessError):
            self._as_portal(own).write({"title": "changed by the customer"})

    def test_portal_user_sees_the_next_step_and_its_date(self):
        ticket = self._open_ticket()
        first = ticket.step_ids.sorted(lambda s: (s.date_deadline, s.id))[0]
        portal_ticket = self._as_portal(ticket)
        self.assertEqual((portal_ticket.portal_next_step, portal_ticket.portal_next_step_date),
                         (first.name, first.date_deadline))

    def test_portal_user_reads_public_messages_not_internal_notes(self):
        ticket = self._open_ticket()
        ticket._post_note("<p>Kunde zahlt schlecht</p>")
        ticket.message_post(body="<p>Wir kommen am Montag.</p>", message_type="comment",
                            subtype="mail.mt_comment")
        messages = self.env["mail.message"].sudo(self.portal_user).search([
            ("model", "=", "crm.ticket"), ("res_id", "=", ticket.id), ("message_type", "=", "comment")])
        self.assertEqual([m.body for m in messages], ["<p>Wir kommen am Montag.</p>"])

    def test_answer_of_the_customer_puts_a_waiting_ticket_back_to_work(self):
        ticket = self._open_ticket()
        ticket.stage_id = self.stages["waiting"]
        self.assertTrue(ticket.sla_paused_since or ticket.sla_status == "none")
        self._as_portal(ticket).message_post(body="Foto anbei", message_type="comment",
                                             subtype="mail.mt_comment", author_id=self.contact.id)
        self.assertEqual(ticket.stage_id, self.stages["in_progress"])
        self.assertFalse(ticket.sla_paused_since)

    def test_our_own_answer_leaves_a_waiting_ticket_waiting(self):
        ticket = self._open_ticket()
        ticket.stage_id = self.stages["waiting"]
        ticket.sudo(self.technician).message_post(body="Bitte Foto senden", message_type="comment",
                                                  subtype="mail.mt_comment")
        self.assertEqual(ticket.stage_id, self.stages["waiting"])

    def test_bad_rating_lands_on_ticket_history_and_evaluation(self):
        ticket = self._rate_finished_ticket(self.customer, self.contact, 1, "Techniker kam zu spät")
        self._rate_finished_ticket(self.other_customer, self.other_contact, 10)
        self.assertEqual((ticket.rating_last_value, ticket.rating_text), (1.0, "highly_dissatisfied"))
        history = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id),
                                                          ("kind", "=", "rating")])
        self.assertEqual([(h.res_id, h.body, h.contact_id) for h in history],
                         [(ticket.id, "Techniker kam zu spät", self.contact)])
        rows = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id),
                                                       ("body", "ilike", "Techniker kam zu spät")])
        self.assertEqual(rows.mapped("kind"), ["rating"], "the rating shows once, not also as the customer's message")
        self.assertTrue(ticket.message_ids.filtered(lambda m: "Techniker kam zu spät" in (m.body or "")),
                        "the ticket's chatter keeps the rating's message")
        self.assertIn("1 bad service ratings in 90 days", self.customer.customer_risk_reasons)
        self.assertNotIn("rating", self.other_customer.customer_risk_reasons or "")
        self.assertEqual(self.customer.customer_health_score, self.other_customer.customer_health_score - 10,
                         "the whole sentiment weight (10): the customer's only rating is bad")
