# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service tickets in the contact history."""
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
        sources["ticket"] = self._source_tickets()
        return sources

    @api.model
    def _source_tickets(self):
        return self._history_source(
            TICKET_SOURCE, """crm_ticket src
                              JOIN res_company company ON company.id = src.company_id
                              LEFT JOIN crm_ticket_stage stage ON stage.id = src.stage_id
                              WHERE src.commercial_partner_id IS NOT NULL""",
            partner_id="src.commercial_partner_id", contact_id="coalesce(src.contact_id, src.partner_id)",
            date="src.create_date", kind="'ticket'", name="src.name || coalesce(' ' || src.title, '')",
            body=self._preview("src.description"), user_id="src.user_id", res_model="'crm.ticket'",
            res_id="src.id", amount="src.planned_cost", currency_id="company.currency_id", state="stage.name",
            date_deadline="src.date_deadline::date", company_id="src.company_id")
