# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Placetel notifications: form posts signed with the shared secret (HMAC-SHA256, X-Placetel-Signature)."""
from functools import partial

from odoo import api, models

from .crm_telephony_provider import BadEvent
from .webhook_signature import hmac_sha256_hex, same_secret

PLACETEL_KINDS = {"IncomingCall": ("ring", "in"), "OutgoingCall": ("ring", "out"),
                  "CallAccepted": ("answer", None), "HungUp": ("hangup", None)}
PLACETEL_TYPES = {
    "accepted": "completed", "missed": "no_answer", "voicemail": "voicemail", "busy": "busy",
    "canceled": "cancelled", "cancelled": "cancelled", "unavailable": "not_found", "congestion": "congestion",
    "blocked": "failed",
}


class CrmTelephonyProviderPlacetel(models.AbstractModel):
    """IncomingCall, OutgoingCall, CallAccepted and HungUp of Placetel; agents by extension (`peer`)."""

    _name = "crm.telephony.provider.placetel"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: Placetel"

    @api.model
    def _authenticate(self, raw, headers, company_id=None):
        """The company whose Placetel secret signed the raw body."""
        given = headers.get("X-Placetel-Signature", "").strip().lower()
        return self._company_with_secret("placetel_secret", company_id,
                                         lambda secret: same_secret(hmac_sha256_hex(secret, raw), given))

    @api.model
    def _parse(self, raw):
        form = self._form(raw)
        first = partial(self._first, form)
        kind, direction = PLACETEL_KINDS.get(first("event"), (None, None))
        if not kind:
            raise BadEvent("unknown event")
        direction = direction or ("out" if first("direction") == "out" else "in")
        event = {"kind": kind, "call_id": first("call_id"), "direction": direction, "from": first("from"),
                 "to": first("to"), "agents": {"extensions": [first("peer")] if first("peer") else []}}
        if kind == "answer":
            event["answered_by"] = event["agents"]
        if kind == "hangup":
            event["result"] = PLACETEL_TYPES.get(first("type"), "failed" if first("type") else None)
            if first("duration").isdigit():
                event["duration"] = int(first("duration"))
        return event
