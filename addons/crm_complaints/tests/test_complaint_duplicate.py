"""Story: a customer complains twice about the same thing; the second complaint is closed as a duplicate."""
from odoo.exceptions import UserError

from .common import ComplaintCase


class TestComplaintDuplicate(ComplaintCase):
    """Jana Kurz reports the leaking pump by phone and by e-mail; the clerk keeps the first complaint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.original = cls._complain("Pump leaks at the seal", "Oil under the pump since Monday.")
        cls.duplicate = cls._complain("Pump leaking", "Oil under the pump, see photos.")
        cls.duplicate.message_subscribe(partner_ids=cls.seller.partner_id.ids)

    def test_a_duplicate_is_closed_its_followers_follow_the_original_and_both_are_linked(self):
        self.duplicate.sudo(self.clerk).action_mark_duplicate_of(self.original.id)
        self.assertEqual(self.duplicate.duplicate_of_id, self.original)
        self.assertTrue(self.duplicate.is_closed)
        self.assertEqual(self.original.duplicate_ids, self.duplicate)
        self.assertEqual(self.original.duplicate_count, 1)
        self.assertIn(self.seller.partner_id, self.original.message_partner_ids, "the follower moved along")
        self.assertNotIn(self.seller.partner_id, self.duplicate.message_partner_ids)
        link_to_original = 'data-oe-id="%d"' % self.original.id
        link_to_duplicate = 'data-oe-id="%d"' % self.duplicate.id
        self.assertTrue(self.duplicate.message_ids.filtered(lambda m: link_to_original in (m.body or "")))
        self.assertTrue(self.original.message_ids.filtered(lambda m: link_to_duplicate in (m.body or "")))
        self.assertFalse(self.original.is_closed, "the original stays open")

    def test_the_wizard_offers_the_customer_s_similar_complaint_as_original(self):
        wizard = self.env["crm.complaint.duplicate"].sudo(self.clerk).new({"complaint_id": self.duplicate.id})
        wizard._onchange_complaint_id()
        self.assertEqual(wizard.original_id, self.original)
        wizard = self.env["crm.complaint.duplicate"].sudo(self.clerk).create({
            "complaint_id": self.duplicate.id, "original_id": self.original.id})
        wizard.action_confirm()
        self.assertEqual(self.duplicate.duplicate_of_id, self.original)

    def test_a_complaint_cannot_be_a_duplicate_of_itself_or_of_its_own_duplicate(self):
        with self.assertRaisesRegex(UserError, "cannot be a duplicate of itself"):
            self.original.action_mark_duplicate_of(self.original.id)
        self.duplicate.action_mark_duplicate_of(self.original.id)
        with self.assertRaisesRegex(UserError, "is already a duplicate of"):
            self.original.action_mark_duplicate_of(self.duplicate.id)
        self.assertFalse(self.original.duplicate_of_id)

    def test_a_complaint_of_another_customer_or_company_is_no_original(self):
        stranger = self._complain("Pump leaks", partner=self.other_customer)
        with self.assertRaisesRegex(UserError, "different customers"):
            self.duplicate.action_mark_duplicate_of(stranger.id)
        elsewhere = self.env["res.company"].create({"name": "Kurz Austria GmbH"})
        abroad = self._complain("Pump leaks", company_id=elsewhere.id)
        with self.assertRaisesRegex(UserError, "different companies"):
            self.duplicate.action_mark_duplicate_of(abroad.id)
        self.assertFalse(self.duplicate.is_closed)
