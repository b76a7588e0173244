from .common import TicketingCase


class TestTicketHolidays(TicketingCase):
    """Step deadlines skip the public holidays of the company's Bundesland."""

    def _deadline(self, state, years, date_start, hours=10.0):
        self.company.holiday_state = state
        self.company._write_public_holidays(years)
        job = self._create_type("Job %s" % date_start, [("Fix it", hours, self.technician, 0, hours)])
        return self._open_ticket(job, date_start=date_start).step_ids.date_deadline

    def test_ten_hours_from_monday_afternoon_skip_german_unity_day(self):
        # Mon 2 Oct 2028 15:00 Berlin: Mon 1 h, Tue 3 Oct off, Wed 8 h, Thu 1 h -> Thu 5 Oct 9:00 Berlin
        self.assertEqual(self._deadline("NW", [2028], "2028-10-02 13:00:00"), "2028-10-05 07:00:00")

    def test_easter_monday_is_skipped(self):
        # Thu 2 Apr 2026 15:00: Thu 1 h, Fri and Mon off, Tue 8 h, Wed 1 h -> Wed 8 Apr 9:00 Berlin
        self.assertEqual(self._deadline("HH", [2026], "2026-04-02 13:00:00"), "2026-04-08 07:00:00")

    def test_corpus_christi_is_off_in_bavaria_and_worked_in_hamburg(self):
        # a working day from Thursday 4 June 2026 8:00 Berlin
        self.assertEqual(self._deadline("BY", [2026], "2026-06-04 06:00:00", 8.0), "2026-06-05 14:00:00")
        self.assertEqual(self._deadline("HH", [2026], "2026-06-04 06:00:00", 8.0), "2026-06-04 14:00:00")
