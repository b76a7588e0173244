"""Calls whose end event never comes are closed by the time-out cron; a real hang-up arriving later wins."""
from datetime import timedelta

from odoo import fields

from ..models.crm_telephony_call import RESULTS, RING_TIMEOUT_PARAM
from ..models.webhook_parsers import RESULT_CODES
from .common import TelephonyCase


def minutes_ago(minutes):
    return fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=minutes))


class TestCrmTelephonyCallTimeout(TelephonyCase):
    """Calls whose end event never comes are closed by the time-out cron; a real hang-up arriving later wins."""

    def _call(self, call_id, started, answered=None):
        return self.env["crm.telephony.call"].create({
            "provider": "pbx", "provider_call_id": call_id, "number": "+49911334433", "user_id": self.agent.id,
            "date_start": minutes_ago(started), "date_answer": answered and minutes_ago(answered)})

    def _call_backs(self, call):
        return call.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref("crm_telephony.mail_activity_data_call_back"))

    def test_a_call_ringing_past_the_time_out_is_missed_with_a_call_back(self):
        stale, fresh = self._call("t-1", started=11), self._call("t-2", started=5)
        self.env["crm.telephony.call"]._cron_close_unended_calls()
        self.assertEqual((stale.state, stale.result), ("missed", "no_end"))
        self.assertEqual(self._call_backs(stale).user_id, self.agent)
        self.assertEqual((fresh.state, fresh.date_end), ("ringing", False))

    def test_an_answered_call_is_done_after_eight_hours(self):
        long_ago, today = self._call("t-3", started=9 * 60, answered=9 * 60 - 1), self._call("t-4", 70, 69)
        self.env["crm.telephony.call"]._cron_close_unended_calls()
        self.assertEqual((long_ago.state, long_ago.result, long_ago.duration), ("done", "no_end", 0))
        self.assertFalse(self._call_backs(long_ago))
        self.assertEqual(today.state, "answered")

    def test_running_it_again_changes_nothing(self):
        call = self._call("t-5", started=30)
        calls = self.env["crm.telephony.call"]
        self.assertGreaterEqual(calls._cron_close_unended_calls(), 1)
        before = call.read(["state", "date_end", "write_date", "activity_ids"])
        self.assertEqual(calls._cron_close_unended_calls(), 0)
        self.assertEqual(call.read(["state", "date_end", "write_date", "activity_ids"]), before)

    def test_the_time_out_of_the_settings_counts(self):
        self.env["ir.config_parameter"].sudo().set_param(RING_TIMEOUT_PARAM, "45")
        call = self._call("t-6", started=30)
        self.env["crm.telephony.call"]._cron_close_unended_calls()
        self.assertEqual(call.state, "ringing")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.telephony_ring_timeout, 45)
        settings.telephony_ring_timeout = 20
        settings.execute()
        self.env["crm.telephony.call"]._cron_close_unended_calls()
        self.assertEqual(call.state, "missed")

    def test_a_late_real_hang_up_replaces_the_time_out(self):
        call = self._call("t-7", started=15)
        self.env["crm.telephony.call"]._cron_close_unended_calls()
        closed_at = call.date_end
        self._event("answer", "t-7", provider="pbx")
        self._event("hangup", "t-7", provider="pbx", result="completed", duration=42)
        self.assertEqual((call.state, call.result, call.duration), ("done", "completed", 42))
        self.assertGreaterEqual(call.date_end, closed_at)
        self.assertFalse(self._call_backs(call), "answered after all: the call-back task went")

    def test_every_result_a_telephone_system_reports_is_a_result_of_the_call_log(self):
        self.assertLessEqual(set(RESULT_CODES), set(dict(RESULTS)))
