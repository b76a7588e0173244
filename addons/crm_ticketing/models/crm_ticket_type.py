# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service type: a process template of ordered steps with its total time, cost and lead time."""
from odoo import api, fields, models


class CrmTicketType(models.Model):
    """A service process stored as a template: its steps, their order, time and cost."""

    _name = "crm.ticket.type"
    _description = "Service Type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    team_id = fields.Many2one("crm.team", "Service Team",
                              help="Its leader is the manager: steps without a responsible fall to them, "
                                   "and overdue steps are escalated to them.")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", readonly=True)
    step_ids = fields.One2many("crm.ticket.type.step", "type_id", "Steps", copy=True)
    step_count = fields.Integer("Steps", compute="_compute_totals", store=True)
    planned_hours = fields.Float("Planned Hours", compute="_compute_totals", store=True,
                                 help="Working hours of all steps together.")
    planned_cost = fields.Monetary("Planned Cost", compute="_compute_totals", store=True,
                                   help="Labour at the steps' rates plus material.")
    lead_time_hours = fields.Float("Lead Time (Working Hours)", compute="_compute_totals", store=True,
                                   help="Working hours from the start of a ticket to the last deadline, "
                                        "along the longest chain of steps (the critical path).")
    ticket_count = fields.Integer("Tickets", compute="_compute_ticket_count")

    @api.depends("step_ids.planned_hours", "step_ids.planned_cost", "step_ids.deadline_hours",
                 "step_ids.deadline_base", "step_ids.predecessor_ids")
    def _compute_totals(self):
        for ticket_type in self:
            steps = ticket_type.step_ids
            ticket_type.step_count = len(steps)
            ticket_type.planned_hours = sum(steps.mapped("planned_hours"))
            ticket_type.planned_cost = sum(steps.mapped("planned_cost"))
            try:
                offsets = steps._schedule_offsets()
            except ValueError:  # a cycle: refused by the steps' constraint, which names it
                offsets = {}
            ticket_type.lead_time_hours = max([deadline for _start, deadline in offsets.values()] or [0.0])

    def _compute_ticket_count(self):
        groups = self.env["crm.ticket"].read_group([("type_id", "in", self.ids)], ["type_id"], ["type_id"])
        counts = {group["type_id"][0]: group["type_id_count"] for group in groups}
        for ticket_type in self:
            ticket_type.ticket_count = counts.get(ticket_type.id, 0)

    @api.model
    def create(self, values):
        ticket_type = super().create(values)
        ticket_type.step_ids._link_previous_steps()
        return ticket_type

    @api.multi
    def write(self, values):
        result = super().write(values)
        if "step_ids" in values:
            self.mapped("step_ids")._link_previous_steps()
        return result

    @api.multi
    def action_open_tickets(self):
        action = self.env.ref("crm_ticketing.crm_ticket_action").read()[0]
        action["domain"] = [("type_id", "in", self.ids)]
        action["context"] = {"default_type_id": self[:1].id}
        return action
