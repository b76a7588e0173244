# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tickets opened twice: "Duplicate of …" and the duplicates of an original."""
from odoo import api, fields, models


class CrmTicket(models.Model):
    """A duplicate is cancelled with its open steps and links to its original; the original lists its
    duplicates."""

    _name = "crm.ticket"
    _inherit = ["crm.ticket", "crm.duplicate.mixin"]

    duplicate_of_id = fields.Many2one("crm.ticket", "Duplicate of", readonly=True, copy=False, index=True,
                                      track_visibility="onchange")
    duplicate_ids = fields.One2many("crm.ticket", "duplicate_of_id", "Duplicates", readonly=True)

    @api.multi
    def action_mark_duplicate_of(self, original_id):
        """The duplicate's open steps are cancelled too: nobody works on them nor escalates them."""
        result = super().action_mark_duplicate_of(original_id)
        self.mapped("step_ids").filtered(lambda step: step.state not in ("done", "cancelled")).action_cancel()
        return result

    @api.multi
    def action_open_duplicate_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "crm.ticket.duplicate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _duplicate_stage(self):
        return self.env.ref("crm_ticketing.crm_ticket_stage_cancelled", raise_if_not_found=False) or \
            self.env["crm.ticket.stage"].search([("is_closed", "=", True)], limit=1)
