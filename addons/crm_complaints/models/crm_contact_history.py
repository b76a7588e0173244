# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Complaints in the contact history."""
from odoo import api, fields, models

COMPLAINT_SOURCE = 20


class CrmContactHistory(models.Model):
    _inherit = "crm.contact.history"

    kind = fields.Selection(selection_add=[("complaint", "Complaint")])

    @api.model
    def _history_sources(self):
        sources = super()._history_sources()
        sources["complaint"] = self._source_complaints()
        return sources

    @api.model
    def _source_complaints(self):
        """Complaints of the customer, dated when they were reported, open until a closing stage."""
        return self._history_source(
            COMPLAINT_SOURCE, "crm_complaint src WHERE src.partner_id IS NOT NULL",
            partner_id="src.commercial_partner_id", contact_id="src.partner_id", date="src.create_date",
            kind="'complaint'", name="src.name || ' ' || coalesce(src.subject, '')",
            body=self._preview("src.description"), user_id="src.user_id", res_model="'crm.complaint'",
            res_id="src.id", state="CASE WHEN src.is_closed THEN 'closed' ELSE 'open' END",
            date_deadline="src.date_deadline", company_id="src.company_id")
