# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Complaints whose remedy is a repair open a service ticket; the complaint counts its tickets."""
from odoo import _, api, fields, models


class CrmComplaint(models.Model):
    """A complaint whose remedy is a repair opens a service ticket with everything already known."""

    _inherit = "crm.complaint"

    ticket_ids = fields.One2many("crm.ticket", "complaint_id", "Service Tickets")
    ticket_count = fields.Integer("Service Tickets", compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        """One read_group for all complaints; 0 for a user who may not read tickets."""
        tickets = self.env["crm.ticket"]
        counts = {}
        if tickets.check_access_rights("read", raise_exception=False):
            groups = tickets.read_group([("complaint_id", "in", self.ids)], ["complaint_id"], ["complaint_id"])
            counts = {g["complaint_id"][0]: g["complaint_id_count"] for g in groups}
        for complaint in self:
            complaint.ticket_count = counts.get(complaint.id, 0)

    @api.multi
    def action_create_repair_ticket(self):
        """A new ticket form filled from the complaint: choosing the service type shows the plan at once."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Repair Ticket"),
            "res_model": "crm.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_complaint_id": self.id,
                "default_partner_id": self.partner_id.commercial_partner_id.id or self.partner_id.id,
                "default_contact_id": self.contact_id.id,
                "default_product_id": self.product_id.id,
                "default_sale_order_id": self.sale_order_id.id,
                "default_title": _("Repair: %s") % self.subject,
                "default_description": self.description,
            },
        }

    @api.multi
    def action_open_tickets(self):
        action = self.env.ref("crm_ticketing.crm_ticket_action").read()[0]
        action["domain"] = [("complaint_id", "in", self.ids)]
        action["context"] = {}
        return action
