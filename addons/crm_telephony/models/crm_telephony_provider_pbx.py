# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generic PBX events (Asterisk through scripts/ami_bridge.py, own scripts): JSON with the API key."""
from odoo import api, models

from .crm_telephony_call import RESULTS
from .crm_telephony_provider import BadEvent

GENERIC_KINDS = ("ring", "answer", "hangup")


class CrmTelephonyProviderPbx(models.AbstractModel):
    """{"event": ring|answer|hangup, "call_id", "direction", "from", "to", "agent", "parent_call_id",
    "result", "duration"} posted to /crm_telephony/events; the agent is an extension or a login.
    Authenticated by the company's API key (crm.telephony.provider's `_authenticate`)."""

    _name = "crm.telephony.provider.pbx"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: PBX (API)"

    @api.model
    def _parse(self, raw):
        data = self._json(raw)
        kind = data.get("event")
        if kind not in GENERIC_KINDS:
            raise BadEvent("unknown event")
        agent = str(data.get("agent") or "")
        refs = {"extensions": [agent], "logins": [agent]} if agent else {}
        event = {"kind": kind, "call_id": str(data.get("call_id") or ""),
                 "direction": "out" if data.get("direction") == "out" else "in",
                 "from": str(data.get("from") or ""), "to": str(data.get("to") or ""), "agents": refs,
                 "parent_call_id": str(data.get("parent_call_id") or "") or None}
        if kind == "answer":
            event["answered_by"] = refs
        if kind == "hangup":
            event["result"] = data.get("result") if data.get("result") in dict(RESULTS) else None
            if isinstance(data.get("duration"), int):
                event["duration"] = data["duration"]
        return event
