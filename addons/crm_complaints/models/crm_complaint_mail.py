# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mail gateway of complaints: an e-mail to the alias becomes a complaint, replies thread into it."""
import re

from odoo import _, api, models, tools


class CrmComplaint(models.Model):
    """Complaints by e-mail: the sender is matched to a customer; the customer is the suggested recipient."""

    _inherit = "crm.complaint"

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint from an e-mail: the sender is matched to a customer by address; unknown senders
        stay without customer (with their address) for triage."""
        values = dict(custom_values or {}, name="/")  # the reference comes from the sequence
        email_from = msg_dict.get("email_from") or ""
        partner_ids = self._find_partner_from_emails([email_from], res_model=self._name, check_followers=False) \
            if email_from else []
        partner = self.env["res.partner"].browse(partner_ids[0] if partner_ids and partner_ids[0] else [])
        values.setdefault("subject", msg_dict.get("subject") or _("(no subject)"))
        values.setdefault("description", self._plain_text_from_html(msg_dict.get("body") or ""))
        values.setdefault("email_from", email_from)
        values.setdefault("channel", "email")
        if partner:
            values.setdefault("partner_id", partner.id)
        if "user_id" not in values:
            values["user_id"] = False  # to be triaged, not owned by whoever runs the mail gateway
        return super(CrmComplaint, self.with_context(mail_create_nolog=True)).message_new(msg_dict, values)

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for complaint in self:
            if complaint.partner_id:
                complaint._message_add_suggested_recipient(recipients, partner=complaint.partner_id,
                                                           reason=_("Customer"))
            elif complaint.email_from:
                complaint._message_add_suggested_recipient(recipients, email=complaint.email_from,
                                                           reason=_("Customer E-mail"))
        return recipients

    @api.model
    def _plain_text_from_html(self, html):
        """Readable text of an e-mail body: paragraphs kept, no markup (not even html2plaintext's *bold*)."""
        text = tools.html2plaintext(html or "")
        text = re.sub(r"\*([^*\n]+)\*", r"\1", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()
