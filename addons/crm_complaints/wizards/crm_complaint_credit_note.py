# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit note wizard: a draft credit note for chosen invoice lines and quantities."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class CrmComplaintCreditNote(models.TransientModel):
    """Remedy as an ERP document: a draft credit note for chosen lines and quantities of the invoice."""

    _name = "crm.complaint.credit.note"
    _description = "Credit Note from a Complaint"

    complaint_id = fields.Many2one("crm.complaint", "Complaint", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="complaint_id.commercial_partner_id", readonly=True)
    invoice_id = fields.Many2one("account.invoice", "Invoice", required=True,
                                 domain="[('type', '=', 'out_invoice'), ('state', 'in', ('open', 'paid')),"
                                        " ('commercial_partner_id', '=', partner_id)]")
    reason = fields.Char(help="Shown on the credit note; the complaint reference when empty.")
    line_ids = fields.One2many("crm.complaint.credit.note.line", "wizard_id", "Lines")

    @api.model
    def default_get(self, field_names):
        values = super().default_get(field_names)
        complaint = self.env["crm.complaint"].browse(values.get("complaint_id"))
        if complaint.invoice_id and "invoice_id" in field_names:
            values["invoice_id"] = complaint.invoice_id.id
            values["line_ids"] = self._line_commands(complaint.invoice_id, complaint.product_id)
        return values

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        self.line_ids = self._line_commands(self.invoice_id, self.complaint_id.product_id)

    @api.model
    def _line_commands(self, invoice, product):
        """One line per invoice line; one unit of the complaint's product proposed."""
        return [(5, 0, 0)] + [(0, 0, {
            "invoice_line_id": line.id,
            "quantity": 1.0 if product and line.product_id == product else 0.0,
        }) for line in invoice.invoice_line_ids]

    @api.multi
    def action_create_credit_note(self):
        """Check the request against the invoice, then create the draft credit note linked to the complaint."""
        self.ensure_one()
        complaint, invoice = self.complaint_id, self.invoice_id
        self._check_request()
        invoice = invoice.sudo()
        values = invoice._prepare_refund(invoice, description=self.reason or "%s %s" % (
            complaint.name, complaint.subject))
        values.update({
            "tax_line_ids": [],
            "complaint_id": complaint.id,
            "invoice_line_ids": [],
            "comment": _("Credit note for complaint %s.") % complaint.name,
        })
        for line in self.line_ids.filtered(lambda wizard_line: wizard_line.quantity > 0):
            line_values = invoice._refund_cleanup_lines(line.invoice_line_id.sudo())[0][2]
            line_values.update({"quantity": line.quantity, "complaint_origin_line_id": line.invoice_line_id.id})
            values["invoice_line_ids"].append((0, 0, line_values))
        # complaint handlers prepare the draft; accounting validates it (they need no invoicing rights)
        refund = self.env["account.invoice"].sudo().create(values)
        refund.compute_taxes()
        if not complaint.invoice_id:
            complaint.invoice_id = invoice
        if not complaint.remedy_type:
            complaint.remedy_type = "credit_note"
        complaint.message_post(body=_("Draft credit note for invoice %(invoice)s: %(amount)s %(currency)s.") % {
            "invoice": invoice.number, "amount": refund.amount_total, "currency": refund.currency_id.symbol},
            message_type="comment", subtype="mail.mt_note")
        refund.message_post(body=_("Created from complaint %s.") % complaint.name, message_type="comment",
                            subtype="mail.mt_note", author_id=self.env.user.partner_id.id)
        if not self.env["account.invoice"].check_access_rights("read", raise_exception=False):
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": refund.id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_form").id, "form")],
            "target": "current",
        }

    @api.multi
    def _check_request(self):
        complaint, invoice = self.complaint_id, self.invoice_id
        if not complaint.partner_id:
            raise UserError(_("Assign the customer to complaint %s before creating a credit note.") % complaint.name)
        if invoice.type != "out_invoice" or invoice.state not in ("open", "paid"):
            raise UserError(_("Only validated customer invoices can be credited; %s is not one.") % (
                invoice.number or invoice.display_name))
        if invoice.commercial_partner_id != complaint.commercial_partner_id:
            raise UserError(_("Invoice %(invoice)s belongs to %(owner)s, not to %(customer)s, the customer of "
                              "complaint %(complaint)s.") % {
                "invoice": invoice.number, "owner": invoice.commercial_partner_id.display_name,
                "customer": complaint.commercial_partner_id.display_name, "complaint": complaint.name})
        if not any(line.quantity > 0 for line in self.line_ids):
            raise UserError(_("Enter the quantity to credit on at least one line."))
        for line in self.line_ids:
            if line.invoice_line_id.invoice_id != invoice:
                raise UserError(_("Line \"%(line)s\" is not a line of invoice %(invoice)s.") % {
                    "line": line.invoice_line_id.name, "invoice": invoice.number})
            if line.quantity < 0:
                raise UserError(_("Line \"%s\": the quantity to credit cannot be negative.") % line.name)
            precision = line.invoice_line_id.uom_id.rounding or 0.01
            if float_compare(line.quantity, line.quantity_remaining, precision_rounding=precision) > 0:
                raise UserError(_(
                    "Line \"%(line)s\": %(remaining)s can still be credited, %(requested)s were requested "
                    "(invoiced %(invoiced)s, already credited %(credited)s).") % {
                    "line": line.name, "remaining": line.quantity_remaining, "requested": line.quantity,
                    "invoiced": line.quantity_invoiced, "credited": line.quantity_credited})


class CrmComplaintCreditNoteLine(models.TransientModel):
    _name = "crm.complaint.credit.note.line"
    _description = "Credit Note Line from a Complaint"

    wizard_id = fields.Many2one("crm.complaint.credit.note", required=True, ondelete="cascade")
    invoice_line_id = fields.Many2one("account.invoice.line", "Invoice Line", required=True)
    name = fields.Text(related="invoice_line_id.name", readonly=True)
    product_id = fields.Many2one(related="invoice_line_id.product_id", readonly=True)
    price_unit = fields.Float(related="invoice_line_id.price_unit", readonly=True)
    quantity_invoiced = fields.Float("Invoiced", compute="_compute_quantities")
    quantity_credited = fields.Float("Already Credited", compute="_compute_quantities")
    quantity_remaining = fields.Float("Creditable", compute="_compute_quantities")
    quantity = fields.Float("Quantity to Credit", default=0.0)

    @api.depends("invoice_line_id")
    def _compute_quantities(self):
        """What was invoiced minus what complaint credit notes (not cancelled) already gave back: one query."""
        origin_lines = self.mapped("invoice_line_id")
        credited = {}
        if origin_lines:
            groups = self.env["account.invoice.line"].sudo().read_group(
                [("complaint_origin_line_id", "in", origin_lines.ids), ("invoice_id.state", "!=", "cancel")],
                ["complaint_origin_line_id", "quantity"], ["complaint_origin_line_id"])
            credited = {g["complaint_origin_line_id"][0]: g["quantity"] for g in groups}
        for line in self:
            line.quantity_invoiced = line.invoice_line_id.quantity
            line.quantity_credited = credited.get(line.invoice_line_id.id, 0.0)
            line.quantity_remaining = max(line.quantity_invoiced - line.quantity_credited, 0.0)
