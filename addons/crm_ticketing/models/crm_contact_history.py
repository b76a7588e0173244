# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

TICKET_SOURCE = 30


class CrmContactHistory(models.Model):
    """Service tickets in the contact history (kind "ticket"); their step changes are messages on the
    ticket and appear through the messages source."""

    _inherit = "crm.contact.history"

    kind = fields.Selection(selection_add=[("ticket", "Service ticket")])

    @api.model
    def _history_sources(self):
        sources = super()._history_sources()
        sources[TICKET_SOURCE] = self._source_tickets()
        return sources

    @api.model
    def _source_tickets(self):
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   src.commercial_partner_id AS partner_id, coalesce(src.contact_id, src.partner_id) AS contact_id,
                   src.create_date AS date, 'ticket'::varchar AS kind,
                   (src.name || coalesce(' ' || src.title, ''))::varchar AS name, %s AS body,
                   src.user_id AS user_id, 'crm.ticket'::varchar AS res_model, src.id AS res_id,
                   src.planned_cost::numeric AS amount, company.currency_id AS currency_id,
                   stage.name::varchar AS state, src.date_deadline::date AS date_deadline,
                   src.company_id AS company_id
            FROM crm_ticket src
            JOIN res_company company ON company.id = src.company_id
            LEFT JOIN crm_ticket_stage stage ON stage.id = src.stage_id
            WHERE src.commercial_partner_id IS NOT NULL
        """ % self._preview("src.description")
