"""The call log as the telephone system reports it: in order, out of order, twice."""
from odoo.exceptions import AccessError, ValidationError

from .common import TelephonyCase


class TestCrmTelephonyCall(TelephonyCase):
    """The call log as the telephone system reports it: in order, out of order, twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer, cls.olaf = cls._create_customer("Richter Landtechnik KG", ["Olaf Richter"])
        cls.customer.write({"phone": "0911 3344-0", "user_id": cls.salesperson.id})
        cls.olaf.write({"phone": "0911 3344-33"})
        # every day a working day, so that "due today" holds whatever day the tests run on
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Hotline 7 days", "attendance_ids": [(0, 0, {
                "name": "Day %d" % day, "dayofweek": str(day), "hour_from": 8.0, "hour_to": 18.0})
                for day in range(7)]})
        cls.company.resource_calendar_id = cls.calendar

    def _calls(self, call_id):
        return self.env["crm.telephony.call"].search([("provider_call_id", "=", call_id)])

    def test_answered_call_runs_through_its_states(self):
        call = self._event("ring", "c-1", **{"from": "49911334433"})
        self.assertEqual((call.state, call.partner_id, call.user_id), ("ringing", self.olaf, self.agent))
        self.assertEqual(call.commercial_partner_id, self.customer)
        self._event("answer", "c-1", answered_by={"sipgate_user_ids": ["w7"]})
        self.assertEqual(call.state, "answered")
        self._event("hangup", "c-1", result="completed")
        self.assertEqual((call.state, call.result), ("done", "completed"))
        self.assertTrue(call.date_answer and call.date_end)

    def test_the_same_event_twice_changes_nothing(self):
        call = self._event("ring", "c-2")
        self._event("answer", "c-2")
        values = call.read(["state", "date_answer", "write_date", "message_ids"])[0]
        again = self._event("answer", "c-2")
        self._event("ring", "c-2")
        self.assertEqual(again, call)
        self.assertEqual(len(self._calls("c-2")), 1)
        self.assertEqual(call.read(["state", "date_answer", "write_date", "message_ids"])[0], values)

    def test_out_of_order_events_end_in_one_consistent_call(self):
        self._event("hangup", "c-3", result="completed")
        self._event("answer", "c-3")
        self._event("ring", "c-3")
        call = self._calls("c-3")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.state, "done")
        self.assertLessEqual(call.date_answer, call.date_end)
        # answer without any newCall: the call is created from the answer
        call = self._event("answer", "c-4")
        self.assertEqual((call.state, call.user_id), ("answered", self.agent))

    def test_missed_call_creates_call_back_for_the_salesperson_due_today(self):
        call = self._event("ring", "c-5", **{"from": "49911334433"})
        self._event("hangup", "c-5", result="cancelled")
        self.assertEqual(call.state, "missed")
        activity = call.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, self.env.ref("crm_telephony.mail_activity_data_call_back"))
        self.assertEqual(activity.user_id, self.salesperson, "the customer's salesperson calls back")
        self.assertEqual(activity.date_deadline, self._days(0))
        self.assertEqual(activity.history_partner_id, self.customer, "the call-back is in the customer file")
        # the answer arrives late after all: not missed, no call-back
        self._event("answer", "c-5")
        self.assertEqual(call.state, "done")
        self.assertFalse(call.activity_ids)

    def test_a_call_missed_on_a_public_holiday_is_called_back_the_next_working_day(self):
        today = self._days(0)
        self.env["resource.calendar.leaves"].create({
            "name": "Feiertag", "calendar_id": self.calendar.id, "holiday_date": today,
            "date_from": today + " 00:00:00", "date_to": today + " 23:59:59"})
        call = self._event("ring", "c-5h", **{"from": "49911334433"})
        self._event("hangup", "c-5h", result="cancelled")
        self.assertEqual(call.activity_ids.date_deadline, self._days(1))

    def test_a_german_companys_calls_and_call_backs_are_named_in_german(self):
        self.env["res.lang"].load_lang("de_DE")
        self.company.partner_id.lang = "de_DE"
        call = self._event("ring", "c-5d", **{"from": "49911334433"})
        self._event("hangup", "c-5d", result="cancelled")
        self.assertTrue(call.name.startswith("Anruf von "), call.name)
        self.assertEqual(call.activity_ids.summary, "Rückruf Richter Landtechnik KG, Olaf Richter")

    def test_missed_call_of_unknown_number_goes_to_the_agent(self):
        call = self._event("ring", "c-6", **{"from": "4989555000"})
        self._event("hangup", "c-6", result="no_answer")
        self.assertFalse(call.partner_id)
        self.assertEqual(call.activity_ids.user_id, self.agent)

    def test_anonymous_caller_is_logged_without_lookup(self):
        call = self._event("ring", "c-7", **{"from": "anonymous"})
        self.assertEqual((call.number, call.number_e164, call.partner_id.id), ("anonymous", False, False))

    def test_unmapped_call_rings_at_the_fallback_group(self):
        call = self._event("ring", "c-8", agents={"sipgate_user_ids": ["w99"]})
        self.assertFalse(call.user_id)
        self.assertIn(self.agent, call.target_user_ids)
        self.assertIn(self.colleague, call.target_user_ids)

    def test_a_late_ring_narrows_the_fallback_group_to_the_agent_it_names(self):
        """The hang-up of an unmapped call came first (it rang at the fallback group); the ring that names
        the agent arrives late: the call is then the agent's alone, and the missed call's call-back is too."""
        call = self._event("hangup", "c-8b", agents={}, result="cancelled")
        self.assertEqual(call.target_user_ids & (self.agent | self.colleague), self.agent | self.colleague)
        self._event("ring", "c-8b")
        self.assertEqual((call.target_user_ids, call.user_id, call.state), (self.agent, self.agent, "missed"))
        self.assertEqual(call.activity_ids.user_id, self.agent)
        self._event("ring", "c-8b", agents={"sipgate_user_ids": ["w7", "w99"]})  # repeated: nothing changes
        self.assertEqual(call.target_user_ids, self.agent)

    def test_forwarded_leg_chains_to_its_parent(self):
        first = self._event("ring", "c-9")
        second = self._event("ring", "c-10", parent_call_id="c-9")
        self.assertEqual(second.parent_id, first)
        self._event("hangup", "c-9", result="forwarded")
        self.assertEqual(first.state, "done")

    def test_calls_appear_in_history_and_open_processes(self):
        call = self._event("ring", "c-11", **{"from": "49911334433"})
        call.sudo(self.agent).write({"notes": "<p>Ersatzteil für Mähdrescher bestellt</p>"})
        processes = self.customer._crm_open_processes()
        self.assertIn(("crm.telephony.call", call.id, "call"), [(p["model"], p["id"], p["kind"]) for p in processes])
        entries = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id),
                                                          ("kind", "=", "call")])
        self.assertEqual(entries.mapped("res_id"), [call.id])
        self.assertIn("Ersatzteil für Mähdrescher", entries.body)
        self._event("hangup", "c-11", result="completed")
        self.assertNotIn(call.id, [p["id"] for p in self.customer._crm_open_processes()
                                   if p["model"] == "crm.telephony.call"])

    def test_screen_pop_reaches_the_agent_through_the_bus(self):
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last = self.env.cr.fetchone()[0]
        call = self._event("ring", "c-12", **{"from": "49911334433"})
        messages = self.env["bus.bus"].search_read([("id", ">", last)], ["channel", "message"])
        ours = [m for m in messages if '"crm.telephony"' in m["channel"]]
        self.assertEqual(len(ours), 1)
        self.assertIn(str(self.agent.partner_id.id), ours[0]["channel"])
        light = ours[0]["message"]
        self.assertIn('"partial":true', light, "the bus message is light; the pop-up fetches the rest")
        self.assertIn('"open_processes":[]', light)
        self.assertIn("Olaf Richter", light)
        payload = self.env["crm.telephony.screen.pop"].sudo(self.agent).get_screen_pop(call.id)
        self.assertFalse(payload["partial"])
        self.assertEqual(payload["caller"]["name"], "Olaf Richter")
        self.assertEqual(payload["caller"]["company"], "Richter Landtechnik KG")
        self.assertTrue(any(p["id"] == call.id for p in payload["open_processes"]))

    def test_caller_picked_among_private_addresses_does_not_stop_the_events(self):
        """An agent may name as caller a contact the technical webhook user cannot read (a private address);
        the telephone system's next events still apply, and the pop-up still names the caller."""
        private = self.env["res.partner"].create({"name": "Ingrid Privat", "type": "private",
                                                  "phone": "0911 7788990"})
        call = self._event("ring", "c-14", **{"from": "49911778899"})
        call.write({"partner_id": private.id})
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last = self.env.cr.fetchone()[0]
        self.assertEqual(self._event("answer", "c-14"), call)
        self.assertEqual(call.state, "answered")
        messages = self.env["bus.bus"].search_read([("id", ">", last)], ["message"])
        self.assertTrue(any("Ingrid Privat" in m["message"] for m in messages))
        missed = self._event("ring", "c-15", **{"from": "49911778899"})
        missed.write({"partner_id": private.id})
        self._event("hangup", "c-15", result="cancelled")
        self.assertEqual(missed.state, "missed")
        self.assertEqual(missed.activity_ids.summary, "Call back Ingrid Privat")
        self.assertEqual(missed.activity_ids.user_id, self.agent, "no salesperson: the agent calls back")

    def test_access_rules(self):
        call = self._event("ring", "c-13", agents={"sipgate_user_ids": ["w7"]})
        call.sudo(self.agent).write({"notes": "<p>ok</p>"})
        with self.assertRaises(AccessError):
            call.sudo(self.colleague).write({"notes": "<p>not my call</p>"})
        self.assertTrue(call.sudo(self.salesperson).read(["state"]))
        with self.assertRaises(AccessError):
            call.sudo(self.salesperson).write({"notes": "<p>no</p>"})
        with self.assertRaises(AccessError):
            self.env["crm.telephony.call"].sudo(self.salesperson).create({"name": "x"})

    def test_the_customer_counts_the_calls_of_all_its_contacts(self):
        """The partner form's Calls button counts on the customer, for the company and each contact; a user
        who may not read calls sees none instead of an error."""
        self._event("ring", "c-16", **{"from": "49911334433"})
        self._event("ring", "c-17", **{"from": "49911334433"})
        self.assertEqual((self.customer.call_count, self.olaf.call_count), (2, 2))
        employee = self._create_user("emil.employee", ["base.group_user"])
        self.assertEqual(self.customer.sudo(employee).call_count, 0)

    def test_each_event_of_a_call_costs_a_handful_of_statements(self):
        """A switchboard sends three events a call, hundreds a minute: the ring of a known customer (caller
        lookup, the new call with its agents, the bus message), the answer and the hang-up (the call read,
        written once, the bus message) take the statements measured for issue 16, and the answer's bus
        message still shows the call answered by the caller it rang with."""
        self._event("ring", "c-18", **{"from": "49911334433"})  # caches filled as in a running worker
        counts = []
        for kind, values in (("ring", {"from": "49911334433"}), ("answer", {}), ("hangup", {"result": "completed"})):
            self.env.cache.invalidate()  # a request of its own: nothing of the call in the record cache
            before = self.cr.sql_log_count
            call = self._event(kind, "c-19", **values)
            counts.append(self.cr.sql_log_count - before)
            if kind == "answer":
                self.env.cr.execute("SELECT message FROM bus_bus WHERE channel LIKE '%%crm.telephony%%' "
                                    "ORDER BY id DESC LIMIT 1")
                answered = self.env.cr.fetchone()[0]
        self.assertLessEqual(counts[0], 5, "statements of ring, answer, hang-up: %s" % counts)
        self.assertLessEqual(max(counts[1:]), 5, "statements of ring, answer, hang-up: %s" % counts)
        self.assertIn('"state":"answered"', answered)
        self.assertIn('"display_name":"Richter Landtechnik KG, Olaf Richter"', answered)
        self.assertEqual((call.state, call.result, call.partner_id, call.commercial_partner_id),
                         ("done", "completed", self.olaf, self.customer))

    def test_picking_a_caller_that_is_no_contact_gets_a_readable_error(self):
        call = self._event("ring", "pick-1")
        for partner_id in ("abc", None, True, 10 ** 9):
            with self.assertRaises(ValidationError):
                call.sudo(self.agent).action_set_caller(partner_id)
