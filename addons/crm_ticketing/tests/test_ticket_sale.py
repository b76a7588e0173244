"""Stories: the planned cost becomes a quotation, the actual work is invoiced through it."""
from odoo.exceptions import UserError

from .common import TicketingCase


class TestTicketSale(TicketingCase):
    """The planned cost becomes a quotation; the actual work is invoiced through the same order."""

    def test_quotation_has_a_service_line_per_step_and_the_material(self):
        ticket = self._open_ticket()
        ticket.action_create_quotation()
        order = ticket.sale_order_id
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.origin, ticket.name)
        labour = order.order_line.filtered(lambda line: line.product_id == self.env.ref(
            "crm_ticketing.product_service_labour"))
        self.assertEqual(len(labour), 6)
        self.assertEqual(sorted(labour.mapped("product_uom_qty")), [0.5, 0.5, 0.5, 1.0, 1.5, 3.5])
        self.assertEqual(set(labour.mapped("price_unit")), {80.0})
        material = order.order_line - labour
        self.assertEqual(material.price_unit, 180.0)
        self.assertAlmostEqual(order.amount_untaxed, ticket.planned_cost)
        with self.assertRaises(UserError):
            ticket.action_create_quotation()

    def test_actual_hours_and_material_are_invoiced_when_done(self):
        ticket = self._open_ticket()
        ticket.action_create_quotation()
        with self.assertRaises(UserError):
            ticket.action_invoice_actuals()  # open steps
        for _index in range(6):
            step = ticket.step_ids.filtered(lambda s: s.state == "ready")
            if step.name == "Repair in the workshop":
                self._log_time(step, 5.0)
                step.actual_material_cost = 220.0
            step.action_done()
        ticket.action_invoice_actuals()
        order = ticket.sale_order_id
        self.assertEqual(order.state, "sale")
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        repair_line = invoice.invoice_line_ids.filtered(lambda line: "Repair in the workshop" in line.name
                                                        and "material" not in line.name)
        self.assertEqual(repair_line.quantity, 5.0)
        material_line = invoice.invoice_line_ids.filtered(lambda line: "material" in line.name)
        self.assertEqual(material_line.price_unit, 220.0)
        self.assertAlmostEqual(invoice.amount_untaxed, ticket.actual_cost)
        self.assertAlmostEqual(ticket.actual_cost, (7.5 - 3.5 + 5.0) * 80 + 220)

    def test_no_quotation_without_steps(self):
        ticket = self.env["crm.ticket"].create({"title": "Question", "partner_id": self.customer.id})
        with self.assertRaises(UserError):
            ticket.action_create_quotation()

    def test_service_report_lists_the_steps_and_actual_figures(self):
        ticket = self._open_ticket()
        self._log_time(self._step(ticket, "Organise pick-up"), 0.75)
        self._step(ticket, "Organise pick-up").action_done()
        html = self.env.ref("crm_ticketing.crm_ticket_report_service").render_qweb_html(ticket.ids)[0]
        html = html.decode("utf-8") if isinstance(html, bytes) else html
        self.assertIn(ticket.name, html)
        self.assertIn("Organise pick-up", html)
        self.assertIn("00:45", html, "actual time of the finished step")
