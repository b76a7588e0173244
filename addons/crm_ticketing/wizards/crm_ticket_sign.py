# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The signature pad the customer signs the service report on."""
from odoo import api, fields, models


class CrmTicketSign(models.TransientModel):
    """The customer reads the work done, types their name and signs with the finger or the mouse."""

    _name = "crm.ticket.sign"
    _description = "Customer Signs the Service Report"

    ticket_id = fields.Many2one("crm.ticket", "Ticket", required=True, ondelete="cascade")
    step_ids = fields.One2many("crm.ticket.step", related="ticket_id.step_ids", readonly=True)
    actual_hours = fields.Float(related="ticket_id.actual_hours", readonly=True)
    signer_name = fields.Char("Name of the Signer", required=True, default=lambda self: self._default_signer_name())
    signature = fields.Binary("Signature", required=True)

    def _default_signer_name(self):
        ticket = self.env["crm.ticket"].browse(self.env.context.get("default_ticket_id"))
        return (ticket.contact_id or ticket.partner_id).filtered(lambda p: not p.is_company).name or False

    @api.multi
    def action_sign(self):
        self.ensure_one()
        self.ticket_id._sign_report(self.signer_name, self.signature)
        return {"type": "ir.actions.act_window_close"}
