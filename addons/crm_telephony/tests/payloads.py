# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephone systems' webhook bodies as they send them: one builder per provider, for every test.

Plain Python (no Odoo): the module's tests import it, the live-server tests of the repository's tests/ load
it by path (tests/fakes/telephony.py), so a payload is written down once."""
import hashlib
import hmac
import json
from urllib.parse import urlencode

SIPGATE_LINE = "4930555000"  # our number as sipgate sends numbers: international digits without '+'
NATIONAL_LINE = "030555000"  # our number as Placetel and PBXs send it


def sipgate_body(event, call_id, caller, users=(), direction="in", to=SIPGATE_LINE, array="[]",
                 literal_brackets=False, **extra):
    """A sipgate.io push API form post (newCall, answer, hangup) with the fields and order of sipgate's
    documentation. `users`: (name, user id[, full user id]) of the agents a newCall rings at or who answered;
    arrays as ``user[]`` (or ``array="[][0]"``), percent-encoded unless `literal_brackets`; `cause` of a
    hangup defaults to normalClearing; further fields from `extra`, in their order."""
    fields = [("event", event), ("direction", direction), ("from", caller), ("to", to), ("callId", call_id)]
    if event in ("newCall", "answer"):
        for index, key in enumerate(("user", "userId", "fullUserId")):
            fields += [(key + array, user[index]) for user in users if len(user) > index]
    if event == "answer":
        fields.append(("answeringNumber", to))
    if event == "hangup":
        fields += [("cause", extra.pop("cause", "normalClearing")), ("answeringNumber", to)]
    fields += list(extra.items())
    return urlencode(fields, safe="[]" if literal_brackets else "").encode()


def placetel_body(event, call_id, caller, to=NATIONAL_LINE, direction="in", **extra):
    """A Placetel notification form post (IncomingCall, OutgoingCall, CallAccepted, HungUp); `extra`:
    peer (the agent's extension), type (how a call ended) and duration, in their order."""
    fields = [("event", event), ("from", caller), ("to", to), ("call_id", call_id), ("direction", direction)]
    return urlencode(fields + list(extra.items())).encode()


def placetel_signature(secret, body):
    """The X-Placetel-Signature header of `body`: hex HMAC-SHA256 with the shared secret."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def pbx_event(event, call_id, caller="", to=NATIONAL_LINE, direction="in", agent=None, **extra):
    """A generic PBX event as scripts/ami_bridge.py and own scripts post it (ring, answer, hangup); `extra`:
    result, duration, parent_call_id."""
    data = {"event": event, "call_id": call_id, "direction": direction, "from": caller, "to": to}
    if agent:
        data["agent"] = agent
    data.update(extra)
    return json.dumps(data).encode()


def threecx_journal(call_type, number, start, agent=None, established=None, end=None, duration=None, **extra):
    """A 3CX call journal entry of the CRM template (Inbound, Outbound, Missed, Notanswered), times in UTC
    as 'YYYY-MM-DD HH:MM:SS', duration as 'HH:MM:SS'; `extra`: e.g. EntityId."""
    data = {"CallType": call_type, "Number": number}
    if agent:
        data["Agent"] = agent
    if duration:
        data["Duration"] = duration
    data["CallStartTimeUTC"] = start
    if established:
        data["CallEstablishedTimeUTC"] = established
    if end:
        data["CallEndTimeUTC"] = end
    data.update(extra)
    return json.dumps(data).encode()
