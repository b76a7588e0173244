from .common import TicketingCase


class TestTicketEscalation(TicketingCase):
    """A missed deadline reaches the team manager once, however often the scheduler runs."""

    def _escalations(self, ticket):
        return self.env["mail.activity"].search([
            ("res_model", "=", "crm.ticket"), ("res_id", "=", ticket.id),
            ("activity_type_id", "=", self.env.ref("crm_ticketing.mail_activity_data_escalation").id)])

    def test_overdue_step_is_escalated_once_to_the_team_manager(self):
        ticket = self._open_ticket(date_start="2020-01-06 08:00:00")  # long ago: step 1 is overdue
        on_time = self._open_ticket(date_start="2099-01-05 08:00:00")
        steps = self.env["crm.ticket.step"]
        steps._cron_check_deadlines()
        pick_up = self._step(ticket, "Organise pick-up")
        self.assertTrue(pick_up.is_overdue)
        self.assertTrue(ticket.is_escalated)
        self.assertFalse(on_time.is_escalated)
        self.assertFalse(self._step(ticket, "Incoming inspection").is_overdue, "waiting steps are not escalated")
        escalation = self._escalations(ticket)
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.user_id, self.manager)
        self.assertIn("Organise pick-up", escalation.summary)
        message = ticket.message_ids.filtered(lambda m: "Deadline missed" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(self.manager.partner_id, message.partner_ids)
        messages = len(ticket.message_ids)
        self.assertEqual(steps._cron_check_deadlines(), 0)
        self.assertEqual(len(self._escalations(ticket)), 1, "a second run escalates nothing more")
        self.assertEqual(len(ticket.message_ids), messages)

    def test_a_step_becoming_ready_late_is_escalated_on_the_next_run(self):
        ticket = self._open_ticket(date_start="2020-01-06 08:00:00")
        steps = self.env["crm.ticket.step"]
        steps._cron_check_deadlines()
        self._step(ticket, "Organise pick-up").action_done()
        self.assertEqual(steps._cron_check_deadlines(), 1)
        self.assertTrue(self._step(ticket, "Incoming inspection").is_overdue)
        self.assertEqual(len(self._escalations(ticket)), 2)

    def test_a_new_deadline_may_be_escalated_again(self):
        ticket = self._open_ticket(date_start="2020-01-06 08:00:00")
        steps = self.env["crm.ticket.step"]
        steps._cron_check_deadlines()
        pick_up = self._step(ticket, "Organise pick-up")
        pick_up.date_deadline = "2099-01-01 10:00:00"
        self.assertFalse(pick_up.is_overdue)
        self.assertEqual(steps._cron_check_deadlines(), 0)
        pick_up.date_deadline = "2021-01-01 10:00:00"
        self.assertEqual(steps._cron_check_deadlines(), 1)

    def test_the_check_costs_the_same_with_many_steps_on_time(self):
        steps = self.env["crm.ticket.step"]
        steps._cron_check_deadlines()
        queries = self.cr.sql_log_count
        steps._cron_check_deadlines()
        few = self.cr.sql_log_count - queries
        for _index in range(5):
            self._open_ticket(date_start="2099-01-05 08:00:00")
        queries = self.cr.sql_log_count
        steps._cron_check_deadlines()
        self.assertEqual(self.cr.sql_log_count - queries, few)
