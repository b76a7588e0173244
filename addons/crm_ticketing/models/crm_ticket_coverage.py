# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Coverage at creation: the equipment's warranty or its maintenance contract decide who pays each planned cost."""
from odoo import api, fields, models

COVERAGE = [("chargeable", "Chargeable"), ("warranty", "Warranty"), ("contract", "Maintenance Contract")]
COVERED = ("warranty", "contract")  # the reasons the customer does not pay
COVERAGE_FIELDS = ("equipment_id", "contract_id", "type_id", "date_start")


class CrmTicket(models.Model):
    """Before the ticket is saved (form onchange, and again on create) the equipment's warranty, else the
    maintenance contract covering the service type, decides for the labour and the material of every step
    whether the customer pays; the ticket shows the customer's cost beside the internal (covered) cost."""

    _inherit = "crm.ticket"

    equipment_id = fields.Many2one("crm.ticket.equipment", "Equipment", index=True, track_visibility="onchange",
                                   domain="[('partner_id', 'child_of', partner_id)]")
    warranty_end = fields.Date("Warranty until", related="equipment_id.warranty_end", readonly=True)
    contract_id = fields.Many2one("crm.ticket.maintenance.plan", "Maintenance Contract", index=True,
                                  track_visibility="onchange",
                                  domain="[('partner_id', 'child_of', partner_id)]",
                                  help="The maintenance plan whose contract covers this ticket's work; found "
                                       "from the equipment and the service type.")
    coverage = fields.Selection(COVERAGE, "Paid by", compute="_compute_coverage", store=True,
                                help="Chargeable when the customer pays all planned cost.")
    customer_cost = fields.Monetary("Customer Cost", compute="_compute_coverage", store=True,
                                    help="The planned cost the customer pays.")
    internal_cost = fields.Monetary("Internal Cost", compute="_compute_coverage", store=True,
                                    help="The planned cost covered by warranty or maintenance contract.")

    @api.depends("step_ids.state", "step_ids.customer_cost", "step_ids.internal_cost",
                 "step_ids.labour_coverage", "step_ids.material_coverage")
    def _compute_coverage(self):
        for ticket in self:
            steps = ticket.step_ids.filtered(lambda s: s.state != "cancelled")
            ticket.customer_cost = sum(steps.mapped("customer_cost"))
            ticket.internal_cost = sum(steps.mapped("internal_cost"))
            reasons = set(steps.mapped("labour_coverage") + steps.mapped("material_coverage"))
            ticket.coverage = next((reason for reason in COVERED if reason in reasons), "chargeable")

    @api.onchange("equipment_id", "contract_id", "type_id", "date_start")
    def _onchange_coverage(self):
        """Shown before saving: the contract found and who pays each step of the plan."""
        if self.equipment_id and not self.product_id:
            self.product_id = self.equipment_id.product_id
        contract = self._covering_contract(self.equipment_id, self.type_id, self.date_start,
                                           self.contract_id or self.maintenance_plan_id)
        if contract != self.contract_id:
            self.contract_id = contract
        coverage = self._coverage_values(self.type_id, self.date_start)
        for step in self.step_ids.filtered(lambda s: not s.sale_line_id):
            step.update(coverage)

    @api.model
    def create(self, values):
        if "contract_id" not in values:
            browse = self.env["crm.ticket.equipment"].browse
            values = dict(values, contract_id=self._covering_contract(
                browse(values.get("equipment_id")), self.env["crm.ticket.type"].browse(values.get("type_id")),
                values.get("date_start"),
                self.env["crm.ticket.maintenance.plan"].browse(values.get("maintenance_plan_id"))).id)
        return super().create(values)

    @api.multi
    def write(self, values):
        result = super().write(values)
        if any(name in values for name in COVERAGE_FIELDS):
            for ticket in self:
                if "contract_id" not in values:
                    contract = ticket._covering_contract(ticket.equipment_id, ticket.type_id, ticket.date_start,
                                                         ticket.contract_id or ticket.maintenance_plan_id)
                    if contract != ticket.contract_id:
                        super(CrmTicket, ticket).write({"contract_id": contract.id})
                ticket._apply_coverage()
        return result

    @api.model
    def _plan_step_values(self, ticket_type, date_start, team):
        """Each planned step carries who pays its labour and its material."""
        values = super()._plan_step_values(ticket_type, date_start, team)
        coverage = self._coverage_values(ticket_type, date_start)
        for step_values in values:
            step_values.update(coverage)
        return values

    def _apply_coverage(self):
        """Decide again for the steps not quoted yet (quoted lines keep what the customer was offered)."""
        self.ensure_one()
        steps = self.step_ids.filtered(lambda s: not s.sale_line_id and s.state != "cancelled")
        coverage = self._coverage_values(self.type_id, self.date_start)
        changed = steps.filtered(lambda s: (s.labour_coverage, s.material_coverage) != (
            coverage["labour_coverage"], coverage["material_coverage"]))
        if changed:
            changed.sudo().write(coverage)

    def _coverage_values(self, ticket_type, date_start):
        """{labour_coverage, material_coverage} of a ticket of `ticket_type` opened at `date_start` on the
        ticket's equipment and contract: the warranty covers everything, a contract what it says."""
        date = self._coverage_date(date_start)
        labour = material = "chargeable"
        equipment = self[:1].equipment_id
        contract = self[:1].contract_id
        if equipment and equipment._under_warranty(date):
            labour = material = "warranty"
        elif contract and contract._covers(ticket_type, date):
            labour = "contract" if contract.covers_labour else "chargeable"
            material = "contract" if contract.covers_material else "chargeable"
        return {"labour_coverage": labour, "material_coverage": material}

    @api.model
    def _covering_contract(self, equipment, ticket_type, date_start, current):
        """`current` when it still covers the ticket, else the first contract of the equipment that does."""
        date = self._coverage_date(date_start)
        if current and current._covers(ticket_type, date):
            return current
        if equipment:
            return equipment._contract_for(ticket_type, date)
        return self.env["crm.ticket.maintenance.plan"]

    @api.model
    def _coverage_date(self, date_start):
        """The day the ticket is opened, as a date string: warranty and contract are compared with it."""
        return (date_start or fields.Datetime.now())[:10]
