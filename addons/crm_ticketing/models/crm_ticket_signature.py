# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's signature under the service report: who signed and when, the signed PDF, sending it."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

SERVICE_REPORT = "crm_ticketing.crm_ticket_report_service"
SERVICE_REPORT_TEMPLATE = "crm_ticketing.mail_template_crm_ticket_service_report"


class CrmTicket(models.Model):
    """The customer signs the service report on site; the signed report is kept on the ticket and sent."""

    _inherit = "crm.ticket"

    signature = fields.Binary("Customer Signature", attachment=True, copy=False, readonly=True)
    signed_by = fields.Char("Signed by", copy=False, readonly=True, track_visibility="onchange")
    signed_on = fields.Datetime("Signed on", copy=False, readonly=True, track_visibility="onchange")

    @api.multi
    def action_sign_report(self):
        """The pad where the customer signs the service report (on the technician's tablet)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customer Signs"),
            "res_model": "crm.ticket.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    @api.multi
    def action_send_report(self):
        """The e-mail composer with the service report attached, as "Send by Email" on invoices."""
        self.ensure_one()
        template = self.env.ref(SERVICE_REPORT_TEMPLATE)
        return {
            "type": "ir.actions.act_window",
            "name": _("Send Service Report"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(self.env.ref("mail.email_compose_message_wizard_form").id, "form")],
            "target": "new",
            "context": {
                "default_model": "crm.ticket",
                "default_res_id": self.id,
                "default_use_template": True,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    def _sign_report(self, signer, signature):
        """Keep the customer's signature, then attach the signed report and say so in the chatter."""
        self.ensure_one()
        if not (signer or "").strip() or not signature:
            raise UserError(_("The service report needs the signer's name and a signature."))
        self.write({"signed_by": signer.strip(), "signature": signature, "signed_on": fields.Datetime.now()})
        attachment = self._signed_report_attachment()
        self.message_post(body=_("Service report signed by %s.") % html_escape(self.signed_by),
                          message_type="comment", subtype="mail.mt_note", attachment_ids=attachment.ids)
        return attachment

    def _signed_report_attachment(self):
        """The signed service report as a PDF attached to the ticket (made once, then kept as it was signed)."""
        self.ensure_one()
        report = self.env.ref(SERVICE_REPORT)
        report.render_qweb_pdf(self.ids)
        return report.retrieve_attachment(self) or self.env["ir.attachment"]
