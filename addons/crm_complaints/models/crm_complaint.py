# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The complaint and its workflow: stages, deadlines and escalation, remedies, documents, suggestions."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

SEVERITIES = [("low", "Low"), ("normal", "Normal"), ("high", "High"), ("critical", "Critical")]
CHANNELS = [("phone", "Phone"), ("email", "E-mail"), ("visit", "Visit"), ("letter", "Letter"), ("web", "Web")]
REMEDY_TYPES = [
    ("replacement", "Replacement"),
    ("repair", "Repair"),
    ("credit_note", "Credit note"),
    ("refund", "Refund"),
    ("discount", "Discount"),
    ("explanation", "Explanation"),
    ("none", "None"),
]


class CrmComplaint(models.Model):
    """A customer complaint: what went wrong, why, and the remedy the customer got."""

    _name = "crm.complaint"
    _description = "Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default="/", index=True)
    subject = fields.Char(required=True, track_visibility="onchange")
    description = fields.Text(help="What the customer reports, in their words.")
    # auto_join: the salesperson rule filters on the customers' salesperson with a join, not by first
    # listing every partner of that salesperson (which costs hundreds of ms at a million partners)
    partner_id = fields.Many2one("res.partner", "Customer", index=True, track_visibility="onchange", auto_join=True,
                                 help="Empty for e-mails from unknown senders: assign the customer when triaging.")
    commercial_partner_id = fields.Many2one("res.partner", "Commercial Customer", index=True, store=True,
                                            readonly=True, related="partner_id.commercial_partner_id",
                                            auto_join=True)
    contact_id = fields.Many2one("res.partner", "Contact", help="The person who complained.")
    email_from = fields.Char("E-mail", help="Address the complaint came from.")
    product_id = fields.Many2one("product.product", "Product", index=True, track_visibility="onchange")
    sale_order_id = fields.Many2one("sale.order", "Sales Order")
    invoice_id = fields.Many2one("account.invoice", "Invoice",
                                 domain="[('type', '=', 'out_invoice'), ('state', 'in', ('open', 'paid'))]")
    category_id = fields.Many2one("crm.complaint.category", "Category", index=True)
    channel = fields.Selection(CHANNELS, default="phone")
    severity = fields.Selection(SEVERITIES, default="normal", required=True, track_visibility="onchange")
    stage_id = fields.Many2one("crm.complaint.stage", "Stage", index=True, track_visibility="onchange",
                               default=lambda self: self._default_stage(), copy=False,
                               group_expand="_read_group_stage_ids")
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", index=True, track_visibility="onchange",
                              default=lambda self: self.env.user)
    team_id = fields.Many2one("crm.team", "Responsible Team", index=True, track_visibility="onchange")
    date_deadline = fields.Date("Deadline", index=True, track_visibility="onchange")
    date_closed = fields.Datetime("Closed on", readonly=True, copy=False)
    days_to_close = fields.Float("Days to Close", compute="_compute_days_to_close", store=True,
                                 group_operator="avg")
    is_escalated = fields.Boolean("Escalated", readonly=True, copy=False,
                                  help="The team manager was alerted that the deadline passed.")
    root_cause = fields.Text("Root Cause")
    remedy_type = fields.Selection(REMEDY_TYPES, "Remedy Type", track_visibility="onchange")
    remedy = fields.Text(help="What the customer gets: the promised solution in words.")
    remedy_source_id = fields.Many2one("crm.complaint", "Remedy Taken From", copy=False,
                                       help="Pick one of the similar complaints to copy its remedy.")
    corrective_action = fields.Text("Corrective Action")
    preventive_action = fields.Text("Preventive Action")
    customer_satisfied = fields.Selection([("yes", "Yes"), ("no", "No")], "Customer Satisfied",
                                          track_visibility="onchange")
    company_id = fields.Many2one("res.company", "Company", required=True, index=True,
                                 default=lambda self: self.env["res.company"]._company_default_get("crm.complaint"))
    color = fields.Integer("Color Index")
    credit_note_ids = fields.One2many("account.invoice", "complaint_id", "Credit Notes")
    credit_note_count = fields.Integer(compute="_compute_document_counts")
    replacement_order_ids = fields.One2many("sale.order", "complaint_id", "Replacement Quotations")
    replacement_order_count = fields.Integer(compute="_compute_document_counts")
    suggestion_ids = fields.Many2many("crm.complaint.suggestion", "crm_complaint_suggestion_rel",
                                      "complaint_id", "suggestion_id", "Suggestions", copy=False)
    similar_ids = fields.Many2many("crm.complaint", compute="_compute_similar", string="Similar Complaints")
    similar_html = fields.Html("Similar Known Complaints", compute="_compute_similar", sanitize=False)

    @api.depends("date_closed", "create_date")
    def _compute_days_to_close(self):
        for complaint in self:
            if complaint.date_closed and complaint.create_date:
                delta = (fields.Datetime.from_string(complaint.date_closed)
                         - fields.Datetime.from_string(complaint.create_date))
                complaint.days_to_close = round(delta.total_seconds() / 86400.0, 2)
            else:
                complaint.days_to_close = 0.0

    @api.depends("credit_note_ids", "replacement_order_ids")
    def _compute_document_counts(self):
        for complaint in self:
            complaint.credit_note_count = len(complaint.credit_note_ids)
            complaint.replacement_order_count = len(complaint.replacement_order_ids)

    @api.depends("subject", "description", "product_id")
    def _compute_similar(self):
        """Known complaints like this one, while typing (onchange) and on the saved form; never itself."""
        template = self.env.ref("crm_complaints.crm_complaint_similar_list")
        edited_id = self.env.context.get("crm_complaint_edited_id")  # see onchange()
        for complaint in self:
            text = " ".join(filter(None, [complaint.subject, complaint.description]))
            own_id = complaint.id or edited_id  # in an onchange the form's record is new: its id is empty
            hits = self.find_similar(text, complaint.product_id.id, limit=5, exclude_ids=[own_id] if own_id else [])
            complaint.similar_ids = self.browse([hit["id"] for hit in hits])
            complaint.similar_html = template.render({"hits": hits, "text": text}).decode("utf-8") if text else ""

    @api.constrains("partner_id", "invoice_id")
    def _check_invoice_customer(self):
        for complaint in self:
            if complaint.invoice_id and complaint.partner_id and (
                    complaint.invoice_id.commercial_partner_id != complaint.partner_id.commercial_partner_id):
                raise ValidationError(_("Invoice %(invoice)s belongs to another customer than complaint "
                                        "%(complaint)s.") % {
                    "invoice": complaint.invoice_id.number or complaint.invoice_id.id,
                    "complaint": complaint.name})

    @api.onchange("remedy_source_id")
    def _onchange_remedy_source_id(self):
        if self.remedy_source_id:
            self.remedy_type = self.remedy_source_id.remedy_type
            self.remedy = self.remedy_source_id.remedy

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            if self.partner_id.parent_id and not self.contact_id:
                self.contact_id = self.partner_id
            self.email_from = self.partner_id.email or self.email_from

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        if self.invoice_id and not self.partner_id:
            self.partner_id = self.invoice_id.partner_id

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    @api.model
    def create(self, values):
        if values.get("name", "/") == "/":
            values["name"] = self.env["ir.sequence"].next_by_code("crm.complaint") or "/"
        if values.get("stage_id") and self.env["crm.complaint.stage"].browse(values["stage_id"]).is_closed:
            values.setdefault("date_closed", fields.Datetime.now())
        return super().create(values)

    @api.multi
    def write(self, values):
        if "stage_id" in values:
            closed = self.env["crm.complaint.stage"].browse(values["stage_id"]).is_closed
            values["date_closed"] = fields.Datetime.now() if closed else False
        if "date_deadline" in values:
            values["is_escalated"] = False  # a new deadline may be missed again
        return super().write(values)

    @api.multi
    def onchange(self, values, field_name, field_onchange):
        """The form of a saved complaint asks on its record, but the values are computed on a new one: the
        record's id goes to `_compute_similar` in the context, so a complaint is not similar to itself."""
        edited = self.with_context(crm_complaint_edited_id=self.id) if len(self) == 1 else self
        return super(CrmComplaint, edited).onchange(values, field_name, field_onchange)

    @api.multi
    def action_apply_remedy(self):
        """Copy the remedy of the similar complaint given in the context key `remedy_source_id`."""
        source = self.browse(self.env.context.get("remedy_source_id") or False)
        return self.apply_remedy_from(source.id)

    @api.multi
    def action_create_credit_note(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.credit.note", _("Credit Note for %s") % self.name)

    @api.multi
    def action_create_replacement(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.replacement", _("Replacement for %s") % self.name)

    @api.multi
    def action_forward(self):
        self.ensure_one()
        return self._open_wizard("crm.complaint.forward", _("Forward %s") % self.name)

    @api.multi
    def action_suggest_improvement(self):
        """A suggestion to product management, prefilled from the complaint."""
        self.ensure_one()
        text = "\n\n".join(filter(None, [self.description, self.root_cause and _("Root cause: %s") % self.root_cause]))
        return {
            "type": "ir.actions.act_window",
            "name": _("Suggest Improvement"),
            "res_model": "crm.complaint.suggestion",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_name": self.subject,
                "default_product_id": self.product_id.id,
                "default_description": text,
                "default_complaint_ids": [(6, 0, self.ids)],
            },
        }

    @api.multi
    def action_open_credit_notes(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_out_refund").read()[0]
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id, "type": "out_refund"}
        return action

    @api.multi
    def action_open_replacements(self):
        self.ensure_one()
        action = self.env.ref("sale.action_quotations").read()[0]
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id}
        return action

    @api.multi
    def apply_remedy_from(self, source_id):
        """Give this complaint the remedy type and text of an earlier, similar complaint."""
        source = self.browse(source_id).exists()
        if not source:
            raise UserError(_("The complaint whose remedy should be applied does not exist (any more)."))
        if not source.remedy_type and not source.remedy:
            raise UserError(_("Complaint %s has no remedy to apply.") % source.name)
        self.write({"remedy_source_id": source.id, "remedy_type": source.remedy_type, "remedy": source.remedy})
        return True

    @api.model
    def find_similar(self, text, product_id=False, limit=10, exclude_ids=None):
        """Known complaints similar to `text`, best first, as dicts (XML-RPC callable): id, name, subject,
        partner, product, stage, remedy_type(_label), remedy, score (0-100). `exclude_ids`: complaints to
        leave out (the one being edited). Only complaints the user may read; the ranking is
        `crm.complaint.similarity`'s."""
        return self.env["crm.complaint.similarity"].find(text, product_id, limit, exclude_ids)

    @api.model
    def _cron_escalate_overdue(self):
        """Alert the team manager (else the responsible) once when an open complaint's deadline passed."""
        today = fields.Date.context_today(self)
        overdue = self.search([("is_closed", "=", False), ("is_escalated", "=", False),
                               ("date_deadline", "<", today)])
        activity_type = self.env.ref("crm_complaints.mail_activity_type_complaint_escalation")
        model_id = self.env["ir.model"]._get(self._name).id
        for complaint in overdue:
            manager = complaint.team_id.user_id or complaint.user_id
            if manager:
                self.env["mail.activity"].create({
                    "res_model_id": model_id,
                    "res_id": complaint.id,
                    "activity_type_id": activity_type.id,
                    "summary": _("Deadline of complaint %s passed") % complaint.name,
                    "note": _("The deadline %s passed without the complaint being closed.")
                    % complaint.date_deadline,
                    "date_deadline": today,
                    "user_id": manager.id,
                })
        overdue.write({"is_escalated": True})
        return len(overdue)

    @api.model
    def _default_stage(self):
        return self.env["crm.complaint.stage"].search([], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        """Every stage is a kanban column, even when empty."""
        return stages.search([], order=order)

    @api.multi
    def _open_wizard(self, model, title):
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }
