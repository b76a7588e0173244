# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.modules.module import get_module_resource

from .phone_number import DEFAULT_REGION

DEFAULT_SIPGATE_API_URL = "https://api.sipgate.com"


def shipped_sipgate_key():
    """The public key sipgate publishes for X-Sipgate-Signature, shipped in data/."""
    with open(get_module_resource("crm_telephony", "data", "sipgate_webhook_public_key.pem")) as key_file:
        return key_file.read()


class ResCompany(models.Model):
    """Telephony settings per company. Secrets are readable by administrators only."""

    _inherit = "res.company"

    sipgate_public_key = fields.Text(
        "sipgate Webhook Key", help="PEM public key that signs sipgate's webhooks (X-Sipgate-Signature). "
                                    "The key sipgate publishes is installed; replace it when sipgate rotates it.")
    sipgate_api_url = fields.Char("sipgate API URL", default=DEFAULT_SIPGATE_API_URL)
    sipgate_token_id = fields.Char("sipgate Token ID", groups="base.group_system", copy=False)
    sipgate_token = fields.Char("sipgate Token", groups="base.group_system", copy=False)
    placetel_secret = fields.Char("Placetel Webhook Secret", groups="base.group_system", copy=False)
    telephony_api_key = fields.Char("Telephony API Key", groups="base.group_system", copy=False,
                                    help="Key of the 3CX integration and of PBX scripts (header X-Api-Key).")
    telephony_fallback_group_id = fields.Many2one(
        "res.groups", "Calls Without Agent Go To",
        help="Members of this group get the pop-up of calls that no agent mapping matches.")

    @api.model
    def _telephony_install_defaults(self):
        """At install: the shipped sipgate key and the agents' group as fallback, for every company."""
        key = shipped_sipgate_key()
        group = self.env.ref("crm_telephony.group_crm_telephony_user")
        for company in self.search([]):
            values = {}
            if not company.sipgate_public_key:
                values["sipgate_public_key"] = key
            if not company.telephony_fallback_group_id:
                values["telephony_fallback_group_id"] = group.id
            if values:
                company.write(values)

    @api.model
    def create(self, values):
        """A new company gets the shipped key and can receive webhooks through the technical user."""
        values.setdefault("sipgate_public_key", shipped_sipgate_key())
        company = super().create(values)
        webhook_user = self.env.ref("crm_telephony.user_telephony_webhook", raise_if_not_found=False)
        if webhook_user:
            webhook_user.sudo().write({"company_ids": [(4, company.id)]})
        if not company.telephony_fallback_group_id:
            company.telephony_fallback_group_id = self.env.ref("crm_telephony.group_crm_telephony_user")
        return company

    @api.model
    @tools.ormcache("self.env.uid", "company_id")
    def _telephony_locale(self, company_id=None):
        """(country code, language) of the company, else of the current user's company: the country reads
        national numbers (DE when the address has none). Cached: a company's country_id is computed from
        its partner's whole address, too slow for every call. Writing a company or switching a user's
        company clears Odoo's caches; so does changing a company partner's country or language
        (res.partner.write)."""
        self.env.cr.execute("""
            SELECT country.code, partner.lang
            FROM res_company company
            JOIN res_partner partner ON partner.id = company.partner_id
            LEFT JOIN res_country country ON country.id = partner.country_id
            WHERE company.id = coalesce(%s, (SELECT company_id FROM res_users WHERE id = %s))
        """, [company_id, self.env.uid])
        code, lang = self.env.cr.fetchone() or (None, None)
        return code or DEFAULT_REGION, lang or "en_US"

    def _sipgate_public_keys(self):
        """The PEM keys accepted for this company's sipgate webhooks."""
        self.ensure_one()
        return [self.sipgate_public_key or shipped_sipgate_key()]
