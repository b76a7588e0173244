"""Stories of forwarding complaints and of escalating passed deadlines."""
from odoo.exceptions import UserError

from .common import ComplaintCase


class TestForwardEscalation(ComplaintCase):
    """A complaint is forwarded to a colleague or team; a missed deadline alerts the team manager once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert = cls._create_user("erik.expert", ["base.group_user", "crm_complaints.group_crm_complaints_user"])
        cls.leader = cls._create_user("lea.leader", ["base.group_user", "crm_complaints.group_crm_complaints_user"])
        cls.team = cls.env["crm.team"].create({"name": "Qualitätssicherung", "user_id": cls.leader.id})
        cls.complaint = cls._complain("Ventil klemmt", "Das Ventil öffnet nicht vollständig.")

    def _forward(self, **values):
        values.setdefault("date_deadline", self._days(2))
        values.setdefault("note", "Bitte Ventil prüfen & Kunden zurückrufen.")
        wizard = self.env["crm.complaint.forward"].sudo(self.clerk).create(dict(values, complaint_id=self.complaint.id))
        return wizard.action_forward()

    def test_forward_to_person_assigns_follows_schedules_and_notes(self):
        self._forward(user_id=self.expert.id)
        self.assertEqual(self.complaint.user_id, self.expert)
        self.assertEqual(self.complaint.date_deadline, self._days(2))
        self.assertIn(self.expert.partner_id, self.complaint.message_partner_ids)
        activity = self.complaint.activity_ids
        self.assertEqual(activity.user_id, self.expert)
        self.assertEqual(activity.date_deadline, self._days(2))
        note = self.complaint.message_ids[0]
        self.assertIn("Forwarded to Erik Expert", note.body)
        self.assertIn("Bitte Ventil prüfen &amp; Kunden zurückrufen.", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

    def test_the_proposed_deadline_is_a_working_day(self):
        calendar = self.env["resource.calendar"].create({"name": "Mo-So 8-16", "attendance_ids": [(0, 0, {
            "name": "Day %d" % day, "dayofweek": str(day), "hour_from": 8.0, "hour_to": 16.0}) for day in range(7)]})
        self.clerk.company_id.resource_calendar_id = calendar
        Forward = self.env["crm.complaint.forward"].sudo(self.clerk)
        self.assertEqual(Forward.default_get(["date_deadline"])["date_deadline"], self._days(0))
        self.env["resource.calendar.leaves"].create({
            "name": "Feiertag", "calendar_id": calendar.id, "holiday_date": self._days(0),
            "date_from": self._days(0) + " 00:00:00", "date_to": self._days(0) + " 23:59:59"})
        self.assertEqual(Forward.default_get(["date_deadline"])["date_deadline"], self._days(1),
                         "a public holiday today: the next working day")

    def test_forward_to_team_goes_to_the_team_leader(self):
        self._forward(team_id=self.team.id)
        self.assertEqual(self.complaint.team_id, self.team)
        self.assertEqual(self.complaint.user_id, self.leader)
        self.assertEqual(self.complaint.activity_ids.user_id, self.leader)

    def test_forward_bad_input_is_refused(self):
        with self.assertRaisesRegex(UserError, "Choose a team or a person"):
            self._forward()
        leaderless = self.env["crm.team"].create({"name": "Ohne Leitung"})
        with self.assertRaisesRegex(UserError, "has no team leader"):
            self._forward(team_id=leaderless.id)
        with self.assertRaisesRegex(UserError, "lies in the past"):
            self._forward(user_id=self.expert.id, date_deadline=self._days(-1))
        with self.assertRaisesRegex(UserError, "internal note"):
            self._forward(user_id=self.expert.id, note="   ")
        self.assertFalse(self.complaint.activity_ids)

    def test_passed_deadline_alerts_team_manager_once(self):
        self.complaint.write({"team_id": self.team.id, "user_id": self.expert.id, "date_deadline": self._days(-1)})
        on_time = self._complain("Noch Zeit", date_deadline=self._days(5), team_id=self.team.id)
        closed = self._complain("Erledigt", date_deadline=self._days(-3), team_id=self.team.id,
                                stage_id=self.stage_closed.id)
        Complaint = self.env["crm.complaint"]
        Complaint._cron_escalate_overdue()
        escalation = self.env.ref("crm_complaints.mail_activity_type_complaint_escalation")
        alerts = self.env["mail.activity"].search([("activity_type_id", "=", escalation.id),
                                                   ("res_model", "=", "crm.complaint")])
        self.assertEqual(alerts.mapped("res_id"), [self.complaint.id])
        self.assertEqual(alerts.user_id, self.leader)
        self.assertTrue(self.complaint.is_escalated)
        self.assertFalse(on_time.is_escalated or closed.is_escalated)
        Complaint._cron_escalate_overdue()
        self.assertEqual(self.env["mail.activity"].search_count([("activity_type_id", "=", escalation.id),
                                                                ("res_model", "=", "crm.complaint")]), 1)

    def test_new_deadline_may_be_escalated_again(self):
        self.complaint.write({"team_id": self.team.id, "date_deadline": self._days(-1)})
        self.env["crm.complaint"]._cron_escalate_overdue()
        self.complaint.date_deadline = self._days(-1)
        self.assertFalse(self.complaint.is_escalated)
        self.env["crm.complaint"]._cron_escalate_overdue()
        self.assertEqual(len(self.complaint.activity_ids), 2)
