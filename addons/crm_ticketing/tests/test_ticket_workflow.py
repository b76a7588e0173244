"""Stories: saving starts the process, finishing a step releases the next one."""
from odoo.exceptions import UserError, ValidationError

from .common import TicketingCase


class TestTicketWorkflow(TicketingCase):
    """Saving starts the process: ready steps reach their responsible, finishing one releases the next."""

    def _activities(self, ticket, user=None):
        domain = [("res_model", "=", "crm.ticket"), ("res_id", "=", ticket.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def test_saving_creates_all_steps_and_starts_the_first(self):
        ticket = self._open_ticket()
        self.assertEqual(len(ticket.step_ids), 6)
        self.assertEqual(ticket.step_ids.mapped("state").count("ready"), 1)
        pick_up = self._step(ticket, "Organise pick-up")
        self.assertEqual(pick_up.state, "ready")
        self.assertEqual(pick_up.user_id, self.manager, "a step without responsible falls to the team manager")
        activity = self._activities(ticket)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(activity.summary, "Organise pick-up")
        self.assertEqual(activity.date_deadline, "2026-11-20")
        self.assertAlmostEqual(ticket.planned_hours, 7.5)
        self.assertAlmostEqual(ticket.planned_cost, 780.0)

    def test_finishing_a_step_makes_the_next_ready_at_once(self):
        ticket = self._open_ticket()
        self._step(ticket, "Organise pick-up").action_done()
        inspection = self._step(ticket, "Incoming inspection")
        self.assertEqual(inspection.state, "ready")
        activity = self._activities(ticket, self.technician)
        self.assertEqual(activity.summary, "Incoming inspection")
        self.assertEqual(activity.date_deadline, "2026-11-24")
        self.assertFalse(self._activities(ticket, self.manager), "the finished step's activity is done")
        self.assertEqual(self._step(ticket, "Cost estimate").state, "waiting")
        self.assertIn("Organise pick-up", ticket.message_ids[:3].mapped("body")[0] + "".join(
            ticket.message_ids[:3].mapped("body")))
        self.assertEqual(ticket.stage_id, self.env.ref("crm_ticketing.crm_ticket_stage_in_progress"))

    def test_a_joining_step_waits_for_all_parallel_predecessors(self):
        installation = self._create_type("Installation", [
            ("Plan delivery", 0.5, self.technician, 0, 16), ("Prepare power supply", 0.5, self.technician2, 0, 24),
            ("Set up machine", 4.0, self.technician, 0, 16)])
        delivery, power, setup = installation.step_ids.sorted("sequence")
        power.write({"after_previous": False, "predecessor_ids": [(6, 0, [])]})
        setup.write({"after_previous": False, "predecessor_ids": [(6, 0, (delivery | power).ids)]})
        ticket = self._open_ticket(installation)
        self.assertEqual(sorted(ticket.step_ids.filtered(lambda s: s.state == "ready").mapped("name")),
                         ["Plan delivery", "Prepare power supply"])
        self.assertEqual(len(self._activities(ticket)), 2)
        self._step(ticket, "Plan delivery").action_done()
        self.assertEqual(self._step(ticket, "Set up machine").state, "waiting")
        self._step(ticket, "Prepare power supply").action_done()
        self.assertEqual(self._step(ticket, "Set up machine").state, "ready")

    def test_a_waiting_step_cannot_be_finished(self):
        ticket = self._open_ticket()
        with self.assertRaises(UserError):
            self._step(ticket, "Cost estimate").action_done()

    def test_actual_hours_and_cost_against_the_plan(self):
        ticket = self._open_ticket()
        pick_up = self._step(ticket, "Organise pick-up")
        self._log_time(pick_up, 1.0)
        pick_up.action_done()
        inspection = self._step(ticket, "Incoming inspection")
        inspection.action_start()
        self.assertEqual(inspection.state, "in_progress")
        inspection.action_done()  # nothing recorded: as planned
        self.assertAlmostEqual(ticket.actual_hours, 2.5)
        self.assertAlmostEqual(ticket.actual_cost, 200.0)
        self.assertAlmostEqual(ticket.planned_hours, 7.5)
        self.assertEqual(self._step(ticket, "Cost estimate").state, "ready")
        with self.assertRaises(ValidationError):
            self._log_time(self._step(ticket, "Cost estimate"), -2)

    def test_finishing_every_step_closes_the_ticket(self):
        ticket = self._open_ticket()
        for _index in range(6):
            ticket.step_ids.filtered(lambda s: s.state == "ready").action_done()
        self.assertTrue(ticket.is_closed)
        self.assertEqual(ticket.progress, 100.0)
        self.assertFalse(self._activities(ticket))

    def test_changing_the_type_after_work_started_asks_and_keeps_done_steps(self):
        ticket = self._open_ticket()
        self._step(ticket, "Organise pick-up").action_done()
        onsite = self._create_type("On-site repair", [("Drive to customer", 1.0, self.technician, 0, 8),
                                                      ("Repair on site", 2.0, self.technician, 50.0, 8)])
        with self.assertRaises(UserError):
            ticket.type_id = onsite
        wizard = self.env["crm.ticket.type.change"].create({"ticket_id": ticket.id, "type_id": onsite.id})
        self.assertEqual(wizard.kept_step_names, "Organise pick-up")
        self.assertIn("Incoming inspection", wizard.replaced_step_names)
        wizard.action_confirm()
        self.assertEqual(ticket.type_id, onsite)
        self.assertEqual(self._step(ticket, "Organise pick-up").state, "done")
        self.assertEqual(self._step(ticket, "Incoming inspection").state, "cancelled")
        self.assertFalse(self._step(ticket, "Cost estimate"), "a step never offered is simply removed")
        self.assertEqual(self._step(ticket, "Drive to customer").state, "ready")
        self.assertAlmostEqual(ticket.planned_hours, 0.5 + 3.0)
        self.assertEqual(self._activities(ticket).mapped("summary"), ["Drive to customer"])

    def test_changing_the_type_before_work_started_replaces_the_plan(self):
        ticket = self._open_ticket()
        onsite = self._create_type("On-site repair", [("Repair on site", 2.0, self.technician, 50.0, 8)])
        ticket.type_id = onsite
        self.assertEqual(ticket.step_ids.filtered(lambda s: s.state != "cancelled").mapped("name"),
                         ["Repair on site"])
