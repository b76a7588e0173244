# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contacts by phone number: E.164 columns, the caller lookup, click-to-dial and the calls counter."""
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from .phone_number import (DEFAULT_REGION, caller_keys, create_lookup_indexes, normalize_partner_numbers,
                           partner_number_values, provider_to_e164)

# The lookup's ranks: the match name and what the pop-up and the call may do with it.
MATCH_EXACT, MATCH_SWITCHBOARD, MATCH_UNCERTAIN = 1, 2, 3
MATCH_NAMES = {MATCH_EXACT: "exact", MATCH_SWITCHBOARD: "switchboard", MATCH_UNCERTAIN: "uncertain"}
LINKABLE = ("exact", "switchboard")  # an uncertain match is only ever offered to the agent, never linked
LOOKUP_LIMIT = 50
# One index probe per way of matching (an OR of conditions the planner may misjudge into a parallel scan),
# the best score per partner (rank * 100; a longer switchboard number scores better), then access rules and
# the commercial partner.
LOOKUP_SQL = """
    WITH found AS (
        SELECT id, 100 AS score, 'phone' AS field FROM res_partner WHERE phone_e164 = %(n)s
        UNION ALL SELECT id, 100, 'mobile' FROM res_partner WHERE mobile_e164 = %(n)s
        UNION ALL SELECT id, 240 - length(phone_switchboard), 'phone' FROM res_partner
        WHERE phone_switchboard = ANY(%(switchboards)s)
        UNION ALL SELECT id, 300, 'phone' FROM res_partner WHERE phone_partial = ANY(%(partials)s)
        UNION ALL SELECT id, 300, 'mobile' FROM res_partner WHERE mobile_partial = ANY(%(partials)s)
    ), best AS (
        SELECT DISTINCT ON (id) id, score, field FROM found ORDER BY id, score
    )
    SELECT res_partner.id, res_partner.name, res_partner.display_name, res_partner.is_company,
           res_partner.phone, res_partner.mobile, res_partner.email, res_partner.commercial_partner_id,
           cp.name, cp.payment_grade, cp.user_id, best.score, best.field
    FROM best, {from_clause}, LATERAL (
        SELECT name, payment_grade, user_id FROM res_partner c WHERE c.id = res_partner.commercial_partner_id
    ) cp
    WHERE res_partner.id = best.id {where}
    ORDER BY best.score, res_partner.is_company, res_partner.id
    LIMIT %(limit)s
"""


