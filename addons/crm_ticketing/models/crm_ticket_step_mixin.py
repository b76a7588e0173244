# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What template steps and ticket steps share: work, cost, the deadline rule and the step graph."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..planning import find_cycle, schedule


class CrmTicketStepMixin(models.AbstractModel):
    """What a template step and a ticket step share: work, cost, deadline rule and the step graph."""

    _name = "crm.ticket.step.mixin"
    _description = "Service Step (shared)"
    _order = "sequence, id"

    name = fields.Char("Step", required=True, translate=True)
    sequence = fields.Integer(default=10)
    instructions = fields.Text(translate=True)
    user_id = fields.Many2one("res.users", "Responsible")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    planned_hours = fields.Float("Planned Hours", digits=(16, 2))
    product_id = fields.Many2one("product.product", "Service Product", domain=[("type", "=", "service")],
                                 help="Invoiced for the hours of the step; its price is the default labour rate.")
    labour_rate = fields.Monetary("Labour Rate", help="Price of one working hour of this step.")
    material_cost = fields.Monetary("Material Cost")
    planned_cost = fields.Monetary("Planned Cost", compute="_compute_planned_cost", store=True)
    deadline_hours = fields.Float("Deadline (Working Hours)", digits=(16, 2),
                                  help="Working hours allowed for the step, counted on the company's working "
                                       "calendar from the moment set in 'Counted From'.")
    deadline_base = fields.Selection([
        ("predecessors", "After the predecessors"),
        ("start", "After the ticket start"),
    ], "Counted From", default="predecessors", required=True)
    activity_type_id = fields.Many2one("mail.activity.type", "Activity Type",
                                       help="The activity the responsible receives when the step is ready.")

    def _compute_currency_id(self):
        for step in self:
            step.currency_id = self.env.user.company_id.currency_id

    @api.depends("planned_hours", "labour_rate", "material_cost")
    def _compute_planned_cost(self):
        for step in self:
            step.planned_cost = step.planned_hours * step.labour_rate + step.material_cost

    @api.constrains("planned_hours", "labour_rate", "material_cost", "deadline_hours")
    def _check_not_negative(self):
        if self.env.context.get("crm_ticket_steps_from_template"):
            return  # values copied from a template step, which was checked when it was saved
        for step in self:
            if min(step.planned_hours, step.labour_rate, step.material_cost, step.deadline_hours) < 0:
                raise ValidationError(_("Step \"%s\": hours, rates and costs cannot be negative.") % step.name)

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.labour_rate = self.product_id.lst_price

    @api.onchange("planned_hours")
    def _onchange_planned_hours(self):
        if not self.deadline_hours:
            self.deadline_hours = self.planned_hours

    def _graph_groups(self):
        """The steps that form one graph with each step of self (its type or its ticket)."""
        raise NotImplementedError

    def _check_no_cycle(self):
        """Refuse predecessors that wait for each other, naming the steps of the cycle."""
        for steps in self._graph_groups():
            cycle = find_cycle({step: list(step.predecessor_ids) for step in steps})
            if cycle:
                raise ValidationError(_("These steps wait for each other in a cycle: %s. Remove one of these "
                                        "predecessors.") % " → ".join(step.name for step in cycle))

    def _schedule_offsets(self):
        """{step: (start, deadline)} in working hours after the start, for the steps of one graph."""
        nodes = list(self)
        graph = {step: list(step.predecessor_ids & self) for step in nodes}
        return schedule(nodes, graph, {step: step.deadline_hours for step in nodes},
                        {step: step.deadline_base == "start" for step in nodes})
