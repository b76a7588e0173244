"""Stories of the customer's signature under the service report."""
from odoo.exceptions import UserError

from .common import TicketingCase

SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


class TestTicketSignature(TicketingCase):
    """The customer signs on the technician's tablet; the report prints who signed and when."""

    def test_the_contact_who_reported_the_case_signs_and_the_chatter_says_so(self):
        ticket = self._open_ticket().sudo(self.technician)
        wizard = self.env["crm.ticket.sign"].sudo(self.technician).with_context(
            default_ticket_id=ticket.id).create({"signature": SIGNATURE})
        self.assertEqual(wizard.signer_name, "Petra Müller", "the contact is proposed as the signer")
        wizard.action_sign()
        self.assertEqual(ticket.signed_by, "Petra Müller")
        self.assertTrue(ticket.signed_on and ticket.signature)
        self.assertIn("Service report signed by Petra Müller.", ticket.message_ids[0].body)

    def test_no_signature_without_a_name(self):
        ticket = self._open_ticket()
        with self.assertRaises(UserError):
            ticket._sign_report("  ", SIGNATURE)
        self.assertFalse(ticket.signed_on)

    def test_the_signed_report_prints_signer_and_time_instead_of_the_empty_line(self):
        ticket = self._open_ticket()
        report = self.env.ref("crm_ticketing.crm_ticket_report_service")
        html = report.render_qweb_html(ticket.ids)[0].decode("utf-8")
        self.assertIn("Customer signature:", html)
        ticket._sign_report("Petra Müller", SIGNATURE)
        html = report.render_qweb_html(ticket.ids)[0].decode("utf-8")
        self.assertIn("Petra Müller", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertNotIn("Customer signature:", html)
