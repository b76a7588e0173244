"""The planning core of crm_ticketing (addons/crm_ticketing/planning.py) and the working time it counts in
(addons/crm_contact_history/working_time.py) as plain functions: no Odoo, no database.

A service company in Berlin works Monday to Friday 8:00-16:00; step deadlines are counted in those working hours.
Times given to and returned by the timeline are naive UTC, as Odoo stores them (Berlin is UTC+1 in winter,
UTC+2 in summer)."""
import datetime
import importlib.util
import os

import pytest

ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")


def _load(name, *path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ADDONS, *path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


planning = _load("crm_ticketing_planning", "crm_ticketing", "planning.py")
working_time = _load("crm_contact_history_working_time", "crm_contact_history", "working_time.py")

BERLIN = "Europe/Berlin"
MONDAY_TO_FRIDAY_8_TO_16 = [(day, 8.0, 16.0, None, None) for day in range(5)]


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")


def timeline(start, attendances=MONDAY_TO_FRIDAY_8_TO_16, leaves=(), tz=BERLIN):
    return working_time.WorkingTimeline(utc(start), list(attendances), [(utc(a), utc(b)) for a, b in leaves], tz)


# ---------------------------------------------------------------- working time


def test_ten_working_hours_from_friday_afternoon_end_on_tuesday_morning():
    friday_3pm = timeline("2026-11-20 14:00")  # Friday 15:00 in Berlin
    # Friday 1 h + Monday 8 h + Tuesday 1 h: Tuesday 9:00 in Berlin
    assert friday_3pm.at(10) == utc("2026-11-24 08:00")


def test_a_deadline_ending_the_working_day_stays_on_that_day_and_the_next_step_starts_next_morning():
    monday_8am = timeline("2026-11-23 07:00")
    assert monday_8am.at(8) == utc("2026-11-23 15:00"), "Monday 16:00, not Tuesday 8:00"
    assert monday_8am.at(8, starting=True) == utc("2026-11-24 07:00"), "the next step begins Tuesday 8:00"


def test_a_ticket_opened_in_the_evening_starts_the_next_morning():
    monday_9pm = timeline("2026-11-23 20:00")
    assert monday_9pm.at(0, starting=True) == utc("2026-11-24 07:00")
    assert monday_9pm.at(1) == utc("2026-11-24 08:00"), "the night is no working time"
    assert monday_9pm.at(0) == utc("2026-11-23 20:00"), "a step allowed no time is due at once"


def test_a_ticket_opened_on_saturday_is_worked_on_from_monday():
    saturday = timeline("2026-11-21 10:00")
    assert saturday.at(0, starting=True) == utc("2026-11-23 07:00")
    assert saturday.at(1) == utc("2026-11-23 08:00")
    assert saturday.at(9) == utc("2026-11-24 08:00"), "Monday 8 h, Tuesday 1 h"


def test_a_ticket_opened_mid_morning_counts_only_the_rest_of_the_day():
    wednesday_11am = timeline("2026-11-25 10:00")
    assert wednesday_11am.at(5) == utc("2026-11-25 15:00")
    assert wednesday_11am.at(6) == utc("2026-11-26 08:00"), "Wednesday 5 h, Thursday 1 h"


def test_a_company_holiday_is_skipped():
    holiday_monday = timeline("2026-11-20 14:00", leaves=[("2026-11-22 23:00", "2026-11-23 22:59")])
    assert holiday_monday.at(10) == utc("2026-11-25 08:00"), "Friday 1 h, Tuesday 8 h, Wednesday 1 h"


def test_a_leave_of_a_few_hours_splits_the_working_day():
    meeting = timeline("2026-11-23 07:00", leaves=[("2026-11-23 09:00", "2026-11-23 11:00")])  # 10-12 Berlin
    assert meeting.at(2) == utc("2026-11-23 09:00"), "8-10 Berlin before the leave"
    assert meeting.at(2, starting=True) == utc("2026-11-23 11:00"), "the next step waits until the leave ends"
    assert meeting.at(3) == utc("2026-11-23 12:00")
    assert meeting.at(6) == utc("2026-11-23 15:00"), "the day has 6 working hours"
    assert meeting.at(7) == utc("2026-11-24 08:00")


def test_leaves_spanning_several_days_and_leaves_in_the_past_are_handled():
    timeline_with_leaves = timeline("2026-11-23 07:00", leaves=[
        ("2026-11-01 00:00", "2026-11-02 00:00"),  # before the start: no effect
        ("2026-11-23 23:00", "2026-11-26 23:00"),  # Tuesday to Thursday in Berlin
    ])
    assert timeline_with_leaves.at(8) == utc("2026-11-23 15:00")
    assert timeline_with_leaves.at(9) == utc("2026-11-27 08:00"), "Monday, then Friday"


def test_a_lunch_break_is_no_working_time():
    with_lunch = [(day, 8.0, 12.0, None, None) for day in range(5)] + [
        (day, 13.0, 17.0, None, None) for day in range(5)]
    monday = timeline("2026-11-23 07:00", attendances=with_lunch)
    assert monday.at(4) == utc("2026-11-23 11:00"), "the morning ends at 12:00"
    assert monday.at(4, starting=True) == utc("2026-11-23 12:00"), "the afternoon begins at 13:00"
    assert monday.at(5) == utc("2026-11-23 13:00")


def test_working_hours_are_local_across_the_change_to_summer_time():
    # Berlin moves to summer time on Sunday 29 March 2026: 8:00 is 07:00 UTC before, 06:00 UTC after
    friday = timeline("2026-03-27 07:00")
    assert friday.at(8) == utc("2026-03-27 15:00")
    assert friday.at(8, starting=True) == utc("2026-03-30 06:00")
    assert friday.at(16) == utc("2026-03-30 14:00"), "Monday 16:00 summer time"


def test_attendances_count_only_within_their_validity_dates():
    from_december = [(day, 8.0, 16.0, datetime.date(2026, 12, 1), None) for day in range(5)]
    until_november = [(day, 9.0, 10.0, None, datetime.date(2026, 11, 30)) for day in range(5)]
    changing = timeline("2026-11-30 07:00", attendances=from_december + until_november)
    assert changing.at(1) == utc("2026-11-30 09:00"), "Monday 30 November: one hour, 9-10 Berlin"
    assert changing.at(2) == utc("2026-12-01 08:00"), "Tuesday 1 December: the new hours from 8:00"


def test_a_calendar_without_working_time_is_recognised():
    assert not timeline("2026-11-23 07:00", attendances=[]).has_working_time
    assert not timeline("2026-11-23 07:00", attendances=[(0, 16.0, 8.0, None, None)]).has_working_time, \
        "an attendance ending before it begins is no working time"
    assert timeline("2026-11-23 07:00").has_working_time


def test_a_plan_beyond_three_years_of_calendar_has_no_date():
    expired = [(day, 8.0, 16.0, None, datetime.date(2020, 1, 1)) for day in range(5)]
    assert timeline("2026-11-23 07:00", attendances=expired).at(1) is None


def test_without_a_time_zone_the_hours_are_utc():
    utc_calendar = timeline("2026-11-23 08:00", tz=None)
    assert utc_calendar.at(8) == utc("2026-11-23 16:00")


def test_many_questions_in_any_order_get_the_answers_of_a_fresh_timeline():
    shared = timeline("2026-11-20 14:00")
    hours = [80, 1, 40.5, 8, 0.25, 17, 200]
    answers = {h: shared.at(h) for h in hours}
    for h in hours:
        assert answers[h] == timeline("2026-11-20 14:00").at(h), h
    assert [answers[h] for h in sorted(hours)] == sorted(answers.values())


def test_two_working_weeks_end_on_the_friday_two_weeks_later():
    monday_8am = timeline("2026-11-23 07:00")
    assert monday_8am.at(80) == utc("2026-12-04 15:00")


# ---------------------------------------------------------------- the step graph


def test_a_pause_over_the_weekend_counts_only_its_working_hours():
    # waiting for the customer from Friday 14:00 to Monday 10:00 (Berlin): 2 + 2 working hours
    paused = timeline("2026-11-20 13:00")
    assert paused.hours_until(utc("2026-11-23 09:00")) == 4.0


def test_a_pause_in_the_evening_or_before_the_start_counts_nothing():
    paused = timeline("2026-11-23 16:00")
    assert paused.hours_until(utc("2026-11-23 20:00")) == 0.0
    assert paused.hours_until(utc("2026-11-23 10:00")) == 0.0


def test_hours_until_a_moment_and_the_moment_after_hours_agree():
    line = timeline("2026-11-20 08:30")
    for hours in (0.5, 3.0, 6.5, 7.0, 19.25):
        assert line.hours_until(line.at(hours)) == pytest.approx(hours)


def test_a_plan_without_cycles_has_none():
    assert planning.find_cycle({"pick-up": [], "inspection": ["pick-up"], "repair": ["inspection"]}) is None
    assert planning.find_cycle({}) is None


def test_a_cycle_is_named_in_the_order_work_would_flow():
    waits_for = {"pick-up": ["estimate"], "inspection": ["pick-up"], "estimate": ["inspection"]}
    assert planning.find_cycle(waits_for) == ["pick-up", "inspection", "estimate", "pick-up"]


def test_a_step_waiting_for_itself_is_a_cycle():
    assert planning.find_cycle({"pick-up": [], "repair": ["repair"]}) == ["repair", "repair"]


def test_a_cycle_behind_independent_steps_is_found():
    waits_for = {"call back": [], "order parts": [], "repair": ["test"], "test": ["repair", "order parts"]}
    assert planning.find_cycle(waits_for) == ["repair", "test", "repair"]


def test_steps_come_after_their_predecessors_and_otherwise_keep_the_list_order():
    nodes = ["set up", "plan delivery", "power supply", "hand over"]
    graph = {"set up": ["plan delivery", "power supply"], "hand over": ["set up"]}
    assert planning.topological_order(nodes, graph) == ["plan delivery", "power supply", "set up", "hand over"]


def test_predecessors_outside_the_plan_are_ignored():
    assert planning.topological_order(["b", "a"], {"b": ["elsewhere"], "a": []}) == ["b", "a"]


def test_ordering_a_cycle_is_refused():
    with pytest.raises(ValueError):
        planning.topological_order(["a", "b"], {"a": ["b"], "b": ["a"]})


def test_a_chain_adds_up_its_allowances():
    nodes = ["pick-up", "inspection", "repair"]
    graph = {"inspection": ["pick-up"], "repair": ["inspection"]}
    offsets = planning.schedule(nodes, graph, {"pick-up": 4, "inspection": 16, "repair": 16}, {})
    assert offsets == {"pick-up": (0.0, 4), "inspection": (4, 20), "repair": (20, 36)}


def test_a_step_after_parallel_steps_starts_when_the_later_one_is_due():
    nodes = ["plan delivery", "power supply", "set up"]
    graph = {"set up": ["plan delivery", "power supply"]}
    offsets = planning.schedule(nodes, graph, {"plan delivery": 16, "power supply": 24, "set up": 16}, {})
    assert offsets["plan delivery"] == (0.0, 16)
    assert offsets["power supply"] == (0.0, 24)
    assert offsets["set up"] == (24, 40), "the critical path: power supply, then set-up"


def test_a_deadline_counted_from_the_ticket_start_is_never_before_the_step_can_start():
    nodes = ["pick-up", "report", "invoice"]
    graph = {"report": ["pick-up"], "invoice": ["pick-up"]}
    offsets = planning.schedule(nodes, graph, {"pick-up": 8, "report": 4, "invoice": 40},
                                {"report": True, "invoice": True})
    assert offsets["report"] == (8, 8), "4 h after the start would be before pick-up is due"
    assert offsets["invoice"] == (8, 40), "40 h after the ticket start, not after pick-up"


def test_a_step_without_allowance_is_due_when_it_can_start():
    offsets = planning.schedule(["a", "b"], {"b": ["a"]}, {"a": 3}, {})
    assert offsets["b"] == (3, 3)


def test_the_schedule_follows_predecessors_listed_after_their_successors():
    offsets = planning.schedule(["repair", "pick-up"], {"repair": ["pick-up"]}, {"repair": 5, "pick-up": 2}, {})
    assert offsets == {"pick-up": (0.0, 2), "repair": (2, 7)}
