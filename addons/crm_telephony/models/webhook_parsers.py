# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webhook bodies read into normalised events: pure functions from raw bytes to an event or BadEvent.

No Odoo, no database: the providers' models call them, and property-based tests feed them arbitrary bytes.
Every value is checked before it is used: its type, no control characters, bounded length and range,
JSON of bounded depth, numbers of ASCII digits only."""
import json
import re
from datetime import datetime
from urllib.parse import parse_qsl

MAX_CALL_ID = 255  # characters: far below PostgreSQL's 2 704-byte limit of the unique index
MAX_PARTY = 128  # a number, an extension, a login or a user id
MAX_DURATION = 7 * 24 * 3600  # seconds
MAX_JSON_DEPTH = 16
MAX_INT_DIGITS = 18
ARRAY_KEY = re.compile(r"(\[\d*\])+$")
# C0 and C1 control characters, DEL and lone surrogates (PostgreSQL stores none of them)
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
ASCII_DIGITS = re.compile(r"[0-9]+\Z")
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
JSON_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
# the results a hang-up can report (crm.telephony.call's RESULTS; a test keeps both lists equal)
RESULT_CODES = ("completed", "busy", "cancelled", "no_answer", "voicemail", "congestion", "not_found",
                "forwarded", "failed")
GENERIC_KINDS = ("ring", "answer", "hangup")
SIPGATE_KINDS = {"newCall": "ring", "answer": "answer", "hangup": "hangup"}
SIPGATE_CAUSES = {
    "normalClearing": "completed", "busy": "busy", "cancel": "cancelled", "noAnswer": "no_answer",
    "congestion": "congestion", "notFound": "not_found", "forwarded": "forwarded",
}
PLACETEL_KINDS = {"IncomingCall": ("ring", "in"), "OutgoingCall": ("ring", "out"),
                  "CallAccepted": ("answer", None), "HungUp": ("hangup", None)}
PLACETEL_TYPES = {
    "accepted": "completed", "missed": "no_answer", "voicemail": "voicemail", "busy": "busy",
    "canceled": "cancelled", "cancelled": "cancelled", "unavailable": "not_found", "congestion": "congestion",
    "blocked": "failed",
}
THREECX_TYPES = {"Inbound": ("in", True), "Outbound": ("out", True), "Missed": ("in", False),
                 "Notanswered": ("out", False)}
THREECX_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")


class BadEvent(ValueError):
    """The request is authentic but not an event we understand (HTTP 400); the message is the reason."""


# ------------------------------------------------------------------ the providers


def parse_sipgate(raw):
    """newCall, answer and hangup of sipgate.io (form posts)."""
    form = _form(raw)
    kind = SIPGATE_KINDS.get(_first(form, "event"))
    if not kind:
        raise BadEvent("unknown event")
    user_ids = [_text(value, "userId", MAX_PARTY) for value in form.get("userId", []) + form.get("fullUserId", [])]
    agents = {"sipgate_user_ids": user_ids}
    event = {
        "kind": kind, "call_id": _call_id(_first(form, "callId")),
        "direction": _direction(_first(form, "direction")),
        "from": _party(_first(form, "from"), "from"), "to": _party(_first(form, "to"), "to"), "agents": agents,
        "parent_call_id": _text(_first(form, "origCallId"), "origCallId", MAX_CALL_ID) or None,
    }
    if kind == "answer":
        event["answered_by"] = agents
    if kind == "hangup":
        cause = _text(_first(form, "cause"), "cause", MAX_PARTY)
        event["result"] = SIPGATE_CAUSES.get(cause, "failed" if cause else None)
    return event


def parse_placetel(raw):
    """IncomingCall, OutgoingCall, CallAccepted and HungUp of Placetel (form posts); agents by `peer`."""
    form = _form(raw)
    kind, direction = PLACETEL_KINDS.get(_first(form, "event"), (None, None))
    if not kind:
        raise BadEvent("unknown event")
    peer = _party(_first(form, "peer"), "peer")
    event = {"kind": kind, "call_id": _call_id(_first(form, "call_id")),
             "direction": direction or _direction(_first(form, "direction")),
             "from": _party(_first(form, "from"), "from"), "to": _party(_first(form, "to"), "to"),
             "agents": {"extensions": [peer] if peer else []}}
    if kind == "answer":
        event["answered_by"] = event["agents"]
    if kind == "hangup":
        call_type = _text(_first(form, "type"), "type", MAX_PARTY)
        event["result"] = PLACETEL_TYPES.get(call_type, "failed" if call_type else None)
        duration = _first(form, "duration")
        if duration:
            event["duration"] = _integer(duration, "duration", MAX_DURATION)
    return event


def parse_pbx(raw):
    """{"event": ring|answer|hangup, "call_id", "direction", "from", "to", "agent", "parent_call_id",
    "result", "duration"} of scripts/ami_bridge.py and own scripts (JSON); the agent is an extension or a
    login."""
    data = _json_object(raw)
    kind = data.get("event")
    if kind not in GENERIC_KINDS:
        raise BadEvent("unknown event")
    agent = _text(data.get("agent"), "agent", MAX_PARTY)
    refs = {"extensions": [agent], "logins": [agent]} if agent else {}
    event = {"kind": kind, "call_id": _call_id(data.get("call_id")), "direction": _direction(data.get("direction")),
             "from": _party(data.get("from"), "from"), "to": _party(data.get("to"), "to"), "agents": refs,
             "parent_call_id": _text(data.get("parent_call_id"), "parent_call_id", MAX_CALL_ID) or None}
    if kind == "answer":
        event["answered_by"] = refs
    if kind == "hangup":
        result = _text(data.get("result"), "result", MAX_PARTY)
        event["result"] = result if result in RESULT_CODES else None
        if data.get("duration") is not None:
            event["duration"] = _integer(data["duration"], "duration", MAX_DURATION)
    return event


def parse_3cx(raw):
    """One call journal entry of 3CX's CRM template (JSON or form) with all times of the finished call."""
    data = _json_object(raw) if raw[:1] in (b"{", b"[") else {key: values[0] for key, values in _form(raw).items()}
    call_type = THREECX_TYPES.get(_text(data.get("CallType"), "CallType", MAX_PARTY))
    if not call_type:
        raise BadEvent("unknown event")
    direction, answered = call_type
    number, agent = _party(data.get("Number"), "Number"), _party(data.get("Agent"), "Agent")
    start = _time(data.get("CallStartTimeUTC"), "CallStartTimeUTC")
    established = _time(data.get("CallEstablishedTimeUTC"), "CallEstablishedTimeUTC") if answered else None
    end = _time(data.get("CallEndTimeUTC"), "CallEndTimeUTC") or start
    duration = _hms(data.get("Duration"))
    if not start:
        raise BadEvent("missing call id")
    if end < start or (established and not start <= established <= end):
        raise BadEvent("times out of order")
    refs = {"extensions": [agent]} if agent else {}
    return {
        "kind": "journal", "call_id": _call_id("%s/%s/%s" % (start, number, agent)), "direction": direction,
        "from": number if direction == "in" else agent, "to": agent if direction == "in" else number,
        "agents": refs, "answered_by": refs, "date_start": start, "date_answer": established,
        "date_end": end, "duration": duration,
        "result": "completed" if answered else ("no_answer" if direction == "out" else None),
    }


