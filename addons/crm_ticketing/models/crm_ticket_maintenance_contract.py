# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A maintenance plan as a contract: the equipment it is for and what of a ticket's cost it covers."""
from odoo import api, fields, models


class CrmTicketMaintenancePlan(models.Model):
    """The plan is the customer's maintenance contract: tickets of its service type (and of the types it
    also covers) on its equipment cost the customer only what the contract does not include."""

    _inherit = "crm.ticket.maintenance.plan"

    equipment_id = fields.Many2one("crm.ticket.equipment", "Equipment", index=True,
                                   domain="[('partner_id', 'child_of', partner_id)]")
    covers_labour = fields.Boolean("Covers Labour", default=True,
                                   help="The working hours of covered tickets are not billed.")
    covers_material = fields.Boolean("Covers Material",
                                     help="The material of covered tickets is not billed.")
    covered_type_ids = fields.Many2many("crm.ticket.type", "crm_ticket_maintenance_plan_covered_type_rel",
                                        "plan_id", "type_id", "Also Covers",
                                        help="Tickets of the plan's own service type are covered; add the other "
                                             "service types the contract includes (e.g. on-site repairs).")
    contract_end = fields.Date("Contract until", help="Empty: the contract runs until the plan is archived.")

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        if self.equipment_id.product_id:
            self.product_id = self.equipment_id.product_id

    def _covers(self, ticket_type, date):
        """Whether the contract covers a ticket of `ticket_type` opened on `date` (a date string)."""
        self.ensure_one()
        return self.active and (not self.contract_end or self.contract_end >= date) and bool(ticket_type) and (
            ticket_type == self.type_id or ticket_type in self.covered_type_ids)

    def _ticket_values(self, due):
        values = super()._ticket_values(due)
        values["equipment_id"] = self.equipment_id.id
        return values
