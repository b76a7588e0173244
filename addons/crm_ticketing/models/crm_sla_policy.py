# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service-level policies: response and resolution targets per service type, priority, customer or contract."""
from odoo import api, fields, models

PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent")]


class CrmSlaPolicy(models.Model):
    """The targets a ticket must meet. The most specific policy of the ticket's type applies: one for the
    customer before one for its maintenance contract, before one for the priority, before the type's
    general one."""

    _name = "crm.sla.policy"
    _inherit = "crm.sla.policy.mixin"
    _description = "Service-Level Policy"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("crm.ticket.type", "Service Type", required=True, ondelete="cascade", index=True)
    priority = fields.Selection(PRIORITIES, help="Empty: tickets of every priority.")
    maintenance_plan_id = fields.Many2one("crm.ticket.maintenance.plan", "Contract",
                                          help="Empty: tickets with or without a maintenance contract.")

    @api.model
    def _sla_candidates_domain(self, tickets):
        return [("type_id", "in", tickets.mapped("type_id").ids)]

    def _sla_criteria(self):
        # a ticket is under the contract that covers it, and under the plan that opened it for maintenance
        return [("type_id", lambda ticket: ticket.type_id),
                ("priority", lambda ticket: (ticket.priority,)),
                ("maintenance_plan_id", lambda ticket: ticket.contract_id | ticket.maintenance_plan_id)]

    def _sla_specificity(self):
        return super()._sla_specificity() + 2 * bool(self.maintenance_plan_id) + bool(self.priority)
