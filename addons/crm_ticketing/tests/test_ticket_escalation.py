"""Story: a missed step deadline reaches the team manager once, cheaply, however often the check runs."""
from .common import TicketingCase


class TestTicketEscalation(TicketingCase):
    """A missed deadline reaches the team manager once, however often the scheduler runs."""

    def _escalations(self, ticket):
        return self.env["mail.activity"].search([
            ("res_model", "=", "crm.ticket"), ("res_id", "in", ticket.ids),
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

    def _parallel_type(self, name, step_count):
        """A service type whose steps are all ready at once (no predecessors)."""
        parallel = self._create_type(name, [("Check %d" % index, 0.5, self.technician, 0, 1)
                                            for index in range(1, step_count + 1)])
        parallel.step_ids.write({"after_previous": False, "predecessor_ids": [(6, 0, [])]})
        return parallel

    def _overdue_tickets(self, ticket_type, count):
        return self.env["crm.ticket"].browse([
            self._open_ticket(ticket_type, date_start="2020-01-06 08:00:00").id for _index in range(count)])

    def _queries_of_the_check(self):
        """(number of SQL queries, number of escalated steps) of one run of the deadline check."""
        steps = self.env["crm.ticket.step"]
        steps.invalidate_cache()
        queries = self.cr.sql_log_count
        escalated = steps._cron_check_deadlines()
        return self.cr.sql_log_count - queries, escalated

    def test_escalating_200_overdue_steps_costs_no_more_queries_than_escalating_10(self):
        five_checks = self._parallel_type("Five checks", 5)
        self._overdue_tickets(five_checks, 2)
        few_queries, few = self._queries_of_the_check()
        self.assertEqual(few, 10)
        tickets = self._overdue_tickets(five_checks, 40)
        many_queries, many = self._queries_of_the_check()
        self.assertEqual(many, 200)
        self.assertLessEqual(many_queries, few_queries, "the cost does not grow with the overdue steps")
        self.assertLessEqual(many_queries, 40, "a fixed budget of queries, whatever the number of steps")
        self.assertEqual(len(self._escalations(tickets)), 200)
        self.assertTrue(all(tickets.mapped("is_escalated")))
        messages = self.env["mail.message"].search([("model", "=", "crm.ticket"), ("res_id", "in", tickets.ids),
                                                    ("body", "ilike", "Deadline missed")])
        self.assertEqual(len(messages), 40, "one message per ticket")
        self.assertEqual(messages.mapped("needaction_partner_ids"), self.manager.partner_id,
                         "each message waits in the manager's inbox")

    def test_step_names_typed_with_markup_stay_text_in_the_chatter_and_the_activities(self):
        marked_up = self._create_type("Markup", [("Pumpe <b>prüfen</b> & reinigen", 1.0, self.technician, 0, 2)])
        marked_up.step_ids.instructions = "<script>alert(1)</script>\nDichtung tauschen"
        ticket = self._open_ticket(marked_up, date_start="2020-01-06 08:00:00")
        step = ticket.step_ids
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;<br>Dichtung tauschen", step.activity_id.note)
        self.env["crm.ticket.step"]._cron_check_deadlines()
        escaped = "Pumpe &lt;b&gt;prüfen&lt;/b&gt; &amp; reinigen"
        escalation = self._escalations(ticket)
        self.assertEqual(escalation.summary, "Overdue: Pumpe <b>prüfen</b> & reinigen", "a summary is plain text")
        self.assertIn(escaped, escalation.note)
        message = ticket.message_ids.filtered(lambda m: "Deadline missed" in (m.body or ""))
        self.assertIn(escaped, message.body)
        self.assertNotIn("<b>", message.body)
        step.action_done()
        done = ticket.message_ids.filtered(lambda m: "Step done:" in (m.body or ""))
        self.assertIn(escaped, done.body)
