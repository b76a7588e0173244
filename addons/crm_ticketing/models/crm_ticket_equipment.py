# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer's machine by its serial number: its warranty end and its maintenance contracts."""
from odoo import api, fields, models
from odoo.osv import expression

WARRANTY_STATES = [("none", "No warranty"), ("active", "Under warranty"), ("expired", "Warranty expired")]


class CrmTicketEquipment(models.Model):
    """A machine at a customer's site. Its warranty and its maintenance plans (the contracts) decide,
    when a ticket is opened on it, which planned cost the customer pays (crm_ticket_coverage.py)."""

    _name = "crm.ticket.equipment"
    _inherit = ["mail.thread"]
    _description = "Customer Equipment"
    _order = "partner_id, product_id, serial_number"
    _rec_name = "serial_number"

    serial_number = fields.Char("Serial Number", required=True, index=True, track_visibility="onchange")
    product_id = fields.Many2one("product.product", "Product", index=True, track_visibility="onchange")
    partner_id = fields.Many2one("res.partner", "Customer", required=True, index=True, track_visibility="onchange")
    location = fields.Char("Location", help="Where the machine stands at the customer's, e.g. hall 2.")
    date_installed = fields.Date("Installed on")
    warranty_end = fields.Date("Warranty until", track_visibility="onchange",
                               help="Work on tickets opened until this day is covered by the warranty.")
    warranty_state = fields.Selection(WARRANTY_STATES, "Warranty", compute="_compute_warranty_state")
    maintenance_plan_ids = fields.One2many("crm.ticket.maintenance.plan", "equipment_id", "Maintenance Contracts")
    ticket_ids = fields.One2many("crm.ticket", "equipment_id", "Tickets")
    ticket_count = fields.Integer("Tickets", compute="_compute_ticket_count")
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.user.company_id)
    active = fields.Boolean(default=True)
    note = fields.Text("Notes")

    _sql_constraints = [
        ("serial_unique", "unique (product_id, serial_number, company_id)",
         "This serial number is already registered for this product."),
    ]

    def _compute_warranty_state(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            if not equipment.warranty_end:
                equipment.warranty_state = "none"
            else:
                equipment.warranty_state = "active" if equipment.warranty_end >= today else "expired"

    def _compute_ticket_count(self):
        groups = self.env["crm.ticket"].read_group([("equipment_id", "in", self.ids)], ["equipment_id"],
                                                   ["equipment_id"])
        counts = {group["equipment_id"][0]: group["equipment_id_count"] for group in groups}
        for equipment in self:
            equipment.ticket_count = counts.get(equipment.id, 0)

    @api.multi
    def name_get(self):
        return [(equipment.id, "%s (%s)" % (equipment.product_id.name, equipment.serial_number)
                 if equipment.product_id else equipment.serial_number) for equipment in self]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """Found by serial number or by product name."""
        if not name or operator in expression.NEGATIVE_TERM_OPERATORS:
            return super().name_search(name, args, operator, limit)
        domain = ["|", ("serial_number", operator, name), ("product_id.name", operator, name)]
        return self.search(expression.AND([domain, args or []]), limit=limit).name_get()

    @api.multi
    def action_open_tickets(self):
        action = self.env.ref("crm_ticketing.crm_ticket_action").read()[0]
        action["domain"] = [("equipment_id", "in", self.ids)]
        action["context"] = {"default_equipment_id": self.id, "default_partner_id": self.partner_id.id} if len(
            self) == 1 else {}
        return action

    def _under_warranty(self, date):
        """Whether the warranty covers work on a ticket opened on `date` (a date string)."""
        self.ensure_one()
        return bool(self.warranty_end) and self.warranty_end >= date

    def _contract_for(self, ticket_type, date):
        """The first active maintenance plan of the equipment that covers `ticket_type` on `date`."""
        self.ensure_one()
        return self.maintenance_plan_ids.filtered(lambda plan: plan._covers(ticket_type, date))[:1]
