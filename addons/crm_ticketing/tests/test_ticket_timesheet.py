"""Stories: the technicians' timesheet lines are the actual hours of the steps and of the ticket."""
from odoo.exceptions import AccessError, ValidationError

from .common import TicketingCase


class TestTicketTimesheet(TicketingCase):
    """Time logged on a step through timesheets is its actual time; the plan is compared with it."""

    def test_time_logged_on_a_step_is_its_actual_hours_and_the_tickets(self):
        ticket = self._open_ticket()
        pick_up = self._step(ticket, "Organise pick-up")
        first = self._log_time(pick_up, 0.5, user=self.manager, name="Spedition angerufen")
        self._log_time(pick_up, 0.25, user=self.technician, name="Abholschein geschrieben")
        self.assertAlmostEqual(pick_up.actual_hours, 0.75)
        self.assertAlmostEqual(ticket.actual_hours, 0.75)
        self.assertAlmostEqual(pick_up.actual_cost, 0.75 * 80)
        self.assertEqual(first.crm_ticket_id, ticket)
        self.assertEqual(first.project_id, self.env.ref("crm_ticketing.project_customer_service"))
        self.assertEqual(first.account_id, first.project_id.analytic_account_id)
        self.assertEqual(ticket.timesheet_ids, pick_up.timesheet_ids)
        first.unit_amount = 1.0  # corrected
        self.assertAlmostEqual(ticket.actual_hours, 1.25)
        first.unlink()
        self.assertAlmostEqual(pick_up.actual_hours, 0.25)
        self.assertAlmostEqual(ticket.actual_hours, 0.25)

    def test_time_is_booked_on_the_project_the_ticket_names(self):
        project = self.env["project.project"].create({"name": "Werkstatt 2026"})
        ticket = self._open_ticket(project_id=project.id)
        line = self._log_time(self._step(ticket, "Organise pick-up"), 1.0)
        self.assertEqual(line.project_id, project)
        self.assertEqual(line.account_id, project.analytic_account_id)

    def test_a_step_finished_without_time_logged_counts_as_planned_in_a_timesheet_line(self):
        ticket = self._open_ticket()
        pick_up = self._step(ticket, "Organise pick-up")
        pick_up.action_done()
        self.assertEqual(len(pick_up.timesheet_ids), 1)
        self.assertAlmostEqual(pick_up.timesheet_ids.unit_amount, 0.5)
        self.assertEqual(pick_up.timesheet_ids.user_id, self.manager, "the step's responsible")
        self.assertAlmostEqual(ticket.actual_hours, 0.5)
        inspection = self._step(ticket, "Incoming inspection")
        self._log_time(inspection, 2.0, user=self.technician)
        inspection.sudo(self.technician).action_done()
        self.assertEqual(len(inspection.timesheet_ids), 1, "time logged: nothing added")
        self.assertAlmostEqual(ticket.actual_hours, 2.5)

    def test_time_is_logged_on_steps_someone_works_on(self):
        ticket = self._open_ticket()
        with self.assertRaises(ValidationError):
            self._log_time(self._step(ticket, "Cost estimate"), 1.0)  # still waiting
        pick_up = self._step(ticket, "Organise pick-up")
        pick_up.action_cancel()
        with self.assertRaises(ValidationError):
            self._log_time(pick_up, 1.0)

    def test_technicians_log_their_own_time_and_the_manager_corrects_it(self):
        ticket = self._open_ticket()
        pick_up = self._step(ticket, "Organise pick-up")
        line = self._log_time(pick_up, 0.5, user=self.technician)
        colleague = self._log_time(pick_up, 1.0, user=self.technician2)
        with self.assertRaises(AccessError), self.cr.savepoint():
            colleague.sudo(self.technician).write({"unit_amount": 3.0})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["account.analytic.line"].sudo(self.technician).create({
                "crm_ticket_step_id": pick_up.id, "name": "for a colleague", "unit_amount": 1.0,
                "user_id": self.technician2.id})
        self.assertAlmostEqual(pick_up.actual_hours, 1.5)
        line.sudo(self.manager).write({"unit_amount": 0.75})
        colleague.sudo(self.manager).unlink()
        self.assertAlmostEqual(pick_up.actual_hours, 0.75)

    def test_actual_hours_of_many_steps_cost_the_queries_of_one(self):
        tickets = self._open_ticket() | self._open_ticket()
        steps = tickets.mapped("step_ids").filtered(lambda s: s.state == "ready")
        for step in steps:
            self._log_time(step, 1.0)

        def queries(records):
            records.invalidate_cache()
            before = self.cr.sql_log_count
            with self.env.do_in_onchange():  # the values computed, not written back
                records._compute_actual_hours()
            return self.cr.sql_log_count - before

        self.assertEqual(queries(steps), queries(steps[:1]))
        self.assertEqual(steps.mapped("actual_hours"), [1.0] * len(steps))

    def test_planned_against_actual_hours_per_service_type_and_step(self):
        ticket = self._open_ticket()
        pick_up = self._step(ticket, "Organise pick-up")
        self._log_time(pick_up, 1.25)
        pick_up.action_done()
        self._step(ticket, "Incoming inspection").action_done()  # as planned
        report = self.env["crm.ticket.hours.report"]
        rows = report.search([("ticket_id", "=", ticket.id), ("state", "=", "done")])
        self.assertEqual(len(rows), 2)
        row = rows.filtered(lambda r: r.step_id == pick_up)
        self.assertEqual((row.planned_hours, row.actual_hours, row.difference_hours), (0.5, 1.25, 0.75))
        self.assertEqual(row.template_step_id, pick_up.template_step_id)
        groups = report.read_group([("ticket_id", "=", ticket.id)], ["type_id", "planned_hours", "actual_hours"],
                                   ["type_id"])
        self.assertEqual([(g["type_id"][0], g["planned_hours"], g["actual_hours"]) for g in groups],
                         [(self.factory_repair.id, 7.5, 2.75)])
