# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service-level policies of customer cases: their targets and the one policy that applies to a case."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmSlaPolicyMixin(models.AbstractModel):
    """The targets a case must meet, in working hours of the company's calendar. The most specific policy
    applies: one for the customer before any other; the model using the mixin names the other criteria
    (`_sla_criteria`) and their weights (`_sla_specificity`). Complaint and ticket policies use it."""

    _name = "crm.sla.policy.mixin"
    _description = "Service-Level Policy of Customer Cases"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one("res.partner", "Customer", domain=[("is_company", "=", True)],
                                 help="Empty: every customer.")
    response_hours = fields.Float("First Response (Working Hours)",
                                  help="Working hours until the first public answer to the customer; 0: none.")
    resolution_hours = fields.Float("Resolution (Working Hours)",
                                    help="Working hours until the case is closed; 0: none.")
    at_risk_percent = fields.Float("At Risk After (%)", default=75.0,
                                   help="Share of a target after which the case is at risk.")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.user.company_id)

    @api.constrains("response_hours", "resolution_hours", "at_risk_percent")
    def _check_targets(self):
        for policy in self:
            if policy.response_hours < 0 or policy.resolution_hours < 0:
                raise ValidationError(_("Service-level targets cannot be negative."))
            if not 0 < policy.at_risk_percent <= 100:
                raise ValidationError(_("A case turns at risk after between 1 and 100 % of its target."))

    @api.model
    def _sla_match(self, cases):
        """{case id: policy} for `cases`: one search for all of them, the most specific policy wins."""
        policies = self.search(self._sla_candidates_domain(cases)) if cases else self
        matches = {}
        for case in cases:
            candidates = [policy for policy in policies if policy._sla_applies_to(case)]
            if candidates:
                matches[case.id] = max(candidates, key=lambda p: (p._sla_specificity(), -p.sequence, -p.id))
        return matches

    def _sla_applies_to(self, case):
        """Each criterion the policy sets matches the case; an empty one matches every case."""
        return (not self.partner_id or self.partner_id == case.commercial_partner_id) \
            and (not self.company_id or self.company_id == case.company_id) \
            and all(not self[name] or self[name] in matcher(case) for name, matcher in self._sla_criteria())

    # the hooks of the policy model using the mixin
    @api.model
    def _sla_candidates_domain(self, cases):
        """The search domain of the policies that may apply to `cases` (all of them by default)."""
        return []

    def _sla_criteria(self):
        """[(policy field, function of a case giving the records or values it matches)]."""
        return []

    def _sla_specificity(self):
        """The weight of the criteria set: the highest applies (a customer's policy first)."""
        return 4 * bool(self.partner_id)
