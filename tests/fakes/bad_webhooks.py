"""The webhook bodies that made the server answer 500 before (issue 11), each with the reason the sender now
reads: for the parsers' own tests and for the same inputs over HTTP."""
import json

from .addon_module import load

payloads = load("crm_telephony", "tests/payloads.py")


def pbx(**values):
    return json.dumps(dict({"event": "hangup", "call_id": "bad-1"}, **values)).encode()


def threecx(**values):
    return json.dumps(dict({"CallType": "Inbound", "Number": "0351 1234", "CallStartTimeUTC": "2026-01-15 09:00:00"},
                           **values)).encode()


# (provider, raw body, the reason in the 400 answer)
BAD_INPUTS = [
    ("pbx", pbx(duration=2147483648), "duration out of range"),
    ("pbx", pbx(duration=10 ** 30), "number out of range"),
    ("pbx", pbx(duration=-5), "duration out of range"),
    ("pbx", pbx(result=[]), "result is not text"),
    ("pbx", pbx(result={}), "result is not text"),
    ("pbx", pbx(**{"from": "0351\x001234"}), "from contains control characters"),
    ("pbx", pbx(call_id="x" * 3000), "call id longer than 255 characters"),
    ("pbx", b"[" * 30000 + b"]" * 30000, "JSON nested deeper than"),
    ("pbx", b'{"event": "hangup", "call_id": "x", "d": ' + b"[" * 30000 + b"]" * 30000 + b"}", "JSON nested deeper"),
    ("sipgate", payloads.sipgate_body("newCall", "a\x00b", "492211234567"), "call id contains control characters"),
    ("sipgate", payloads.sipgate_body("newCall", "y" * 3000, "492211234567"), "call id longer than 255"),
    ("3cx", threecx(CallType=["Inbound"]), "CallType is not text"),
    ("3cx", threecx(Duration="99999999999:00:00"), "Duration out of range"),
    ("placetel", payloads.placetel_body("HungUp", "p-1", "0351 1234", duration="99999999999999999999"),
     "duration out of range"),
    ("placetel", payloads.placetel_body("HungUp", "p-1", "0351 1234", duration="²"), "duration is not a whole number"),
    ("placetel", payloads.placetel_body("HungUp", "p-1", "0351 1234", duration="-5"), "duration is not a whole number"),
]
