# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""3CX: the CRM template's call journal (one post per finished call) and contact lookup, with the API key."""
from datetime import datetime

from odoo import api, fields, models

from .crm_telephony_provider import BadEvent

THREECX_TYPES = {"Inbound": ("in", True), "Outbound": ("out", True), "Missed": ("in", False),
                 "Notanswered": ("out", False)}
LOOKUP_CONTACTS = 10


class CrmTelephonyProvider3cx(models.AbstractModel):
    """3CX's CRM integration (static/3cx/crm_template.xml): journal entries of Inbound, Outbound, Missed
    and Notanswered calls, JSON or form; the lookup answers who has a number. Authenticated by the
    company's API key (crm.telephony.provider's `_authenticate`)."""

    _name = "crm.telephony.provider.3cx"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: 3CX"

    @api.model
    def _parse(self, raw):
        """One journal event with all times of the finished call."""
        data = self._json(raw) if raw[:1] in (b"{", b"[") else {k: v[0] for k, v in self._form(raw).items()}
        call_type = THREECX_TYPES.get(data.get("CallType"))
        if not call_type:
            raise BadEvent("unknown event")
        direction, answered = call_type
        number, agent = str(data.get("Number") or ""), str(data.get("Agent") or "")
        try:
            start = self._date(data.get("CallStartTimeUTC"))
            established = self._date(data.get("CallEstablishedTimeUTC")) if answered else None
            end = self._date(data.get("CallEndTimeUTC")) or start
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

    @api.model
    def _contact_lookup(self, company, number, base_url):
        """The answer to 3CX's contact lookup: the best matches with a link to the customer file, and the
        status line for the phone's display (`status`) of the best one."""
        locale = company._telephony_locale()
        partners = self.env["res.partner"].with_context(lang=locale.lang, tz=company.partner_id.tz or "UTC")
        matches = partners._phone_lookup_e164(partners._phone_to_e164(number, locale.region) or "") if number else []
        contacts = []
        # an uncertain match would name a stranger on the phone's display: the agent sees it in the pop-up
        for match in [match for match in matches if match["match"] != "uncertain"][:LOOKUP_CONTACTS]:
            first, _sep, last = (match["name"] or "").partition(" ") if not match["is_company"] else ("", "", "")
            contacts.append({
                "id": match["id"], "firstname": first, "lastname": last or match["name"] or "",
                "company": match["commercial_partner_name"] or "", "email": match["email"] or "",
                "businessphone": match["phone"] or "", "mobilephone": match["mobile"] or "",
                "match": match["match"],
                "url": "%s/web#id=%d&model=res.partner&view_type=form" % (base_url, match["commercial_partner_id"]
                                                                          or match["id"]),
            })
        if contacts:
            # as superuser: the webhook user reads no complaints or tickets, the display shows their number only
            contacts[0]["status"] = partners.sudo().browse(contacts[0]["id"])._telephony_status_line()
        return {"count": len(contacts), "contacts": contacts, "contact": contacts[0] if contacts else {}}

    @staticmethod
    def _date(value):
        """An Odoo datetime string from a 3CX timestamp (ISO 8601 or 'YYYY-MM-DD HH:MM:SS', UTC)."""
        if not value:
            return None
        text = str(value).strip().replace("T", " ").rstrip("Z")
        for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
            try:
                return fields.Datetime.to_string(datetime.strptime(text[:26], fmt))
            except ValueError:
                continue
        raise ValueError("unreadable time %r" % value)

    @staticmethod
    def _hms(value):
        """Seconds of a 3CX duration 'HH:MM:SS' (or 'MM:SS', 'SS')."""
        if not value:
            return None
        parts = str(value).split(":")
        if not all(p.isdigit() for p in parts) or len(parts) > 3:
            raise ValueError("unreadable duration")
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + int(part)
        return seconds
