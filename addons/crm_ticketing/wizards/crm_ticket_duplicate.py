# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The wizard that closes a ticket as a duplicate of another ticket of the same customer."""
from odoo import api, fields, models


class CrmTicketDuplicate(models.TransientModel):
    """Pick the original among the customer's other tickets."""

    _name = "crm.ticket.duplicate"
    _description = "Close a Ticket as Duplicate"

    ticket_id = fields.Many2one("crm.ticket", "Duplicate", required=True, readonly=True, ondelete="cascade")
    commercial_partner_id = fields.Many2one(related="ticket_id.commercial_partner_id", readonly=True)
    original_id = fields.Many2one("crm.ticket", "Original", required=True, ondelete="cascade",
                                  domain="[('commercial_partner_id', '=', commercial_partner_id), "
                                         "('id', '!=', ticket_id), ('duplicate_of_id', '=', False)]")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.ticket_id.action_mark_duplicate_of(self.original_id.id)
        return {"type": "ir.actions.act_window_close"}
