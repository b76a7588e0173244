# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephone systems' webhooks: who sent it (signature / API key over the raw body), what it says
(one normalised event per request), and applying it to the call log. The controller only does HTTP."""
import base64
import hashlib
import hmac
import json
import logging
import re
from functools import lru_cache
from urllib.parse import parse_qsl

from odoo import api, models

_logger = logging.getLogger(__name__)

try:
    import rsa
except ImportError:  # pragma: no cover - declared in external_dependencies
    rsa = None

ARRAY_KEY = re.compile(r"(\[\d*\])+$")
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
GENERIC_KINDS = ("ring", "answer", "hangup")
THREECX_TYPES = {"Inbound": ("in", True), "Outbound": ("out", True), "Missed": ("in", False),
                 "Notanswered": ("out", False)}
SECRET_QUERIES = {
    "placetel": "SELECT id, placetel_secret FROM res_company WHERE coalesce(placetel_secret, '') != '' ORDER BY id",
    "api_key": "SELECT id, telephony_api_key FROM res_company WHERE coalesce(telephony_api_key, '') != '' "
               "ORDER BY id",
}


class BadEvent(ValueError):
    """The request is authentic but not an event we understand (HTTP 400)."""


@lru_cache(maxsize=16)
def _load_public_key(pem):
    """sipgate publishes 'BEGIN PUBLIC KEY' (X.509 SubjectPublicKeyInfo); 'BEGIN RSA PUBLIC KEY' works too."""
    data = pem.encode() if isinstance(pem, str) else pem
    if b"BEGIN RSA PUBLIC KEY" in data:
        return rsa.PublicKey.load_pkcs1(data)
    return rsa.PublicKey.load_pkcs1_openssl_pem(data)


def verify_rsa_sha256(raw, signature_b64, pem):
    """True when `signature_b64` is a PKCS#1 v1.5 RSA-SHA256 signature of `raw` by the key in `pem`."""
    if not signature_b64 or not pem or rsa is None:
        return False
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        return rsa.verify(raw, signature, _load_public_key(pem)) == "SHA-256"
    except (ValueError, TypeError, rsa.VerificationError, rsa.pkcs1.CryptoError):
        return False
    except Exception:  # a malformed key configured in Settings: reject rather than crash
        _logger.warning("sipgate webhook key in Settings cannot be read")
        return False


