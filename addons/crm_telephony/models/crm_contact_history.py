# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CALL_SOURCE = 10


class CrmContactHistory(models.Model):
    """Calls in the contact history: who called whom, and the notes taken on the note pad."""

    _inherit = "crm.contact.history"

    kind = fields.Selection(selection_add=[("call", "Call")])

    @api.model
    def _history_sources(self):
        sources = super()._history_sources()
        sources[CALL_SOURCE] = self._source_phonecalls()
        return sources

    @api.model
    def _source_phonecalls(self):
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   src.commercial_partner_id AS partner_id, src.partner_id AS contact_id,
                   src.date_start AS date, 'call'::varchar AS kind,
                   src.name::varchar AS name, %s AS body, src.user_id AS user_id,
                   'crm.phonecall'::varchar AS res_model, src.id AS res_id,
                   NULL::numeric AS amount, NULL::integer AS currency_id, src.state::varchar AS state,
                   NULL::date AS date_deadline, src.company_id AS company_id
            FROM crm_phonecall src
            WHERE src.commercial_partner_id IS NOT NULL
        """ % self._preview("src.notes")
