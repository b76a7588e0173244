# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MailActivity(models.Model):
    """Activities remember the customer of their document, like messages (see mail_message.py)."""

    _inherit = "mail.activity"

    history_partner_id = fields.Many2one("res.partner", "History Customer", readonly=True, index=True,
                                         ondelete="set null")
    history_contact_id = fields.Many2one("res.partner", "History Contact", readonly=True, ondelete="set null")

    @api.model
    def create(self, values):
        activity = super().create(values)
        found = self.env["crm.contact.history"]._resolve_partners(activity.res_model, [activity.res_id])
        if activity.res_id in found:
            partner_id, contact_id = found[activity.res_id]
            activity.sudo().write({"history_partner_id": partner_id, "history_contact_id": contact_id})
        return activity
