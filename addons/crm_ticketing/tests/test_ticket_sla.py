"""Story: service levels in working hours — paused while we wait for the customer, escalated once."""
from contextlib import contextmanager
from unittest import mock

from odoo import fields

from .common import TicketingCase

MONDAY_8 = "2026-11-23 07:00:00"  # Monday 8:00 in Berlin


@contextmanager
def clock(moment):
    """The scheduler and the ticket's clock see `moment` (UTC) as now."""
    with mock.patch.object(fields.Datetime, "now", return_value=moment):
        yield


class TestTicketSla(TicketingCase):
    """The customer is promised an answer and a repair within working hours of the company's calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["crm.sla.policy"].create({
            "name": "Factory repair", "type_id": cls.factory_repair.id, "response_hours": 2.0,
            "resolution_hours": 8.0,
        })
        cls.waiting = cls.env.ref("crm_ticketing.crm_ticket_stage_waiting")
        cls.in_progress = cls.env.ref("crm_ticketing.crm_ticket_stage_in_progress")
        cls.done = cls.env.ref("crm_ticketing.crm_ticket_stage_done")

    def _open(self, at=MONDAY_8, **values):
        with clock(at):
            return self._open_ticket(date_start=at, **values)

    def _run_scheduler(self, at):
        with clock(at):
            self.env["crm.ticket.step"]._cron_check_deadlines()

    def _move(self, ticket, stage, at):
        with clock(at):
            ticket.stage_id = stage

    def _sla_escalations(self, ticket):
        return self.env["mail.activity"].search([
            ("res_model", "=", "crm.ticket"), ("res_id", "=", ticket.id),
            ("activity_type_id", "=", self.env.ref("crm_ticketing.mail_activity_data_sla").id)])

    def test_a_new_ticket_gets_its_targets_in_working_hours(self):
        ticket = self._open()
        self.assertEqual(ticket.sla_policy_id, self.policy)
        self.assertEqual(ticket.sla_status, "on_track")
        self.assertEqual(ticket.sla_response_deadline, "2026-11-23 09:00:00")
        self.assertEqual(ticket.sla_resolution_deadline, "2026-11-23 15:00:00", "Monday 16:00 in Berlin")
        self.assertEqual(ticket.sla_deadline, ticket.sla_response_deadline, "first the answer is due")

    def test_a_ticket_paused_three_working_hours_misses_its_target_three_working_hours_later(self):
        self.policy.response_hours = 0.0
        ticket = self._open()
        self._move(ticket, self.waiting, "2026-11-23 08:00:00")
        self.assertEqual(ticket.sla_paused_since, "2026-11-23 08:00:00")
        self._move(ticket, self.in_progress, "2026-11-23 11:00:00")
        self.assertFalse(ticket.sla_paused_since)
        self.assertEqual(ticket.sla_paused_hours, 3.0)
        self.assertEqual(ticket.sla_resolution_deadline, "2026-11-24 10:00:00", "Tuesday 11:00 in Berlin")
        self._run_scheduler("2026-11-23 15:30:00")
        self.assertEqual(ticket.sla_status, "on_track", "the old target has passed, the ticket has not")
        self._run_scheduler("2026-11-24 09:30:00")
        self.assertEqual(ticket.sla_status, "at_risk")
        self._run_scheduler("2026-11-24 10:00:01")
        self.assertEqual(ticket.sla_status, "breached")

    def test_a_ticket_waiting_for_the_customer_is_not_escalated(self):
        self.policy.response_hours = 0.0
        ticket = self._open()
        self._move(ticket, self.waiting, "2026-11-23 08:00:00")
        self._run_scheduler("2026-11-23 15:30:00")
        self.assertEqual(ticket.sla_status, "on_track", "a waiting ticket's clock stands still")
        self.assertFalse(self._sla_escalations(ticket))

    def test_a_pause_over_the_night_counts_only_working_hours(self):
        self.policy.response_hours = 0.0
        ticket = self._open()
        self._move(ticket, self.waiting, "2026-11-23 14:00:00")  # Monday 15:00 in Berlin
        self._move(ticket, self.in_progress, "2026-11-24 08:00:00")  # Tuesday 9:00 in Berlin
        self.assertEqual(ticket.sla_paused_hours, 2.0)
        self.assertEqual(ticket.sla_resolution_deadline, "2026-11-24 09:00:00")

    def test_the_first_public_answer_stops_the_response_clock(self):
        ticket = self._open()
        with clock("2026-11-23 07:30:00"):
            ticket.sudo(self.manager).message_post(body="Checked the logs.", message_type="comment",
                                                   subtype="mail.mt_note")
            ticket.message_post(body="It leaks again!", message_type="email", subtype="mail.mt_comment",
                                author_id=self.contact.id)
        self.assertFalse(ticket.sla_date_first_response, "neither an internal note nor the customer's mail")
        with clock("2026-11-23 08:30:00"):
            ticket.sudo(self.manager).message_post(body="We pick the pump up tomorrow.", message_type="comment",
                                                   subtype="mail.mt_comment", partner_ids=self.contact.ids)
        self.assertEqual(ticket.sla_date_first_response, "2026-11-23 08:30:00")
        self.assertEqual(ticket.sla_deadline, ticket.sla_resolution_deadline, "now the repair is due")
        self._run_scheduler("2026-11-23 09:30:00")
        self.assertEqual(ticket.sla_status, "on_track", "answered in time")

    def test_a_late_answer_breaches_the_service_level(self):
        ticket = self._open()
        self._run_scheduler("2026-11-23 09:30:00")
        self.assertEqual(ticket.sla_status, "breached")
        with clock("2026-11-23 10:00:00"):
            ticket.sudo(self.manager).message_post(body="Sorry for the wait.", message_type="comment",
                                                   subtype="mail.mt_comment", partner_ids=self.contact.ids)
        self.assertEqual(ticket.sla_status, "breached", "a breached service level stays breached")

    def test_at_risk_and_breach_are_escalated_once_each_to_the_team_manager(self):
        self.policy.response_hours = 0.0
        ticket = self._open()
        on_track = self._open(at="2026-11-23 12:00:00")
        self._run_scheduler("2026-11-23 13:30:00")  # 6 of 8 hours gone: 75 %
        self.assertEqual(ticket.sla_status, "at_risk")
        self.assertEqual(on_track.sla_status, "on_track")
        escalation = self._sla_escalations(ticket)
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.user_id, self.manager)
        self.assertFalse(self._sla_escalations(on_track))
        self._run_scheduler("2026-11-23 13:45:00")
        self.assertEqual(len(self._sla_escalations(ticket)), 1, "a second run escalates nothing more")
        self._run_scheduler("2026-11-23 15:30:00")
        self.assertEqual(ticket.sla_status, "breached")
        self.assertEqual(len(self._sla_escalations(ticket)), 2)
        messages = ticket.message_ids.filtered(lambda m: "Escalated to" in (m.body or "") and
                                               "Service level" in (m.body or ""))
        self.assertEqual(len(messages), 2)
        self.assertIn(self.manager.partner_id, messages[0].partner_ids)
        self._run_scheduler("2026-11-24 15:30:00")
        self.assertEqual(len(self._sla_escalations(ticket)), 2, "the breach is escalated once")

    def test_a_ticket_closed_in_time_met_its_service_level_and_counts_in_the_report(self):
        self.policy.response_hours = 0.0
        met = self._open()
        late = self._open()
        self._move(met, self.done, "2026-11-23 14:00:00")
        self._move(late, self.done, "2026-11-23 15:30:00")
        self.assertEqual(met.sla_status, "met")
        self.assertEqual(late.sla_status, "breached")
        report = self.env["crm.sla.report"].read_group(
            [("ticket_id", "in", (met | late).ids)], ["type_id", "met_percent", "ticket_count"], ["type_id"])
        self.assertEqual(report[0]["ticket_count"], 2)
        self.assertEqual(report[0]["met_percent"], 50.0)

    def test_the_customer_s_own_policy_beats_the_type_s_and_urgent_tickets_get_theirs(self):
        mine = self.env["crm.sla.policy"].create({
            "name": "Müller premium", "type_id": self.factory_repair.id, "partner_id": self.customer.id,
            "response_hours": 1.0, "resolution_hours": 4.0})
        urgent = self.env["crm.sla.policy"].create({
            "name": "Urgent", "type_id": self.factory_repair.id, "priority": "2", "response_hours": 1.0,
            "resolution_hours": 6.0})
        self.assertEqual(self._open().sla_policy_id, mine)
        mine.active = False
        ticket = self._open(priority="2")
        self.assertEqual(ticket.sla_policy_id, urgent)
        with clock(MONDAY_8):
            ticket.priority = "0"
        self.assertEqual(ticket.sla_policy_id, self.policy, "a lower priority takes the general targets")
        self.assertEqual(ticket.sla_resolution_deadline, "2026-11-23 15:00:00")

    def test_a_repair_under_the_customer_s_maintenance_contract_gets_the_contract_s_targets(self):
        contract = self.env["crm.ticket.maintenance.plan"].create({
            "name": "Wartungsvertrag Pumpe", "partner_id": self.customer.id, "type_id": self.factory_repair.id,
            "next_date": "2027-01-15"})
        promised = self.env["crm.sla.policy"].create({
            "name": "Contract: answer within the hour", "type_id": self.factory_repair.id,
            "maintenance_plan_id": contract.id, "response_hours": 1.0, "resolution_hours": 4.0})
        repair = self._open(contract_id=contract.id)  # a repair the contract covers, not its routine maintenance
        self.assertEqual(repair.sla_policy_id, promised)
        self.assertEqual(repair.sla_response_deadline, "2026-11-23 08:00:00", "Monday 9:00 in Berlin")
        later = self._open()
        self.assertEqual(later.sla_policy_id, self.policy, "without the contract the type's general targets")
        with clock(MONDAY_8):
            later.contract_id = contract
        self.assertEqual(later.sla_policy_id, promised, "the contract found later brings its targets")

    def test_a_ticket_without_a_policy_has_no_service_level(self):
        other = self._create_type("Advice", [("Call back", 0.5, None, 0, 4)])
        ticket = self._open(ticket_type=other)
        self.assertEqual(ticket.sla_status, "none")
        self.assertFalse(ticket.sla_deadline)
        self._run_scheduler("2027-01-01 00:00:00")
        self.assertEqual(ticket.sla_status, "none")
