from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase


class TestPublicHolidays(SavepointCase):
    """The company's Bundesland decides which days its working calendar has off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Mo-Fr 8-16",
            "attendance_ids": [(0, 0, {"name": "Day %d" % day, "dayofweek": str(day), "hour_from": 8.0,
                                       "hour_to": 16.0}) for day in range(5)],
        })
        cls.company = cls.env["res.company"].create({"name": "Hanse Pumpen GmbH"})
        cls.company.partner_id.tz = "Europe/Berlin"
        cls.company.resource_calendar_id = cls.calendar

    def _holidays(self):
        return {leave.holiday_date: leave.name for leave in self.calendar.leave_ids if leave.holiday_date}

    def test_easter_monday_is_a_holiday_in_every_state(self):
        for state, _label in self.env["res.company"]._fields["holiday_state"].selection:
            self.company.holiday_state = state
            self.company._write_public_holidays([2026])
            self.assertIn("2026-04-06", self._holidays(), state)
            self.assertEqual(self.calendar._crm_working_day("2026-04-06", "Europe/Berlin"), "2026-04-07", state)

    def test_corpus_christi_is_a_holiday_in_bavaria_and_a_working_day_in_hamburg(self):
        self.company.holiday_state = "BY"
        self.company._write_public_holidays([2026])
        self.assertIn("2026-06-04", self._holidays())
        self.assertEqual(self.company._crm_working_day("2026-06-04"), "2026-06-05")
        self.company.holiday_state = "HH"
        self.company._write_public_holidays([2026])
        self.assertNotIn("2026-06-04", self._holidays(), "moving to Hamburg takes the Bavarian holiday away")
        self.assertEqual(self.company._crm_working_day("2026-06-04"), "2026-06-04")

    def test_a_holiday_is_the_whole_local_day(self):
        self.company.holiday_state = "BE"
        self.company._write_public_holidays([2028])
        unity = self.calendar.leave_ids.filtered(lambda leave: leave.holiday_date == "2028-10-03")
        self.assertEqual((unity.date_from, unity.date_to), ("2028-10-02 22:00:00", "2028-10-03 21:59:59"))
        self.assertFalse(unity.resource_id, "a holiday of the whole company")

    def test_holidays_are_named_in_the_companys_language(self):
        self.company.holiday_state = "BE"
        self.company._write_public_holidays([2028])
        self.assertEqual(self._holidays()["2028-10-03"], "German Unity Day")
        self.env["res.lang"].load_lang("de_DE")
        self.company.partner_id.lang = "de_DE"
        self.company._write_public_holidays([2028])
        self.assertEqual(self._holidays()["2028-10-03"], "Tag der Deutschen Einheit", "renamed, not doubled")
        unity = self.calendar.leave_ids.filtered(lambda leave: leave.holiday_date == "2028-10-03")
        self.assertEqual(len(unity), 1)

    def test_writing_twice_changes_nothing_and_leaves_entered_by_hand_stay(self):
        closure = self.env["resource.calendar.leaves"].create({
            "name": "Betriebsferien", "calendar_id": self.calendar.id,
            "date_from": "2026-12-23 23:00:00", "date_to": "2026-12-31 22:59:59"})
        self.company.holiday_state = "HH"
        self.company.action_write_public_holidays()
        first = self.calendar.leave_ids.filtered("holiday_date")
        self.company.action_write_public_holidays()
        self.assertEqual(self.calendar.leave_ids.filtered("holiday_date"), first, "the same leaves, none added")
        self.assertIn(closure, self.calendar.leave_ids)
        this_year = int(first.sorted("holiday_date")[0].holiday_date[:4])
        self.assertEqual({int(day[:4]) for day in first.mapped("holiday_date")}, {this_year, this_year + 1})
        self.company.holiday_state = "BY"
        self.company._write_public_holidays([2026])
        self.assertTrue(closure.exists(), "a new state never removes the company's own closure")

    def test_the_yearly_job_serves_every_company_with_a_state(self):
        self.company.holiday_state = "SN"
        other = self.env["res.company"].create({"name": "Ohne Kalender GmbH", "holiday_state": "SN"})
        other.resource_calendar_id = False
        self.env["res.company"]._cron_write_public_holidays()
        self.assertTrue(self._holidays(), "the company with a calendar got its holidays")

    def test_the_button_asks_for_a_state_first(self):
        with self.assertRaises(UserError):
            self.company.action_write_public_holidays()

    def test_a_company_without_calendar_keeps_the_day(self):
        self.company.resource_calendar_id = False
        self.assertEqual(self.company._crm_working_day("2026-04-06"), "2026-04-06")
