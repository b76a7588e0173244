"""Click-to-dial called with wrong arguments (as over XML-RPC) answers with a message, not a traceback."""
from odoo.exceptions import UserError, ValidationError

from .common import TelephonyCase


class TestCrmTelephonyDial(TelephonyCase):
    """Click-to-dial called with wrong arguments (as over XML-RPC) answers with a message, not a traceback."""

    def test_wrong_arguments_get_a_readable_error(self):
        dial = self.env["crm.telephony.dial"].sudo(self.agent)
        for number, partner in ((None, None), (4711, None), ("  ", None), ("0351 1234", "abc"),
                                ("0351 1234", 10 ** 9), ("0351 1234", self.env["res.users"].browse(self.agent.id))):
            with self.assertRaises(ValidationError):
                dial.dial(number, partner=partner)

    def test_a_contact_given_by_its_id_is_taken(self):
        contact = self.env["res.partner"].create({"name": "Olaf Richter", "phone": "0911 3344-33"})
        dial = self.env["crm.telephony.dial"].sudo(self.agent)
        self.assertEqual(dial._dial_partner(contact.id), contact)
        with self.assertRaisesRegex(UserError, "not set up"):
            dial.dial("0911 3344-33", partner=contact.id)
