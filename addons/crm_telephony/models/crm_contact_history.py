# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calls in the contact history."""
from odoo import api, fields, models

CALL_SOURCE = 10


class CrmContactHistory(models.Model):
    """Calls in the contact history: who called whom, and the notes taken on the note pad."""

    _inherit = "crm.contact.history"

    kind = fields.Selection(selection_add=[("call", "Call")])

    @api.model
    def _history_sources(self):
        sources = super()._history_sources()
        sources["call"] = self._source_calls()
        return sources

    @api.model
    def _source_calls(self):
        return self._history_source(
            CALL_SOURCE, "crm_phonecall src WHERE src.commercial_partner_id IS NOT NULL",
            partner_id="src.commercial_partner_id", contact_id="src.partner_id", date="src.date_start",
            kind="'call'", name="src.name", body=self._preview("src.notes"), user_id="src.user_id",
            res_model="'crm.phonecall'", res_id="src.id", state="src.state", company_id="src.company_id")
