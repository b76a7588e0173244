# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The wizard that asks before a started ticket gets another service type."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmTicketTypeChange(models.TransientModel):
    """Asks before a started ticket gets another service type: done steps stay, the others are replaced."""

    _name = "crm.ticket.type.change"
    _description = "Change Service Type"

    ticket_id = fields.Many2one("crm.ticket", "Ticket", required=True, ondelete="cascade")
    current_type_id = fields.Many2one("crm.ticket.type", related="ticket_id.type_id", readonly=True)
    type_id = fields.Many2one("crm.ticket.type", "New Service Type", required=True)
    kept_step_names = fields.Text("Steps Kept", compute="_compute_summary")
    replaced_step_names = fields.Text("Steps Replaced", compute="_compute_summary")

    @api.depends("ticket_id")
    def _compute_summary(self):
        for wizard in self:
            steps = wizard.ticket_id.step_ids
            wizard.kept_step_names = "\n".join(steps.filtered(lambda s: s.state == "done").mapped("name"))
            wizard.replaced_step_names = "\n".join(steps.filtered(
                lambda s: s.state in ("waiting", "ready", "in_progress")).mapped("name"))

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.type_id == self.ticket_id.type_id:
            raise UserError(_("The ticket already has the service type %s.") % self.type_id.display_name)
        self.ticket_id.with_context(crm_ticket_type_change_confirmed=True).write({"type_id": self.type_id.id})
        return {"type": "ir.actions.act_window_close"}
