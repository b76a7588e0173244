# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


HISTORY_TYPES = ("email", "comment")  # system notifications and tracking stay out of the history


class MailMessage(models.Model):
    """Each message remembers the customer of the document it was posted on, so the contact
    history finds a customer's messages through one index instead of joining every document table."""

    _inherit = "mail.message"

    history_partner_id = fields.Many2one("res.partner", "History Customer", readonly=True, ondelete="set null")
    history_contact_id = fields.Many2one("res.partner", "History Contact", readonly=True, ondelete="set null")

    @api.model_cr
    def init(self):
        # the history's order (date desc, source_id desc) straight from the index
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS mail_message_history_partner_idx
                ON mail_message (history_partner_id, date DESC, id DESC) WHERE history_partner_id IS NOT NULL
        """)

    @api.model
    def create(self, values):
        if (values.get("model") and values.get("res_id") and "history_partner_id" not in values
                and values.get("message_type", "email") in HISTORY_TYPES):
            found = self.env["crm.contact.history"]._resolve_partners(values["model"], [values["res_id"]])
            if values["res_id"] in found:
                values["history_partner_id"], values["history_contact_id"] = found[values["res_id"]]
        return super().create(values)
