# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A step of a service type's template, chained to the previous step unless told otherwise."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmTicketTypeStep(models.Model):
    """One step of a service process template."""

    _name = "crm.ticket.type.step"
    _inherit = "crm.ticket.step.mixin"
    _description = "Service Type Step"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("crm.ticket.type", "Service Type", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", related="type_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one("res.currency", related="type_id.currency_id", readonly=True)
    team_id = fields.Many2one("crm.team", "Responsible Team",
                              help="When no responsible user is set, the team leader is responsible.")
    after_previous = fields.Boolean("After Previous Step", default=True,
                                    help="The step waits for the previous step. Untick it to choose its "
                                         "predecessors yourself (none: it starts with the ticket).")
    predecessor_ids = fields.Many2many("crm.ticket.type.step", "crm_ticket_type_step_predecessor_rel",
                                       "step_id", "predecessor_id", "Predecessors",
                                       domain="[('type_id', '=', type_id), ('id', '!=', id)]")

    @api.constrains("predecessor_ids", "type_id")
    def _check_predecessors(self):
        for step in self:
            if step.predecessor_ids.filtered(lambda p: p.type_id != step.type_id):
                raise ValidationError(_("Step \"%s\" can only wait for steps of the same service type.")
                                      % step.name)
        self._check_no_cycle()

    @api.model
    def create(self, values):
        step = super().create(values)
        step._link_previous_steps()
        return step

    @api.multi
    def write(self, values):
        result = super().write(values)
        if {"sequence", "after_previous", "type_id"} & set(values):
            self._link_previous_steps()
        return result

    def _graph_groups(self):
        return [ticket_type.step_ids for ticket_type in self.mapped("type_id")]

    def _link_previous_steps(self):
        """Steps 'after the previous step' wait for the step before them in the list (default order)."""
        for ticket_type in self.mapped("type_id"):
            previous = self.browse()
            for step in ticket_type.step_ids.sorted(lambda s: (s.sequence, s.id)):
                if step.after_previous and step.predecessor_ids != previous:
                    super(CrmTicketTypeStep, step).write({"predecessor_ids": [(6, 0, previous.ids)]})
                previous = step
        return True

    def _responsible(self, ticket_team):
        """The user doing the step: its user, else the leader of its team, of the ticket's team or of the
        type's team (the team manager)."""
        self.ensure_one()
        return (self.user_id or self.team_id.user_id or ticket_team.user_id or self.type_id.team_id.user_id
                or self.env["res.users"])