class CrmTelephonyWebhook(models.AbstractModel):
    _name = "crm.telephony.webhook"
    _description = "Telephony Webhooks"

    # ------------------------------------------------------------------ authenticity

    @api.model
    def _authenticate(self, provider, raw, headers, company_id=None):
        """The company whose secret authenticates this raw body, or None. Reads the secrets with one SQL
        query (administrators-only fields) and never writes or logs them."""
        cr = self.env.cr
        if provider == "sipgate":
            cr.execute("SELECT id, sipgate_public_key FROM res_company ORDER BY id")
            candidates = cr.fetchall()
            if company_id:
                candidates = [c for c in candidates if c[0] == company_id]
            signature = headers.get("X-Sipgate-Signature", "")
            shipped = None
            for cid, pem in candidates:
                if not pem:
                    shipped = shipped or self.env["res.company"].browse(cid)._sipgate_public_keys()[0]
                    pem = shipped
                if verify_rsa_sha256(raw, signature, pem):
                    return self.env["res.company"].browse(cid)
            return None
        cr.execute(SECRET_QUERIES["placetel" if provider == "placetel" else "api_key"])
        for cid, secret in cr.fetchall():
            if company_id and cid != company_id:
                continue
            if provider == "placetel":
                expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
                given = headers.get("X-Placetel-Signature", "").strip().lower()
            else:
                expected = secret
                given = headers.get("X-Api-Key", "") or self._bearer(headers.get("Authorization", ""))
            if given and hmac.compare_digest(expected.encode(), given.encode()):
                return self.env["res.company"].browse(cid)
        return None

    @staticmethod
    def _bearer(authorization):
        return authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""

    # ------------------------------------------------------------------ parsing

    @api.model
    def _parse(self, provider, raw):
        """One normalised event from the raw body; BadEvent when it is not an event we know."""
        parser = {"sipgate": self._parse_sipgate, "placetel": self._parse_placetel, "pbx": self._parse_generic,
                  "3cx": self._parse_3cx_journal}[provider]
        event = parser(raw)
        if not event.get("call_id"):
            raise BadEvent("missing call id")
        event["provider"] = provider
        return event

    @staticmethod
    def _form(raw):
        """Form fields as lists; `user[]`, `user[][0]` and `user[0]` all become `user`."""
        try:
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise BadEvent("body is not UTF-8")
        form = {}
        for key, value in pairs:
            form.setdefault(ARRAY_KEY.sub("", key), []).append(value)
        return form

    def _parse_sipgate(self, raw):
        form = self._form(raw)

        def first(key):
            return (form.get(key) or [""])[0]
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

    def _parse_placetel(self, raw):
        form = self._form(raw)

        def first(key):
            return (form.get(key) or [""])[0]
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

    @staticmethod
    def _json(raw):
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadEvent("body is not JSON")
        if not isinstance(data, dict):
            raise BadEvent("body is not a JSON object")
        return data

    def _parse_generic(self, raw):
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
            event["result"] = data.get("result") if data.get("result") in dict(
                self.env["crm.phonecall"]._fields["result"].selection) else None
            if isinstance(data.get("duration"), int):
                event["duration"] = data["duration"]
        return event

    def _parse_3cx_journal(self, raw):
        """3CX call journaling: one request per finished call (Inbound, Outbound, Missed, Notanswered)."""
        data = self._json(raw) if raw[:1] in (b"{", b"[") else {k: v[0] for k, v in self._form(raw).items()}
        call_type = THREECX_TYPES.get(data.get("CallType"))
        if not call_type:
            raise BadEvent("unknown event")
        direction, answered = call_type
        number, agent = str(data.get("Number") or ""), str(data.get("Agent") or "")
        phonecall = self.env["crm.phonecall"]
        try:
            start = phonecall._date(data.get("CallStartTimeUTC"))
            established = phonecall._date(data.get("CallEstablishedTimeUTC")) if answered else None
            end = phonecall._date(data.get("CallEndTimeUTC")) or start
            duration = self._hms(data.get("Duration"))
        except ValueError:
            raise BadEvent("unreadable time")
        if not start:
            raise BadEvent("missing call id")
        if end < start or (established and not start <= established <= end):
            raise BadEvent("times out of order")
        refs = {"extensions": [agent]} if agent else {}
        return {
            "kind": "journal", "call_id": "%s/%s/%s" % (start, number, agent), "direction": direction,
            "from": number if direction == "in" else agent, "to": agent if direction == "in" else number,
            "agents": refs, "answered_by": refs, "date_start": start, "date_answer": established,
            "date_end": end, "duration": duration,
            "result": "completed" if answered else ("no_answer" if direction == "out" else None),
        }

    @staticmethod
    def _hms(value):
        if not value:
            return None
        parts = str(value).split(":")
        if not all(p.isdigit() for p in parts) or len(parts) > 3:
            raise ValueError("unreadable duration")
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + int(part)
        return seconds

    # ------------------------------------------------------------------ applying

    @api.model
    def _process(self, provider, company, event):
        """Apply the event as the technical webhook user of this environment; returns the call.

        No chatter tracking: the call's own dates and state are its log, and tracking every ring, answer
        and hangup would cost more than the rest of the webhook."""
        return self.env["crm.phonecall"].with_context(
            tz=False, lang=company._telephony_locale(company.id)[1], mail_auto_subscribe_no_notify=True,
            tracking_disable=True,
        )._apply_event(company, event)

    @api.model
    def _lookup_3cx(self, company, number, base_url):
        """The 3CX contact lookup answer: the best match with a link to the customer file."""
        matches = self.env["res.partner"]._phone_lookup_e164(
            self.env["res.partner"]._phone_to_e164(number, company._telephony_locale(company.id)[0]) or ""
        ) if number else []
        contacts = []
        for match in matches[:10]:
            first, _sep, last = (match["name"] or "").partition(" ") if not match["is_company"] else ("", "", "")
            contacts.append({
                "id": match["id"], "firstname": first, "lastname": last or match["name"] or "",
                "company": match["commercial_partner_name"] or "", "email": match["email"] or "",
                "businessphone": match["phone"] or "", "mobilephone": match["mobile"] or "",
                "match": match["match"],
                "url": "%s/web#id=%d&model=res.partner&view_type=form" % (base_url, match["commercial_partner_id"]
                                                                          or match["id"]),
            })
        return {"count": len(contacts), "contacts": contacts, "contact": contacts[0] if contacts else {}}
