"""Whatever a sender posts, each provider's parser answers with an event or a BadEvent that says why, never
another exception: property-based runs over arbitrary bytes and arbitrary JSON and form values, and the inputs
that made the server answer 500 before. Pure functions (models/webhook_parsers.py): no server needed."""
import json
import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakes.addon_module import load
from fakes.bad_webhooks import BAD_INPUTS

parsers = load("crm_telephony", "models/webhook_parsers.py")
payloads = load("crm_telephony", "tests/payloads.py")

FIELDS = {  # the fields each telephone system sends, and the event names it uses
    "sipgate": (["event", "callId", "direction", "from", "to", "userId[]", "fullUserId[]", "origCallId", "cause"],
                ["newCall", "answer", "hangup"]),
    "placetel": (["event", "call_id", "from", "to", "direction", "peer", "type", "duration"],
                 ["IncomingCall", "OutgoingCall", "CallAccepted", "HungUp"]),
    "pbx": (["event", "call_id", "direction", "from", "to", "agent", "parent_call_id", "result", "duration"],
            ["ring", "answer", "hangup"]),
    "3cx": (["CallType", "Number", "Agent", "CallStartTimeUTC", "CallEstablishedTimeUTC", "CallEndTimeUTC",
             "Duration"], ["Inbound", "Outbound", "Missed", "Notanswered"]),
}
TEXT_KEYS = ("call_id", "from", "to", "direction")
RUNS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
    | st.sampled_from(["", "²", "\x00", "-1", "2147483648", "99999999999:00:00", "2026-01-15 09:00:00"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)
form_values = st.binary(max_size=40) | st.text(max_size=40) | st.sampled_from(
    [b"\x00", "²", "-5", "99999999999999999999", "0351 123456", "2026-01-15 09:00:00", "12:00:00"])


def answer(provider, raw):
    """The parser's answer: the event, or None for a BadEvent (which must give a reason)."""
    try:
        event = parsers.PARSERS[provider](raw)
    except parsers.BadEvent as bad:
        assert str(bad), "a BadEvent says why"
        return None
    assert_event_is_sound(event)
    return event


def assert_event_is_sound(event):
    """What the call log may store: bounded text without control characters, durations of 0 to 7 days."""
    assert event["kind"] in ("ring", "answer", "hangup", "journal")
    assert 1 <= len(event["call_id"]) <= parsers.MAX_CALL_ID
    for key in TEXT_KEYS:
        assert isinstance(event[key], str) and not parsers.FORBIDDEN.search(event[key]), key
    duration = event.get("duration")
    assert duration is None or (type(duration) is int and 0 <= duration <= parsers.MAX_DURATION)
    assert event.get("result") is None or event["result"] in parsers.RESULT_CODES


def provider_objects(provider):
    keys, kinds = FIELDS[provider]
    event_key = keys[0]
    optional = {key.rstrip("[]"): json_values for key in keys[1:]}
    return st.fixed_dictionaries({event_key: st.sampled_from(kinds) | json_values}, optional=optional)


def provider_forms(provider):
    keys, kinds = FIELDS[provider]
    known = st.sampled_from(keys) | st.text(max_size=8)
    pairs = st.lists(st.tuples(known, form_values), max_size=10)
    return st.tuples(st.sampled_from(kinds), pairs).map(
        lambda drawn: urlencode([(keys[0], drawn[0])] + drawn[1]).encode())


@pytest.mark.parametrize("provider", sorted(parsers.PARSERS))
@RUNS
@given(raw=st.binary(max_size=512))
def test_arbitrary_bytes_get_an_event_or_a_reason(provider, raw):
    answer(provider, raw)


@pytest.mark.parametrize("provider", sorted(parsers.PARSERS))
@RUNS
@given(data=st.data())
def test_arbitrary_json_values_get_an_event_or_a_reason(provider, data):
    body = data.draw(provider_objects(provider) | json_values)
    answer(provider, json.dumps(body).encode())


@pytest.mark.parametrize("provider", sorted(parsers.PARSERS))
@RUNS
@given(data=st.data())
def test_arbitrary_form_values_get_an_event_or_a_reason(provider, data):
    answer(provider, data.draw(provider_forms(provider)))


@pytest.mark.parametrize("provider, raw, reason", BAD_INPUTS, ids=[reason for _p, _r, reason in BAD_INPUTS])
def test_inputs_that_broke_the_server_are_refused_with_their_reason(provider, raw, reason):
    with pytest.raises(parsers.BadEvent, match=reason):
        parsers.PARSERS[provider](raw)


def test_json_nested_30000_deep_is_refused_before_the_parser_recurses():
    started = time.perf_counter()
    with pytest.raises(parsers.BadEvent, match="nested deeper"):
        parsers.parse_pbx(b'{"a": ' + b"[" * 30000 + b"]" * 30000 + b"}")
    assert time.perf_counter() - started < 0.5


def test_the_documented_payloads_still_read_as_events():
    assert parsers.parse_pbx(payloads.pbx_event("hangup", "ok-1", "0351 1234", result="busy", duration=12)) == {
        "kind": "hangup", "call_id": "ok-1", "direction": "in", "from": "0351 1234", "to": payloads.NATIONAL_LINE,
        "agents": {}, "parent_call_id": None, "result": "busy", "duration": 12}
    hung_up = parsers.parse_placetel(payloads.placetel_body("HungUp", "p-2", "0351 1234", peer="201", type="accepted",
                                                            duration="75"))
    assert (hung_up["result"], hung_up["duration"], hung_up["agents"]) == ("completed", 75, {"extensions": ["201"]})
    journal = parsers.parse_3cx(payloads.threecx_journal("Inbound", "0351 1234", "2026-01-15 09:00:00", agent="207",
                                                         established="2026-01-15T09:00:05Z",
                                                         end="2026-01-15 09:02:00", duration="00:01:55"))
    assert (journal["date_answer"], journal["duration"], journal["call_id"]) == (
        "2026-01-15 09:00:05", 115, "2026-01-15 09:00:00/0351 1234/207")
