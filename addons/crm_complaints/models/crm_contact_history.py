# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

COMPLAINT_SOURCE = 20


class CrmContactHistory(models.Model):
    _inherit = "crm.contact.history"

    kind = fields.Selection(selection_add=[("complaint", "Complaint")])

    @api.model
    def _history_sources(self):
        sources = super()._history_sources()
        sources[COMPLAINT_SOURCE] = self._source_complaints()
        return sources

    @api.model
    def _source_complaints(self):
        """Complaints of the customer, dated when they were reported, open until a closing stage."""
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   src.commercial_partner_id AS partner_id, src.partner_id AS contact_id,
                   src.create_date AS date, 'complaint'::varchar AS kind,
                   (src.name || ' ' || coalesce(src.subject, ''))::varchar AS name,
                   %s AS body, src.user_id AS user_id,
                   'crm.complaint'::varchar AS res_model, src.id AS res_id,
                   NULL::numeric AS amount, NULL::integer AS currency_id,
                   CASE WHEN src.is_closed THEN 'closed' ELSE 'open' END::varchar AS state,
                   src.date_deadline AS date_deadline, src.company_id AS company_id
            FROM crm_complaint src
            WHERE src.partner_id IS NOT NULL
        """ % self._preview("src.description")
