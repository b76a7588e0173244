"""Story: the customer reports the same breakdown twice; the second ticket is cancelled as a duplicate."""
from odoo.exceptions import UserError

from .common import TicketingCase


class TestTicketDuplicate(TicketingCase):
    """Petra Müller phones in the leaking pump, then e-mails it again; the service desk keeps the first."""

    def test_a_duplicate_is_cancelled_with_its_open_steps_and_both_are_linked(self):
        original = self._open_ticket()
        duplicate = self._open_ticket()
        duplicate.message_subscribe(partner_ids=self.technician.partner_id.ids)
        self.assertTrue(duplicate.step_ids)
        duplicate.sudo(self.manager).action_mark_duplicate_of(original.id)
        self.assertEqual(duplicate.stage_id, self.env.ref("crm_ticketing.crm_ticket_stage_cancelled"))
        self.assertEqual(set(duplicate.step_ids.mapped("state")), {"cancelled"}, "nobody works on it any more")
        self.assertEqual(original.duplicate_ids, duplicate)
        self.assertEqual(original.duplicate_count, 1)
        self.assertIn(self.technician.partner_id, original.message_partner_ids)
        self.assertTrue(original.message_ids.filtered(
            lambda m: 'data-oe-id="%d"' % duplicate.id in (m.body or "")))
        self.assertTrue(duplicate.message_ids.filtered(
            lambda m: 'data-oe-id="%d"' % original.id in (m.body or "")))
        self.assertFalse(original.is_closed)

    def test_a_ticket_of_another_customer_or_its_own_duplicate_is_no_original(self):
        original = self._open_ticket()
        duplicate = self._open_ticket()
        other_customer, _contacts = self._create_customer("Bäckerei Sommer")
        stranger = self.env["crm.ticket"].create({
            "title": "Oven does not heat", "partner_id": other_customer.id, "type_id": self.factory_repair.id,
            "team_id": self.team.id, "date_start": "2026-11-20 08:00:00"})
        with self.assertRaisesRegex(UserError, "different customers"):
            duplicate.action_mark_duplicate_of(stranger.id)
        with self.assertRaisesRegex(UserError, "cannot be a duplicate of itself"):
            duplicate.action_mark_duplicate_of(duplicate.id)
        self.env["crm.ticket.duplicate"].create({"ticket_id": duplicate.id, "original_id": original.id}) \
            .action_confirm()
        with self.assertRaisesRegex(UserError, "is already a duplicate of"):
            original.action_mark_duplicate_of(duplicate.id)
