# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The wizard that closes a complaint as a duplicate of another, offered from its similar complaints."""
from odoo import api, fields, models


class CrmComplaintDuplicate(models.TransientModel):
    """Pick the original among the customer's complaints; the similar ones come first."""

    _name = "crm.complaint.duplicate"
    _description = "Close a Complaint as Duplicate"

    complaint_id = fields.Many2one("crm.complaint", "Duplicate", required=True, readonly=True,
                                   ondelete="cascade")
    commercial_partner_id = fields.Many2one(related="complaint_id.commercial_partner_id", readonly=True)
    similar_ids = fields.Many2many("crm.complaint", compute="_compute_similar_ids", string="Similar Complaints")
    original_id = fields.Many2one("crm.complaint", "Original", required=True, ondelete="cascade",
                                  domain="[('commercial_partner_id', '=', commercial_partner_id), "
                                         "('id', '!=', complaint_id), ('duplicate_of_id', '=', False)]")

    @api.depends("complaint_id")
    def _compute_similar_ids(self):
        for wizard in self:
            wizard.similar_ids = wizard.complaint_id.similar_ids.filtered(
                lambda c: c.commercial_partner_id == wizard.complaint_id.commercial_partner_id)

    @api.onchange("complaint_id")
    def _onchange_complaint_id(self):
        if not self.original_id and self.similar_ids:
            self.original_id = self.similar_ids[0]

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_mark_duplicate_of(self.original_id.id)
        return {"type": "ir.actions.act_window_close"}
