"""Stories of complaints arriving by e-mail."""
from .common import ComplaintCase

MAIL = """Return-Path: <{sender}>
To: reklamation@example.com
From: {sender_name} <{sender}>
Subject: {subject}
Message-ID: <{msgid}@mail.example.com>
{extra}MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 8bit

<html><body><p>Guten Tag,</p><p>das <b>Gehäuse</b> unserer Pumpe ist gerissen.</p></body></html>
"""


class TestMailIntake(ComplaintCase):
    """Complaints arrive by e-mail: known senders are matched to the customer, others wait for triage."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jana.email = "jana.kurz@kurz-maschinenbau.example"

    def _receive(self, sender, subject="Reklamation Pumpe", msgid="m1", extra=""):
        mail = MAIL.format(sender=sender, sender_name="Absender", subject=subject, msgid=msgid, extra=extra)
        thread_id = self.env["mail.thread"].message_process("crm.complaint", mail.encode("utf-8"))
        return self.env["crm.complaint"].browse(thread_id)

    def test_mail_of_known_customer_becomes_complaint_of_that_customer(self):
        complaint = self._receive("jana.kurz@kurz-maschinenbau.example")
        self.assertEqual(complaint.partner_id, self.jana)
        self.assertEqual(complaint.commercial_partner_id, self.customer)
        self.assertEqual(complaint.subject, "Reklamation Pumpe")
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.description, "Guten Tag,\ndas Gehäuse unserer Pumpe ist gerissen.")
        self.assertRegex(complaint.name, r"^REK-")
        self.assertIn(complaint, self.env["crm.complaint"].search([("partner_id", "child_of", self.customer.id)]))

    def test_mail_of_unknown_sender_waits_for_triage(self):
        complaint = self._receive("unbekannt@irgendwo.example", msgid="m2")
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.email_from, "Absender <unbekannt@irgendwo.example>")
        self.assertFalse(complaint.user_id)
        triage = self.env["crm.complaint"].search([("partner_id", "=", False), ("id", "=", complaint.id)])
        self.assertEqual(triage, complaint)

    def test_reply_threads_into_the_complaint(self):
        complaint = self._receive("jana.kurz@kurz-maschinenbau.example", msgid="m3")
        reply = self._receive("jana.kurz@kurz-maschinenbau.example", subject="Re: Reklamation Pumpe", msgid="m4",
                              extra="In-Reply-To: <m3@mail.example.com>\n")
        self.assertEqual(reply, complaint)
        self.assertEqual(self.env["crm.complaint"].search_count([("subject", "ilike", "Reklamation Pumpe")]), 1)
