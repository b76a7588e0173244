# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Telephony settings of a company: its telephone systems' secrets, the region and language of its calls."""
from collections import namedtuple
from functools import lru_cache

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.modules.module import get_module_resource

from .crm_telephony_secret import SECRET_FIELDS
from .phone_number import DEFAULT_REGION

DEFAULT_SIPGATE_API_URL = "https://api.sipgate.com"
# The region reads national numbers (E.164 country code, e.g. DE); the language names the calls.
TelephonyLocale = namedtuple("TelephonyLocale", "region lang")
# One company's secret (key, shared secret or API key) that authenticates its webhooks.
WebhookSecret = namedtuple("WebhookSecret", "company_id secret")
WEBHOOK_USER = "crm_telephony.user_telephony_webhook"
WEBHOOK_GROUP = "crm_telephony.group_crm_telephony_webhook"
SECRET_QUERIES = {  # fixed statements per secret field; companies without a value have nothing to check
    "sipgate_public_key": "SELECT id, sipgate_public_key FROM res_company ORDER BY id",
    "placetel_secret": "SELECT company_id, placetel_secret FROM crm_telephony_secret "
                       "WHERE coalesce(placetel_secret, '') != '' ORDER BY company_id",
    "telephony_api_key": "SELECT company_id, api_key_digest FROM crm_telephony_secret "
                         "WHERE coalesce(api_key_digest, '') != '' ORDER BY company_id",
}
WRITE_ONLY = "Write-only: kept where only administrators reach it (crm.telephony.secret), it reads as empty."


@lru_cache(maxsize=1)
def shipped_sipgate_key():
    """The public key sipgate publishes for X-Sipgate-Signature, shipped in data/."""
    with open(get_module_resource("crm_telephony", "data", "sipgate_webhook_public_key.pem")) as key_file:
        return key_file.read()


