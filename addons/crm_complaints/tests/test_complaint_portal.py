"""The customer's portal user: the customer's complaints only, public messages only, answers in the chatter."""
from odoo.exceptions import AccessError

from .common import ComplaintCase


class TestComplaintPortal(ComplaintCase):
    """A portal user of the customer reads and answers the customer's complaints, nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls._create_portal_user(cls.jana, "jana.portal", "jana.kurz@example.com")

    def test_portal_user_reads_the_customers_complaints_only(self):
        own = self._complain("Lieferung unvollständig")
        other = self._complain("Falsche Farbe", partner=self.other_customer)
        complaints = self.env["crm.complaint"].sudo(self.portal_user)
        self.assertEqual(complaints.search([]), own)
        self.assertEqual(own.sudo(self.portal_user).portal_url, "/my/complaint/%d" % own.id)
        with self.assertRaises(AccessError):
            other.sudo(self.portal_user).read(["subject"])
        with self.assertRaises(AccessError):
            own.sudo(self.portal_user).write({"subject": "vom Kunden geändert"})

    def test_portal_user_answers_and_sees_no_internal_note(self):
        complaint = self._complain("Lieferung unvollständig")
        complaint.message_post(body="<p>Kulanz prüfen</p>", message_type="comment", subtype="mail.mt_note")
        complaint.sudo(self.portal_user).message_post(body="Es fehlen zwei O-Ringe.", message_type="comment",
                                                      subtype="mail.mt_comment", author_id=self.jana.id)
        messages = self.env["mail.message"].sudo(self.portal_user).search([
            ("model", "=", "crm.complaint"), ("res_id", "=", complaint.id), ("message_type", "=", "comment")])
        self.assertEqual([(m.body, m.author_id) for m in messages], [("<p>Es fehlen zwei O-Ringe.</p>", self.jana)])
        with self.assertRaises(AccessError):
            self._complain("Fremd", partner=self.other_customer).sudo(self.portal_user).message_post(
                body="Hallo", message_type="comment", subtype="mail.mt_comment")
