# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""sipgate.io push API: form posts signed by sipgate's RSA key (X-Sipgate-Signature)."""
from functools import partial

from odoo import api, models

from .crm_telephony_provider import BadEvent
from .webhook_signature import verify_rsa_sha256

SIPGATE_KINDS = {"newCall": "ring", "answer": "answer", "hangup": "hangup"}
SIPGATE_CAUSES = {
    "normalClearing": "completed", "busy": "busy", "cancel": "cancelled", "noAnswer": "no_answer",
    "congestion": "congestion", "notFound": "not_found", "forwarded": "forwarded",
}


class CrmTelephonyProviderSipgate(models.AbstractModel):
    """newCall, answer and hangup of sipgate.io; the answer to newCall asks for the other two
    (controllers/main.py)."""

    _name = "crm.telephony.provider.sipgate"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: sipgate"

    @api.model
    def _authenticate(self, raw, headers, company_id=None):
        """The company whose sipgate key (or the key sipgate publishes, shipped) signed the raw body."""
        signature = headers.get("X-Sipgate-Signature", "")
        return self._company_with_secret("sipgate_public_key", company_id,
                                         lambda pem: verify_rsa_sha256(raw, signature, pem))

    @api.model
    def _parse(self, raw):
        form = self._form(raw)
        first = partial(self._first, form)
        kind = SIPGATE_KINDS.get(first("event"))
        if not kind:
            raise BadEvent("unknown event")
        agents = {"sipgate_user_ids": form.get("userId", []) + form.get("fullUserId", [])}
        event = {
            "kind": kind, "call_id": first("callId"), "direction": "out" if first("direction") == "out" else "in",
            "from": first("from"), "to": first("to"), "agents": agents,
            "parent_call_id": first("origCallId") or None,
        }
        if kind == "answer":
            event["answered_by"] = agents
        if kind == "hangup":
            event["result"] = SIPGATE_CAUSES.get(first("cause"), "failed" if first("cause") else None)
        return event
