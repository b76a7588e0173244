# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service-level policies: response and resolution targets per service type, priority, customer or contract."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent")]


class CrmSlaPolicy(models.Model):
    """The targets a ticket must meet, in working hours of the company's calendar. The most specific policy
    applies: one for the customer before one for its contract, before one for the priority, before the
    type's general one."""

    _name = "crm.sla.policy"
    _description = "Service-Level Policy"
    _order = "type_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    type_id = fields.Many2one("crm.ticket.type", "Service Type", required=True, ondelete="cascade", index=True)
    priority = fields.Selection(PRIORITIES, help="Empty: tickets of every priority.")
    partner_id = fields.Many2one("res.partner", "Customer", domain=[("is_company", "=", True)],
                                 help="Empty: every customer.")
    maintenance_plan_id = fields.Many2one("crm.ticket.maintenance.plan", "Contract",
                                          help="Empty: tickets with or without a maintenance contract.")
    response_hours = fields.Float("First Response (Working Hours)",
                                  help="Working hours until the first public answer to the customer; 0: none.")
    resolution_hours = fields.Float("Resolution (Working Hours)",
                                    help="Working hours until the ticket is closed; 0: none.")
    at_risk_percent = fields.Float("At Risk After (%)", default=75.0,
                                   help="Share of a target after which the ticket is at risk.")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.user.company_id)

    @api.constrains("response_hours", "resolution_hours", "at_risk_percent")
    def _check_targets(self):
        for policy in self:
            if policy.response_hours < 0 or policy.resolution_hours < 0:
                raise ValidationError(_("Service-level targets cannot be negative."))
            if not 0 < policy.at_risk_percent <= 100:
                raise ValidationError(_("A ticket turns at risk after between 1 and 100 % of its target."))

    @api.model
    def _match(self, tickets):
        """{ticket id: policy} for `tickets`: one search for all of them, the most specific policy wins."""
        policies = self.search([("type_id", "in", tickets.mapped("type_id").ids)]) if tickets else self
        matches = {}
        for ticket in tickets:
            candidates = [policy for policy in policies if policy._applies_to(ticket)]
            if candidates:
                matches[ticket.id] = max(candidates, key=lambda p: (p._specificity(), -p.sequence, -p.id))
        return matches

    def _applies_to(self, ticket):
        return (self.type_id == ticket.type_id
                and (not self.priority or self.priority == ticket.priority)
                and (not self.partner_id or self.partner_id == ticket.commercial_partner_id)
                and (not self.maintenance_plan_id or self.maintenance_plan_id == ticket.maintenance_plan_id)
                and (not self.company_id or self.company_id == ticket.company_id))

    def _specificity(self):
        return 4 * bool(self.partner_id) + 2 * bool(self.maintenance_plan_id) + bool(self.priority)
