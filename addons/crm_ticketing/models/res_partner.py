# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service tickets in the customer file: counter, new-ticket button and open processes."""
from odoo import _, api, fields, models


class ResPartner(models.Model):
    """Service tickets in the customer file: a counter, a button to open one, the open tickets."""

    _inherit = "res.partner"

    ticket_count = fields.Integer("Service Tickets", compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        """The customer's tickets the user may read, counted on the commercial partner (0 without access)."""
        counts = self._crm_count_by_customer("crm.ticket")
        for partner in self:
            partner.ticket_count = counts.get(partner.commercial_partner_id.id or partner.id, 0)

    @api.multi
    def action_open_tickets(self):
        return self._crm_customer_action("crm_ticketing.crm_ticket_action")

    @api.multi
    def action_new_ticket(self):
        """A new service ticket for the customer, from the customer file or the partner form."""
        self.ensure_one()
        customer = self.commercial_partner_id or self
        context = {"default_partner_id": customer.id}
        if self != customer:
            context["default_contact_id"] = self.id
        return {
            "type": "ir.actions.act_window",
            "name": _("New Service Ticket"),
            "res_model": "crm.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @api.multi
    def _crm_open_processes(self):
        """Open service tickets join the customer's open processes (one query)."""
        return self._crm_extend_open_processes(
            super()._crm_open_processes(), "crm.ticket", [("is_closed", "=", False)],
            ["name", "title", "stage_id", "date_deadline", "planned_cost"], lambda row: {
                "model": "crm.ticket", "id": row["id"], "kind": "ticket",
                "name": "%s %s" % (row["name"], row["title"] or ""),
                "state": row["stage_id"] and row["stage_id"][1],
                "deadline": row["date_deadline"] and row["date_deadline"][:10], "amount": row["planned_cost"],
            })
