"""Stories: step deadlines follow the working calendar, and the plan shows before saving."""
from odoo.exceptions import UserError

from .common import TicketingCase


class TestTicketPlanning(TicketingCase):
    """Deadlines follow the company's working calendar, and the plan is visible before saving."""

    def test_ten_working_hours_from_friday_afternoon_end_on_tuesday(self):
        single = self._create_type("Quick job", [("Fix it", 10.0, self.technician, 0, 10)])
        # Friday 2026-11-20 15:00 in Berlin = 14:00 UTC; Fri 1 h + Mon 8 h + Tue 1 h -> Tue 9:00 Berlin
        ticket = self._open_ticket(single, date_start="2026-11-20 14:00:00")
        self.assertEqual(ticket.step_ids.date_planned_start, "2026-11-20 14:00:00")
        self.assertEqual(ticket.step_ids.date_deadline, "2026-11-24 08:00:00")
        self.assertEqual(ticket.date_deadline, "2026-11-24 08:00:00")

    def test_a_deadline_at_the_end_of_a_day_stays_on_that_day(self):
        single = self._create_type("Day job", [("Work a day", 8.0, self.technician, 0, 8)])
        ticket = self._open_ticket(single, date_start="2026-11-23 07:00:00")  # Monday 8:00 Berlin
        self.assertEqual(ticket.step_ids.date_deadline, "2026-11-23 15:00:00", "Monday 16:00, not Tuesday")

    def test_chained_steps_start_when_their_predecessor_is_due(self):
        ticket = self._open_ticket()  # Friday 9:00 Berlin
        pick_up = self._step(ticket, "Organise pick-up")
        inspection = self._step(ticket, "Incoming inspection")
        self.assertEqual(pick_up.date_deadline, "2026-11-20 12:00:00")  # Friday 13:00
        self.assertEqual(inspection.date_planned_start, "2026-11-20 12:00:00")
        self.assertEqual(inspection.date_deadline, "2026-11-24 12:00:00")  # 3 h Fri + 8 h Mon + 5 h Tue
        self.assertEqual(ticket.date_deadline, self._step(ticket, "Return shipment").date_deadline)

    def test_company_holiday_is_not_working_time(self):
        self.env["resource.calendar.leaves"].create({
            "name": "Holiday", "calendar_id": self.calendar.id,
            "date_from": "2026-11-22 23:00:00", "date_to": "2026-11-23 22:59:59"})  # Monday in Berlin
        single = self._create_type("Quick job", [("Fix it", 10.0, self.technician, 0, 10)])
        ticket = self._open_ticket(single, date_start="2026-11-20 14:00:00")
        self.assertEqual(ticket.step_ids.date_deadline, "2026-11-25 08:00:00", "Monday off: Wednesday 9:00")

    def test_the_form_shows_every_step_time_and_cost_when_the_type_is_chosen(self):
        before = self.env["crm.ticket.step"].search_count([])
        result = self._onchange({"partner_id": self.customer.id, "type_id": self.factory_repair.id,
                                 "team_id": self.team.id, "date_start": "2026-11-20 08:00:00"}, "type_id")
        value = result["value"]
        lines = [command[2] for command in value["step_ids"] if command[0] == 0]
        self.assertEqual([line["name"] for line in lines], [
            "Organise pick-up", "Incoming inspection", "Cost estimate", "Repair in the workshop",
            "Function test", "Return shipment"])
        self.assertTrue(all(line["date_deadline"] and line["date_planned_start"] for line in lines))
        self.assertEqual(lines[0]["date_deadline"], "2026-11-20 12:00:00")
        self.assertEqual(lines[0]["user_id"][0], self.manager.id, "no responsible: the team manager")
        self.assertAlmostEqual(value["planned_hours"], 7.5)
        self.assertAlmostEqual(value["planned_cost"], 780.0)
        self.assertEqual(self.env["crm.ticket.step"].search_count([]), before, "nothing saved yet")

    def test_saving_the_shown_plan_keeps_a_changed_responsible(self):
        value = self._onchange({"partner_id": self.customer.id, "type_id": self.factory_repair.id,
                                "team_id": self.team.id}, "type_id")["value"]
        commands = [[c[0], c[1], dict(c[2], template_step_id=c[2]["template_step_id"][0],
                                      user_id=c[2]["user_id"] and c[2]["user_id"][0])]
                    for c in value["step_ids"] if c[0] == 0]
        commands[0][2]["user_id"] = self.technician2.id
        ticket = self.env["crm.ticket"].create({"partner_id": self.customer.id, "type_id": self.factory_repair.id,
                                                "team_id": self.team.id, "step_ids": commands})
        self.assertEqual(len(ticket.step_ids), 6, "steps created once, not twice")
        self.assertEqual(self._step(ticket, "Organise pick-up").user_id, self.technician2)

    def test_calendar_without_working_time_gives_a_clear_error(self):
        self.company.resource_calendar_id = self.env["resource.calendar"].create({
            "name": "Empty calendar", "attendance_ids": [(5, 0, 0)]})
        with self.assertRaises(UserError) as error:
            self._open_ticket()
        self.assertIn("Empty calendar", error.exception.name)
        self.assertIn("no working time", error.exception.name)
