"""Stories of remedies as ERP documents: credit notes and replacement quotations."""
from odoo.exceptions import UserError, ValidationError

from .common import ComplaintCase


class TestRemedyActions(ComplaintCase):
    """The remedy becomes an ERP document: a draft credit note or a replacement quotation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._create_invoice(cls.customer, 100.0, cls._days(-10), cls._days(20))
        cls.invoice.invoice_line_ids.write({"quantity": 3, "product_id": cls.product.id})
        cls.invoice.compute_taxes()
        cls.complaint = cls._complain("Pumpe defekt", "Eine der drei Pumpen läuft nicht an.",
                                      partner=cls.jana, product=cls.product)

    def _credit_wizard(self, quantity, invoice=None, complaint=None):
        invoice = invoice or self.invoice
        return self.env["crm.complaint.credit.note"].create({
            "complaint_id": (complaint or self.complaint).id,
            "invoice_id": invoice.id,
            "line_ids": [(0, 0, {"invoice_line_id": line.id, "quantity": quantity})
                         for line in invoice.invoice_line_ids],
        })

    def test_credit_note_for_chosen_quantity_is_draft_and_linked_both_ways(self):
        action = self._credit_wizard(1).action_create_credit_note()
        refund = self.env["account.invoice"].browse(action["res_id"])
        self.assertEqual(refund.type, "out_refund")
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.partner_id, self.customer)
        self.assertEqual(refund.refund_invoice_id, self.invoice)
        self.assertEqual(refund.invoice_line_ids.quantity, 1)
        self.assertAlmostEqual(refund.amount_total, 100.0)
        self.assertEqual(refund.complaint_id, self.complaint)
        self.assertEqual(self.complaint.credit_note_ids, refund)
        self.assertEqual(self.complaint.invoice_id, self.invoice)
        self.assertEqual(self.complaint.remedy_type, "credit_note")
        history = self.env["crm.contact.history"].search([
            ("partner_id", "=", self.customer.id), ("kind", "=", "credit_note"), ("res_id", "=", refund.id)])
        self.assertEqual(len(history), 1)
        self.assertIn(self.invoice.number, self.complaint.message_ids[0].body)

    def test_wizard_proposes_one_unit_of_the_complained_product(self):
        self.complaint.invoice_id = self.invoice
        wizard = self.env["crm.complaint.credit.note"].with_context(
            default_complaint_id=self.complaint.id).create({})
        self.assertEqual(wizard.invoice_id, self.invoice)
        self.assertEqual(wizard.line_ids.mapped("quantity"), [1.0])
        self.assertEqual(wizard.line_ids.quantity_remaining, 3.0)

    def test_more_than_invoiced_is_refused(self):
        with self.assertRaisesRegex(UserError, "3.0 can still be credited, 4.0 were requested"):
            self._credit_wizard(4).action_create_credit_note()
        self.assertFalse(self.complaint.credit_note_ids)

    def test_credit_notes_together_cannot_exceed_the_invoice(self):
        self._credit_wizard(2).action_create_credit_note()
        with self.assertRaisesRegex(UserError, "already credited 2.0"):
            self._credit_wizard(2).action_create_credit_note()
        self._credit_wizard(1).action_create_credit_note()
        self.assertEqual(len(self.complaint.credit_note_ids), 2)

    def test_cancelled_credit_note_frees_the_quantity(self):
        action = self._credit_wizard(3).action_create_credit_note()
        self.env["account.invoice"].browse(action["res_id"]).action_invoice_cancel()
        self._credit_wizard(3).action_create_credit_note()
        self.assertEqual(len(self.complaint.credit_note_ids), 2)

    def test_invoice_of_another_customer_is_refused(self):
        foreign = self._create_invoice(self.other_customer, 80.0, self._days(-5), self._days(25))
        with self.assertRaisesRegex(UserError, "belongs to Druckerei Lang KG"):
            self._credit_wizard(1, invoice=foreign).action_create_credit_note()

    def test_zero_quantities_draft_invoice_and_missing_customer_are_refused(self):
        with self.assertRaisesRegex(UserError, "at least one line"):
            self._credit_wizard(0).action_create_credit_note()
        draft = self._create_invoice(self.customer, 50.0, self._days(-1), self._days(10), validate=False)
        with self.assertRaisesRegex(UserError, "Only validated customer invoices"):
            self._credit_wizard(1, invoice=draft).action_create_credit_note()
        anonymous = self.env["crm.complaint"].create({"subject": "Ohne Kunde", "email_from": "x@example.com"})
        with self.assertRaisesRegex(UserError, "Assign the customer"):
            self._credit_wizard(1, complaint=anonymous).action_create_credit_note()

    def test_replacement_quotation_free_of_charge(self):
        wizard = self.env["crm.complaint.replacement"].with_context(
            default_complaint_id=self.complaint.id).create({"quantity": 1})
        self.assertEqual(wizard.product_id, self.product)
        order = self.env["sale.order"].browse(wizard.action_create_replacement()["res_id"])
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.jana)
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.complaint_id, self.complaint)
        self.assertEqual(self.complaint.replacement_order_ids, order)
        self.assertEqual(self.complaint.remedy_type, "replacement")
        history = self.env["crm.contact.history"].search([
            ("partner_id", "=", self.customer.id), ("kind", "=", "quotation"), ("res_id", "=", order.id)])
        self.assertEqual(len(history), 1)

    def test_replacement_at_chosen_price_and_bad_input(self):
        Wizard = self.env["crm.complaint.replacement"]
        wizard = Wizard.create({"complaint_id": self.complaint.id, "product_id": self.product.id,
                                "quantity": 2, "pricing": "price", "price_unit": 25.0})
        order = self.env["sale.order"].browse(wizard.action_create_replacement()["res_id"])
        self.assertEqual(order.order_line.price_unit, 25.0)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        for values, message in (({"quantity": 0}, "must be positive"),
                                ({"pricing": "price", "price_unit": -5}, "cannot be negative")):
            values.update({"complaint_id": self.complaint.id, "product_id": self.product.id})
            with self.assertRaisesRegex(UserError, message):
                Wizard.create(values).action_create_replacement()

    def test_invoice_of_another_customer_cannot_be_linked(self):
        foreign = self._create_invoice(self.other_customer, 80.0, self._days(-5), self._days(25))
        with self.assertRaisesRegex(ValidationError, "belongs to another customer than complaint"):
            self.complaint.invoice_id = foreign