class ResCompany(models.Model):
    """Telephony settings per company. The secrets are taken here (write-only) and kept in
    crm.telephony.secret, which only administrators reach; they read as empty and cannot be searched."""

    _inherit = "res.company"

    sipgate_public_key = fields.Text(
        "sipgate Webhook Key", help="PEM public key that signs sipgate's webhooks (X-Sipgate-Signature). "
                                    "The key sipgate publishes is installed; replace it when sipgate rotates it.")
    sipgate_api_url = fields.Char("sipgate API URL", default=DEFAULT_SIPGATE_API_URL)
    sipgate_token_id = fields.Char("sipgate Token ID", groups="base.group_system", copy=False, help=WRITE_ONLY,
                                   compute="_compute_telephony_secrets", search="_search_telephony_secrets")
    sipgate_token = fields.Char("sipgate Token", groups="base.group_system", copy=False, help=WRITE_ONLY,
                                compute="_compute_telephony_secrets", search="_search_telephony_secrets")
    placetel_secret = fields.Char("Placetel Webhook Secret", groups="base.group_system", copy=False,
                                  help=WRITE_ONLY, compute="_compute_telephony_secrets",
                                  search="_search_telephony_secrets")
    telephony_api_key = fields.Char("Telephony API Key", groups="base.group_system", copy=False,
                                    help="Key of the 3CX integration and of PBX scripts (header X-Api-Key). "
                                         "Only its SHA-256 is kept. " + WRITE_ONLY,
                                    compute="_compute_telephony_secrets", search="_search_telephony_secrets")
    telephony_fallback_group_id = fields.Many2one(
        "res.groups", "Calls Without Agent Go To",
        help="Members of this group get the pop-up of calls that no agent mapping matches.")

    def _compute_telephony_secrets(self):
        """The secrets are never read back: every road (read, export, onchange, templates) gets nothing."""
        for company in self:
            for name in SECRET_FIELDS:
                company[name] = False

    def _search_telephony_secrets(self, operator, value):
        """No search on a secret: a domain on it would be an oracle, character by character."""
        raise UserError(_("Telephony secrets cannot be searched."))

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Grouping by a secret is refused with a message (Odoo's own answer is a logged assertion)."""
        names = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if any(name.split(":")[0] in SECRET_FIELDS for name in names):
            raise UserError(_("Telephony secrets cannot be grouped by."))
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def create(self, values):
        """A new company gets the shipped key and a technical user of its own for its webhooks."""
        values = dict(values)
        secrets = self._telephony_pop_secrets(values)
        values.setdefault("sipgate_public_key", shipped_sipgate_key())
        company = super().create(values)
        if secrets:
            self.env["crm.telephony.secret"]._store(company, secrets)
        company._telephony_create_webhook_user()
        if not company.telephony_fallback_group_id:
            company.telephony_fallback_group_id = self.env.ref("crm_telephony.group_crm_telephony_user")
        return company

    @api.multi
    def write(self, values):
        """Secrets go to crm.telephony.secret (its access rights decide who may set them)."""
        values = dict(values)
        secrets = self._telephony_pop_secrets(values)
        result = super().write(values)
        if secrets:
            for company in self:
                self.env["crm.telephony.secret"]._store(company, secrets)
        return result

    @api.model
    def _telephony_install_defaults(self):
        """At install: the shipped sipgate key, the agents' group as fallback and a technical webhook user,
        for every company."""
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
            company._telephony_create_webhook_user()

    @tools.ormcache("self.env.uid", "self.id")
    def _telephony_locale(self):
        """TelephonyLocale(region, lang) of this company, of the current user's company when called on no
        company: the region (the country, DE when the address has none) reads national numbers. Cached: a
        company's country_id is computed from its partner's whole address, too slow for every call.
        Writing a company or switching a user's company clears Odoo's caches; so does changing a company
        partner's country or language (res.partner.write)."""
        self.env.cr.execute("""
            SELECT country.code, partner.lang
            FROM res_company company
            JOIN res_partner partner ON partner.id = company.partner_id
            LEFT JOIN res_country country ON country.id = partner.country_id
            WHERE company.id = coalesce(%s, (SELECT company_id FROM res_users WHERE id = %s))
        """, [self.id or None, self.env.uid])
        code, lang = self.env.cr.fetchone() or (None, None)
        return TelephonyLocale(code or DEFAULT_REGION, lang or "en_US")

    @api.model
    @tools.ormcache("field")
    def _telephony_webhook_secrets(self, field):
        """(WebhookSecret(company_id, secret), ...) of every company with a secret in `field`
        (sipgate_public_key, placetel_secret or telephony_api_key: the key's SHA-256), by company id;
        sipgate's published key (shipped) stands in for a company without a key of its own. One SQL query:
        the webhook user has no access to crm.telephony.secret.

        Cached (every event of a telephone system asks), and cleared as Odoo clears its caches, in every
        worker: by any write of a company (res.company clears them) and of crm.telephony.secret."""
        self.env.cr.execute(SECRET_QUERIES[field])
        default = shipped_sipgate_key() if field == "sipgate_public_key" else None
        return tuple(WebhookSecret(company_id, secret or default) for company_id, secret in self.env.cr.fetchall()
                     if secret or default)

    @staticmethod
    def _telephony_pop_secrets(values):
        """The secrets among `values`, taken out of them."""
        return {name: values.pop(name) for name in SECRET_FIELDS if name in values}

    @tools.ormcache("self.id")
    def _telephony_webhook_uid(self):
        """The id of the technical user that applies this company's webhook events: a user of this company
        only, as Odoo's multi-company rules show a user the records of its current company (the shipped
        user serves the company it belongs to). Cached: the webhooks ask on every request."""
        return (self._telephony_webhook_user_ids() or [self.env.ref(WEBHOOK_USER).id])[0]

    def _telephony_webhook_user_ids(self):
        self.ensure_one()
        self.env.cr.execute("""
            SELECT u.id FROM res_users u JOIN res_groups_users_rel rel ON rel.uid = u.id AND rel.gid = %s
            WHERE u.company_id = %s ORDER BY u.id
        """, [self.env.ref(WEBHOOK_GROUP).id, self.id])
        return [row[0] for row in self.env.cr.fetchall()]

    def _telephony_create_webhook_user(self):
        """This company's technical webhook user, like the shipped one (no login, no password), unless it
        has one."""
        self.ensure_one()
        template = self.env.ref(WEBHOOK_USER, raise_if_not_found=False)
        if not template or self._telephony_webhook_user_ids():
            return
        template = template.sudo()
        self.env["res.users"].sudo().with_context(no_reset_password=True).create({
            "name": "%s (%s)" % (template.name, self.name),
            "login": "%s_%d" % (template.login, self.id),
            "active": False,
            "email": template.email,
            "company_id": self.id,
            "company_ids": [(6, 0, self.ids)],
            "groups_id": [(6, 0, template.groups_id.ids)],
        })
        self.clear_caches()  # _telephony_webhook_uid
