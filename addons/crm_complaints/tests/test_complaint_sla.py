"""Story: complaints are answered and resolved within working hours; waiting for the customer stops the clock."""
from contextlib import contextmanager
from unittest import mock

from odoo import fields

from .common import ComplaintCase

MONDAY_8 = "2026-11-23 07:00:00"  # Monday 8:00 in Berlin


@contextmanager
def clock(moment):
    """The escalation job and the complaint's clock see `moment` (UTC) as now."""
    with mock.patch.object(fields.Datetime, "now", return_value=moment):
        yield


class TestComplaintSla(ComplaintCase):
    """The complaints department promises an answer within 2 and a solution within 8 working hours
    (Monday to Friday 8:00-16:00 in Berlin); critical complaints of a key customer sooner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Europe/Berlin"
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create({
            "name": "Complaints desk",
            "attendance_ids": [(0, 0, {"name": "Day %d" % day, "dayofweek": str(day), "hour_from": 8.0,
                                       "hour_to": 16.0}) for day in range(5)],
        })
        cls.manager = cls._create_user("karl.manager", ["base.group_user",
                                                        "crm_complaints.group_crm_complaints_manager"])
        cls.team = cls.env["crm.team"].create({"name": "Complaints desk", "user_id": cls.manager.id})
        cls.env["crm.complaint.service.level"].search([]).write({"active": False})  # the demo's, if any
        cls.policy = cls.env["crm.complaint.service.level"].create({
            "name": "Every complaint", "response_hours": 2.0, "resolution_hours": 8.0})
        cls.waiting = cls.env.ref("crm_complaints.stage_waiting")
        cls.analysis = cls.env.ref("crm_complaints.stage_analysis")

    def _file(self, at=MONDAY_8, **values):
        with clock(at):
            complaint = self._complain("Pump leaks", team_id=self.team.id, **values)
        # the clock starts when the complaint came in (Odoo stamps create_date with the database's time)
        self.env.cr.execute("UPDATE crm_complaint SET create_date = %s WHERE id = %s", [at, complaint.id])
        complaint.invalidate_cache(["create_date"], complaint.ids)
        with clock(at):
            complaint._sla_plan()
        return complaint

    def _run_escalation(self, at):
        with clock(at):
            self.env["crm.complaint"]._cron_escalate_overdue()

    def _move(self, complaint, stage, at):
        with clock(at):
            complaint.stage_id = stage

    def _sla_escalations(self, complaint):
        return self.env["mail.activity"].search([
            ("res_model", "=", "crm.complaint"), ("res_id", "=", complaint.id),
            ("activity_type_id", "=", self.env.ref("crm_complaints.mail_activity_type_complaint_sla").id)])

    def test_a_new_complaint_gets_its_targets_in_working_hours(self):
        complaint = self._file()
        self.assertEqual(complaint.sla_policy_id, self.policy)
        self.assertEqual(complaint.sla_status, "on_track")
        self.assertEqual(complaint.sla_response_deadline, "2026-11-23 09:00:00")
        self.assertEqual(complaint.sla_resolution_deadline, "2026-11-23 15:00:00", "Monday 16:00 in Berlin")
        self.assertEqual(complaint.sla_deadline, complaint.sla_response_deadline, "first the answer is due")

    def test_a_complaint_paused_three_working_hours_misses_its_target_three_working_hours_later(self):
        self.policy.response_hours = 0.0
        complaint = self._file()
        self._move(complaint, self.waiting, "2026-11-23 08:00:00")
        self.assertEqual(complaint.sla_paused_since, "2026-11-23 08:00:00")
        self._move(complaint, self.analysis, "2026-11-23 11:00:00")
        self.assertFalse(complaint.sla_paused_since)
        self.assertEqual(complaint.sla_paused_hours, 3.0)
        self.assertEqual(complaint.sla_resolution_deadline, "2026-11-24 10:00:00", "Tuesday 11:00 in Berlin")
        self._run_escalation("2026-11-23 15:30:00")
        self.assertEqual(complaint.sla_status, "on_track", "the old target has passed, the complaint has not")
        self._run_escalation("2026-11-24 09:30:00")
        self.assertEqual(complaint.sla_status, "at_risk")
        self._run_escalation("2026-11-24 10:00:01")
        self.assertEqual(complaint.sla_status, "breached")

    def test_the_first_public_answer_stops_the_response_clock(self):
        complaint = self._file()
        with clock("2026-11-23 07:30:00"):
            complaint.sudo(self.clerk).message_post(body="Asked the workshop.", message_type="comment",
                                                    subtype="mail.mt_note")
            complaint.message_post(body="Still leaking!", message_type="email", subtype="mail.mt_comment",
                                   author_id=self.jana.id)
        self.assertFalse(complaint.sla_date_first_response, "neither an internal note nor the customer's mail")
        with clock("2026-11-23 08:30:00"):
            complaint.sudo(self.clerk).message_post(body="We send a new seal today.", message_type="comment",
                                                    subtype="mail.mt_comment", partner_ids=self.jana.ids)
        self.assertEqual(complaint.sla_date_first_response, "2026-11-23 08:30:00")
        self.assertEqual(complaint.sla_deadline, complaint.sla_resolution_deadline, "now the solution is due")
        self._run_escalation("2026-11-23 09:30:00")
        self.assertEqual(complaint.sla_status, "on_track", "answered in time")

    def test_at_risk_and_breach_are_escalated_once_each_by_the_escalation_job(self):
        self.policy.response_hours = 0.0
        complaint = self._file()
        self._run_escalation("2026-11-23 13:30:00")  # 6 of 8 hours gone: 75 %
        self.assertEqual(complaint.sla_status, "at_risk")
        escalation = self._sla_escalations(complaint)
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.user_id, self.manager, "the team manager hears of it")
        self._run_escalation("2026-11-23 13:45:00")
        self.assertEqual(len(self._sla_escalations(complaint)), 1, "a second run escalates nothing more")
        self._run_escalation("2026-11-23 15:30:00")
        self.assertEqual(complaint.sla_status, "breached")
        self.assertEqual(len(self._sla_escalations(complaint)), 2)
        self._run_escalation("2026-11-24 15:30:00")
        self.assertEqual(len(self._sla_escalations(complaint)), 2, "the breach is escalated once")
        self.assertFalse(complaint.is_escalated, "the complaint's own deadline is another matter")

    def test_a_complaint_closed_in_time_met_its_service_level_and_counts_in_the_report(self):
        self.policy.response_hours = 0.0
        met = self._file()
        late = self._file()
        self._move(met, self.stage_closed, "2026-11-23 14:00:00")
        self._move(late, self.stage_closed, "2026-11-23 15:30:00")
        self.assertEqual(met.sla_status, "met")
        self.assertEqual(late.sla_status, "breached")
        report = self.env["crm.complaint.sla.report"].read_group(
            [("complaint_id", "in", (met | late).ids)], ["category_id", "met_percent", "complaint_count"],
            ["category_id"])
        self.assertEqual(report[0]["complaint_count"], 2)
        self.assertEqual(report[0]["met_percent"], 50.0)

    def test_the_customer_s_own_policy_beats_the_category_s_and_critical_complaints_get_theirs(self):
        category = self.env["crm.complaint.category"].create({"name": "Leaks"})
        mine = self.env["crm.complaint.service.level"].create({
            "name": "Kurz premium", "partner_id": self.customer.id, "response_hours": 1.0,
            "resolution_hours": 4.0})
        leaks = self.env["crm.complaint.service.level"].create({
            "name": "Leaks", "category_id": category.id, "response_hours": 1.0, "resolution_hours": 6.0})
        critical = self.env["crm.complaint.service.level"].create({
            "name": "Critical", "severity": "critical", "response_hours": 0.5, "resolution_hours": 4.0})
        self.assertEqual(self._file(category_id=category.id).sla_policy_id, mine)
        mine.active = False
        complaint = self._file(category_id=category.id, severity="critical")
        self.assertEqual(complaint.sla_policy_id, leaks, "the category is more specific than the severity")
        with clock(MONDAY_8):
            complaint.category_id = False
        self.assertEqual(complaint.sla_policy_id, critical)
        self.assertEqual(complaint.sla_resolution_deadline, "2026-11-23 11:00:00")

    def test_a_complaint_without_a_policy_has_no_service_level(self):
        self.policy.active = False
        complaint = self._file()
        self.assertEqual(complaint.sla_status, "none")
        self._run_escalation("2027-01-01 00:00:00")
        self.assertEqual(complaint.sla_status, "none")
        self.assertFalse(self._sla_escalations(complaint))