PARSERS = {"sipgate": parse_sipgate, "placetel": parse_placetel, "pbx": parse_pbx, "3cx": parse_3cx}


def lookup_number(value):
    """The number of a contact lookup (3CX), '' when absent; BadEvent when it is no plausible text."""
    return _party(value, "number")


# ------------------------------------------------------------------ bodies


def _form(raw):
    """Form fields as lists; `user[]`, `user[][0]` and `user[0]` all become `user`."""
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise BadEvent("body is not UTF-8")
    form = {}
    for key, value in pairs:
        form.setdefault(ARRAY_KEY.sub("", key), []).append(value)
    return form


def _first(form, key):
    """The first value of a form field, '' when absent."""
    return (form.get(key) or [""])[0]


def _json_object(raw):
    """The JSON object of the body: nested at most MAX_JSON_DEPTH deep (checked before the parser recurses),
    integers of at most MAX_INT_DIGITS digits, no NaN or Infinity."""
    brackets = JSON_NOT_BRACKET.sub(b"", JSON_STRING.sub(b"", raw))
    depth = 0
    for char in brackets:
        depth += 1 if char in b"[{" else -1
        if depth > MAX_JSON_DEPTH:
            raise BadEvent("JSON nested deeper than %d levels" % MAX_JSON_DEPTH)
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_json_int, parse_constant=_json_constant)
    except BadEvent:
        raise
    except (UnicodeDecodeError, ValueError):
        raise BadEvent("body is not JSON")
    if not isinstance(data, dict):
        raise BadEvent("body is not a JSON object")
    return data


def _json_int(text):
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadEvent("number out of range")
    return int(text)


def _json_constant(name):
    raise BadEvent("%s is not a number" % name)


# ------------------------------------------------------------------ values


def _text(value, name, limit):
    """`value` as text ('' when absent): a string (or a JSON integer, as scripts send ids) of at most `limit`
    characters without control characters."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise BadEvent("%s is not text" % name)
    if len(value) > limit:
        raise BadEvent("%s longer than %d characters" % (name, limit))
    if FORBIDDEN.search(value):
        raise BadEvent("%s contains control characters" % name)
    return value


def _call_id(value):
    call_id = _text(value, "call id", MAX_CALL_ID)
    if not call_id:
        raise BadEvent("missing call id")
    return call_id


def _party(value, name):
    """A number, an extension, a login or a user id."""
    return _text(value, name, MAX_PARTY)


def _direction(value):
    """'out' when the telephone system says so, else 'in'."""
    return "out" if _text(value, "direction", MAX_PARTY) == "out" else "in"


def _integer(value, name, high):
    """An integer 0..`high`: a JSON integer, or ASCII digits."""
    if isinstance(value, str) and ASCII_DIGITS.match(value):
        value = int(value) if len(value) <= MAX_INT_DIGITS else high + 1
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadEvent("%s is not a whole number" % name)
    if not 0 <= value <= high:
        raise BadEvent("%s out of range (0 to %d)" % (name, high))
    return value


def _time(value, name):
    """An Odoo datetime string from a 3CX timestamp (ISO 8601 or 'YYYY-MM-DD HH:MM:SS', UTC), None when
    absent."""
    text = _text(value, name, 64).strip().replace("T", " ").rstrip("Z")
    if not text:
        return None
    for fmt in THREECX_TIME_FORMATS:
        try:
            return datetime.strptime(text[:26], fmt).replace(microsecond=0).isoformat(" ")
        except ValueError:
            continue
    raise BadEvent("unreadable time %s" % name)


def _hms(value):
    """Seconds of a 3CX duration 'HH:MM:SS' (or 'MM:SS', 'SS'), at most MAX_DURATION; None when absent."""
    text = _text(value, "Duration", 32)
    if not text:
        return None
    parts = text.split(":")
    if len(parts) > 3 or not all(ASCII_DIGITS.match(part) for part in parts):
        raise BadEvent("unreadable duration")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return _integer(seconds, "Duration", MAX_DURATION)
