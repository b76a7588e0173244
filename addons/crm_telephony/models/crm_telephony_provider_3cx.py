# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""3CX: the CRM template's call journal (one post per finished call) and contact lookup, with the API key."""
from odoo import api, models

from .webhook_parsers import parse_3cx

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
        return parse_3cx(raw)

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