class ResPartner(models.Model):
    """Phone numbers in E.164 for caller recognition, the lookup by number and click-to-dial."""

    _inherit = "res.partner"

    phone_e164 = fields.Char("Phone (E.164)", compute="_compute_phone_e164", store=True, index=True,
                             help="The phone number in international format, used to recognise callers.")
    mobile_e164 = fields.Char("Mobile (E.164)", compute="_compute_phone_e164", store=True, index=True)
    # indexed by create_lookup_indexes (partial indexes: most partners have none of these)
    phone_switchboard = fields.Char(
        "Switchboard (E.164)", compute="_compute_phone_e164", store=True,
        help="A company's number without the switchboard's -0: callers whose number begins with it are "
             "recognised as the company.")
    phone_partial = fields.Char(
        "Incomplete Phone", compute="_compute_phone_e164", store=True,
        help="A phone number stored without area code: callers may only be shown as possibly this contact.")
    mobile_partial = fields.Char("Incomplete Mobile", compute="_compute_phone_e164", store=True)
    call_count = fields.Integer("Calls", compute="_compute_call_count")

    @api.depends("phone", "mobile", "country_id", "company_id", "is_company")
    def _compute_phone_e164(self):
        """The numbers as the lookup compares them (phone_number.stored_number). The company's country
        counts where the partner has none; when a company's country changes, its partners are normalised
        again in one batched job (_renormalize_company_partners), not one by one through the ORM: a
        company may have a million partners."""
        for partner in self:
            (partner.phone_e164, partner.mobile_e164, partner.phone_switchboard, partner.phone_partial,
             partner.mobile_partial) = partner_number_values(partner.phone, partner.mobile,
                                                             partner._phone_region(), partner.is_company)

    def _compute_call_count(self):
        """The calls of each partner's customer the user may read (0 without access to the call log)."""
        counts = self._crm_count_by_customer("crm.telephony.call")
        for partner in self:
            partner.call_count = counts.get(partner.commercial_partner_id.id or partner.id, 0)

    @api.model
    def create(self, values):
        """A contact created from the pop-up of an unknown caller (or of a caller from a company's
        switchboard, as a person of it) becomes the caller of that call; the pop-up switches to it."""
        partner = super().create(values)
        call_id = self.env.context.get("crm_telephony_call_id")
        if call_id:
            call = self.env["crm.telephony.call"].browse(call_id).exists()
            if call and (not call.partner_id or call.partner_id == partner.parent_id):
                call.write({"partner_id": partner.id, "match_count": 1})
                self.env["crm.telephony.screen.pop"]._notify_agents(call, "update")  # the pop-up shows them
        return partner

    @api.multi
    def write(self, values):
        result = super().write(values)
        if {"country_id", "lang"} & set(values):
            companies = self.env["res.company"].sudo().search([("partner_id", "in", self.ids)])
            if companies:
                self.env["res.company"].clear_caches()  # their telephony locale is cached
                if "country_id" in values:
                    self._renormalize_company_partners(companies.ids)
        return result

    @api.model
    def _renormalize_company_partners(self, company_ids):
        """The numbers of the companies' partners without a country of their own, read again in the
        companies' (new) country: one batched SQL job."""
        normalize_partner_numbers(self.env.cr, company_ids=company_ids)
        self.invalidate_cache(["phone_e164", "mobile_e164", "phone_switchboard", "phone_partial", "mobile_partial"])

    @api.model_cr
    def init(self):
        res = super().init()
        create_lookup_indexes(self.env.cr)
        return res

    @api.model
    def phone_lookup(self, number, limit=LOOKUP_LIMIT):
        """Every partner whose number matches `number`, best first (callable over XML-RPC).

        By the number's structure, never by its last digits: 1 `exact` E.164 on phone or mobile; 2
        `switchboard`: the caller dials a direct dial of a company number we know (the longest first; its
        base number finds the company too); 3 `uncertain`: a number stored without area code has the
        caller's digits. Nothing across country or area codes; a number valid in no country finds nobody.
        One indexed query; access rules applied in SQL."""
        e164 = self._phone_to_e164(number)
        if not e164:
            return []
        return self._phone_lookup_e164(e164, limit)

    @api.model
    def _phone_lookup_e164(self, e164, limit=LOOKUP_LIMIT):
        keys = caller_keys(e164)
        if not keys:
            return []
        statement, rule_params = self._phone_lookup_statement()
        self.env.cr.execute(statement, dict(rule_params, n=keys.e164, switchboards=keys.switchboards,
                                            partials=keys.partials, limit=limit))
        return [{  # False rather than None: the result travels over XML-RPC
            "id": row[0], "name": row[1] or False, "display_name": row[2] or False, "is_company": bool(row[3]),
            "phone": row[4] or False, "mobile": row[5] or False, "email": row[6] or False,
            "commercial_partner_id": row[7] or False, "commercial_partner_name": row[8] or False,
            "payment_grade": row[9] or False, "user_id": row[10] or False, "match": MATCH_NAMES[row[11] // 100],
            "score": row[11], "field": row[12], "number_e164": e164,
        } for row in self.env.cr.fetchall()]

    @api.model
    @tools.ormcache("self.env.uid", "self.env.context.get('active_test', True)")
    def _phone_lookup_statement(self):
        """(SQL, access-rule parameters) of the lookup (LOOKUP_SQL) as the current user.

        Cached like ir.rule's own domains, per user, and cleared with them (Odoo clears its caches when
        rules, groups, companies or a user's company change): turning the rules into SQL took as long as
        running the query."""
        query = self._where_calc([])
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, where_params = query.get_sql()
        parts = where_clause.split("%s")  # the rules' positional parameters become named ones
        where = parts[0] + "".join("%%(w%d)s%s" % (index, part) for index, part in enumerate(parts[1:]))
        statement = LOOKUP_SQL.format(from_clause=from_clause,
                                      where=("AND " + where) if where else "")
        return statement, tuple(("w%d" % index, value) for index, value in enumerate(where_params))

    @api.model
    def _phone_to_e164(self, number, region=None):
        """E.164 of a number typed by a user or sent by a telephone system, in the company's country."""
        if not number:
            return None
        return provider_to_e164(str(number), region or self._default_phone_region())

    @api.model
    def _default_phone_region(self):
        return self.env["res.company"]._telephony_locale().region

    def _phone_region(self):
        return self.country_id.code or self.company_id.country_id.code or DEFAULT_REGION

    @api.multi
    def action_dial(self):
        """Click-to-dial the phone (context key `dial_field`: phone or mobile) through the company's PBX."""
        self.ensure_one()
        field = self.env.context.get("dial_field") or "phone"
        number = self[field] if field in ("phone", "mobile") else False
        if not number:
            raise UserError(_("%s has no number to call.") % self.display_name)
        call = self.env["crm.telephony.dial"].dial(number, partner=self)
        return call.get_formview_action()

    @api.multi
    def action_open_calls(self):
        return self._crm_customer_action("crm_telephony.crm_telephony_call_action", default_partner=self[:1])

    @api.multi
    def _crm_open_processes(self):
        """Calls still ringing or running are open processes of the customer (one query)."""
        return self._crm_extend_open_processes(
            super()._crm_open_processes(), "crm.telephony.call", [("state", "in", ("ringing", "answered"))],
            ["name", "state"], lambda call: {
                "model": "crm.telephony.call", "id": call["id"], "name": call["name"], "state": call["state"],
                "deadline": False, "amount": False, "kind": "call",
            }, limit=20)
