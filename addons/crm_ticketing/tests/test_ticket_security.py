"""Stories: technicians see their tickets and steps, managers everything of their company."""
from odoo.exceptions import AccessError

from .common import MANAGER, TECHNICIAN, TicketingCase


class TestTicketSecurity(TicketingCase):
    """Technicians see their tickets and steps; managers see everything of their company."""

    def test_technician_sees_own_tickets_and_tickets_with_own_steps(self):
        mine = self._open_ticket(user_id=self.technician.id)
        with_my_step = self._open_ticket(user_id=self.manager.id)  # holds steps of technician
        other_type = self._create_type("Office only", [("Call back", 0.5, self.manager, 0, 4)])
        foreign = self._open_ticket(other_type, user_id=self.manager.id)
        visible = self.env["crm.ticket"].sudo(self.technician).search([])
        self.assertIn(mine, visible)
        self.assertIn(with_my_step, visible)
        self.assertNotIn(foreign, visible)
        self.assertEqual(len(self.env["crm.ticket"].sudo(self.manager).search([("id", "in", (
            mine | with_my_step | foreign).ids)])), 3)

    def test_technician_finishes_own_step_and_the_next_reaches_a_colleague(self):
        ticket = self._open_ticket(user_id=self.manager.id)
        self._step(ticket, "Organise pick-up").action_done()
        self._step(ticket, "Incoming inspection").action_done()
        self._step(ticket, "Cost estimate").action_done()
        self._step(ticket, "Repair in the workshop").sudo(self.technician).action_done()
        function_test = self._step(ticket, "Function test")
        self.assertEqual(function_test.state, "ready")
        self.assertEqual(function_test.activity_id.user_id, self.technician2)

    def test_only_managers_maintain_service_types(self):
        with self.assertRaises(AccessError):
            self.env["crm.ticket.type"].sudo(self.technician).create({"name": "Mine"})
        self.env["crm.ticket.type"].sudo(self.manager).create({"name": "Allowed"})
        self.assertTrue(self.factory_repair.sudo(self.technician).step_ids)

    def test_tickets_of_another_company_stay_hidden(self):
        other_company = self.env["res.company"].create({"name": "Tochter GmbH"})
        ticket = self._open_ticket()
        ticket.sudo().company_id = other_company
        self.assertFalse(self.env["crm.ticket"].sudo(self.manager).search([("id", "=", ticket.id)]))

    def test_menus_follow_the_groups(self):
        self.assertMenuVisible(self.technician, "crm_ticketing.crm_ticket_menu")
        self.assertMenuVisible(self.technician, "crm_ticketing.crm_ticket_type_menu", visible=False)
        self.assertMenuVisible(self.manager, "crm_ticketing.crm_ticket_type_menu")
        self.assertTrue(MANAGER and TECHNICIAN)
