# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Complaints reported twice: "Duplicate of …" and the duplicates of an original."""
from odoo import api, fields, models


class CrmComplaint(models.Model):
    """A duplicate is closed and links to its original; the original lists its duplicates."""

    _name = "crm.complaint"
    _inherit = ["crm.complaint", "crm.duplicate.mixin"]

    duplicate_of_id = fields.Many2one("crm.complaint", "Duplicate of", readonly=True, copy=False, index=True,
                                      track_visibility="onchange")
    duplicate_ids = fields.One2many("crm.complaint", "duplicate_of_id", "Duplicates", readonly=True)

    @api.multi
    def action_open_duplicate_wizard(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.duplicate", self.name)

    def _duplicate_stage(self):
        return self.env["crm.complaint.stage"].search([("is_closed", "=", True)], limit=1)
