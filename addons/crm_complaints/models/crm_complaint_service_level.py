# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service-level policies of complaints: response and resolution targets per category, severity or customer."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_complaint import SEVERITIES


class CrmComplaintServiceLevel(models.Model):
    """The targets a complaint must meet, in working hours of the company's calendar. The most specific
    policy applies: one for the customer before one for the category, before one for the severity, before
    a general one."""

    _name = "crm.complaint.service.level"
    _description = "Complaint Service-Level Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one("crm.complaint.category", "Category", ondelete="cascade",
                                  help="Empty: complaints of every category.")
    severity = fields.Selection(SEVERITIES, help="Empty: complaints of every severity.")
    partner_id = fields.Many2one("res.partner", "Customer", domain=[("is_company", "=", True)],
                                 help="Empty: every customer.")
    response_hours = fields.Float("First Response (Working Hours)",
                                  help="Working hours until the first public answer to the customer; 0: none.")
    resolution_hours = fields.Float("Resolution (Working Hours)",
                                    help="Working hours until the complaint is closed; 0: none.")
    at_risk_percent = fields.Float("At Risk After (%)", default=75.0,
                                   help="Share of a target after which the complaint is at risk.")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.user.company_id)

    @api.constrains("response_hours", "resolution_hours", "at_risk_percent")
    def _check_targets(self):
        for policy in self:
            if policy.response_hours < 0 or policy.resolution_hours < 0:
                raise ValidationError(_("Service-level targets cannot be negative."))
            if not 0 < policy.at_risk_percent <= 100:
                raise ValidationError(_("A complaint turns at risk after between 1 and 100 % of its target."))

    @api.model
    def _match(self, complaints):
        """{complaint id: policy} for `complaints`: one search for all of them, the most specific wins."""
        policies = self.search([]) if complaints else self
        matches = {}
        for complaint in complaints:
            candidates = [policy for policy in policies if policy._applies_to(complaint)]
            if candidates:
                matches[complaint.id] = max(candidates, key=lambda p: (p._specificity(), -p.sequence, -p.id))
        return matches

    def _applies_to(self, complaint):
        return ((not self.category_id or self.category_id == complaint.category_id)
                and (not self.severity or self.severity == complaint.severity)
                and (not self.partner_id or self.partner_id == complaint.commercial_partner_id)
                and (not self.company_id or self.company_id == complaint.company_id))

    def _specificity(self):
        return 4 * bool(self.partner_id) + 2 * bool(self.category_id) + bool(self.severity)
