# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Improvement suggestions to product management and their small workflow."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmComplaintSuggestion(models.Model):
    """An improvement proposed to product management, backed by the complaints that led to it."""

    _name = "crm.complaint.suggestion"
    _description = "Improvement Suggestion"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char("Title", required=True, track_visibility="onchange")
    kind = fields.Selection([
        ("suggestion", "Suggestion"),
        ("early_warning", "Early warning"),
    ], default="suggestion", required=True, index=True, readonly=True,
        help="Early warnings are opened by themselves when similar complaints about a product or negative "
             "remarks about it pile up.")
    product_id = fields.Many2one("product.product", "Product", index=True, track_visibility="onchange")
    description = fields.Text("Suggestion")
    complaint_ids = fields.Many2many("crm.complaint", "crm_complaint_suggestion_rel", "suggestion_id",
                                     "complaint_id", "Source Complaints")
    complaint_count = fields.Integer("Complaints", compute="_compute_complaint_count", store=True)
    insight_ids = fields.Many2many("crm.customer.insight", "crm_complaint_suggestion_insight_rel", "suggestion_id",
                                   "insight_id", "Source Insights", readonly=True)
    insight_count = fields.Integer("Insights", compute="_compute_complaint_count", store=True)
    remedy_cost = fields.Monetary("Remedy Cost", compute="_compute_remedy_cost", store=True,
                                  currency_field="currency_id",
                                  help="Credit notes and replacements of the source complaints, untaxed.")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    state = fields.Selection([
        ("new", "New"),
        ("accepted", "Accepted"),
        ("rejected", "Rejected"),
        ("done", "Done"),
    ], default="new", required=True, index=True, track_visibility="onchange", copy=False)
    product_manager_id = fields.Many2one("res.users", "Product Manager", index=True, track_visibility="onchange")
    user_id = fields.Many2one("res.users", "Suggested by", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one(
        "res.company", "Company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get("crm.complaint.suggestion"))
    color = fields.Integer("Color Index")

    @api.depends("complaint_ids", "insight_ids")
    def _compute_complaint_count(self):
        for suggestion in self:
            suggestion.complaint_count = len(suggestion.complaint_ids)
            suggestion.insight_count = len(suggestion.insight_ids)

    @api.depends("complaint_ids.credit_note_ids.amount_untaxed_signed", "complaint_ids.credit_note_ids.state",
                 "complaint_ids.replacement_order_ids.amount_untaxed", "complaint_ids.replacement_order_ids.state")
    def _compute_remedy_cost(self):
        for suggestion in self:
            credit_notes = suggestion.complaint_ids.mapped("credit_note_ids").filtered(
                lambda invoice: invoice.state in ("open", "paid"))
            replacements = suggestion.complaint_ids.mapped("replacement_order_ids").filtered(
                lambda order: order.state != "cancel")
            suggestion.remedy_cost = (-sum(credit_notes.mapped("amount_untaxed_signed"))
                                      + sum(replacements.mapped("amount_untaxed")))

    @api.model
    def create(self, values):
        suggestion = super().create(values)
        if suggestion.product_manager_id:
            suggestion.message_subscribe_users(suggestion.product_manager_id.ids)
        for complaint in suggestion.complaint_ids:
            complaint.message_post(body=_("Improvement suggested to product management: %s") % suggestion.name,
                                   message_type="comment", subtype="mail.mt_note")
        return suggestion

    @api.multi
    def write(self, values):
        result = super().write(values)
        if values.get("product_manager_id"):
            self.message_subscribe_users([values["product_manager_id"]])
        return result

    @api.multi
    def action_accept(self):
        return self._set_state("accepted", ("new", "rejected"))

    @api.multi
    def action_reject(self):
        return self._set_state("rejected", ("new", "accepted"))

    @api.multi
    def action_done(self):
        return self._set_state("done", ("accepted",))

    @api.multi
    def action_reset(self):
        return self._set_state("new", ("accepted", "rejected", "done"))

    @api.multi
    def _set_state(self, state, allowed_from):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for suggestion in self:
            if suggestion.state not in allowed_from:
                raise UserError(_("Suggestion \"%(name)s\" cannot be set to %(new)s while it is %(old)s.") % {
                    "name": suggestion.name, "new": labels[state], "old": labels[suggestion.state]})
        return self.write({"state": state})
