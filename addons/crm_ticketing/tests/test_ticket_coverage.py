"""Stories: warranty and maintenance contracts decide at creation which planned cost the customer pays."""
from .common import TicketingCase


class TestTicketCoverage(TicketingCase):
    """A ticket on a machine under warranty costs the customer nothing; a contract covers what it says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        equipment = cls.env["crm.ticket.equipment"]
        cls.new_pump = equipment.create({"serial_number": "HP200-T-7781", "product_id": cls.product.id,
                                         "partner_id": cls.customer.id, "warranty_end": "2027-05-31"})
        cls.old_pump = equipment.create({"serial_number": "HP200-T-0001", "product_id": cls.product.id,
                                         "partner_id": cls.customer.id, "warranty_end": "2026-11-19"})
        cls.onsite = cls._create_type("On-site repair", [("Repair on site", 2.0, cls.technician, 50.0, 8)])

    def _contract(self, equipment, **values):
        return self.env["crm.ticket.maintenance.plan"].create(dict({
            "name": "Wartungsvertrag", "partner_id": self.customer.id, "equipment_id": equipment.id,
            "type_id": self.factory_repair.id, "next_date": "2027-01-15", "covers_labour": True,
            "covers_material": False}, **values))

    def test_a_ticket_on_equipment_under_warranty_costs_the_customer_nothing(self):
        ticket = self._open_ticket(equipment_id=self.new_pump.id)  # opened 2026-11-20
        self.assertEqual(ticket.coverage, "warranty")
        self.assertEqual(set(ticket.step_ids.mapped("labour_coverage")), {"warranty"})
        self.assertEqual(set(ticket.step_ids.mapped("material_coverage")), {"warranty"})
        self.assertAlmostEqual(ticket.customer_cost, 0.0)
        self.assertAlmostEqual(ticket.internal_cost, ticket.planned_cost)
        self.assertAlmostEqual(ticket.planned_cost, 780.0)
        ticket.action_create_quotation()
        order = ticket.sale_order_id
        self.assertEqual(len(order.order_line), 7, "covered work is listed")
        self.assertEqual(set(order.order_line.mapped("discount")), {100.0})
        self.assertTrue(all("(Warranty)" in name for name in order.order_line.mapped("name")))
        self.assertAlmostEqual(order.amount_total, 0.0)
        for _index in range(6):
            ticket.step_ids.filtered(lambda s: s.state == "ready").action_done()
        ticket.action_invoice_actuals()
        self.assertAlmostEqual(order.invoice_ids.amount_total, 0.0, msg="the invoice bills nothing either")

    def test_the_form_shows_who_pays_before_saving(self):
        result = self._onchange({"partner_id": self.customer.id, "type_id": self.factory_repair.id,
                                 "team_id": self.team.id, "date_start": "2026-11-20 08:00:00",
                                 "equipment_id": self.new_pump.id}, "type_id")
        value = result["value"]
        lines = [command[2] for command in value["step_ids"] if command[0] == 0]
        self.assertEqual({line["labour_coverage"] for line in lines}, {"warranty"})
        self.assertAlmostEqual(value["planned_cost"], 780.0)
        self.assertAlmostEqual(value.get("customer_cost", 0.0), 0.0)
        self.assertAlmostEqual(value["internal_cost"], 780.0)
        self.assertEqual(value["product_id"][0], self.product.id, "the equipment's product")

    def test_an_expired_warranty_is_chargeable(self):
        ticket = self._open_ticket(equipment_id=self.old_pump.id)
        self.assertEqual(ticket.coverage, "chargeable")
        self.assertAlmostEqual(ticket.customer_cost, ticket.planned_cost)
        self.assertAlmostEqual(ticket.internal_cost, 0.0)
        ticket.action_create_quotation()
        self.assertAlmostEqual(ticket.sale_order_id.amount_untaxed, 780.0)
        self.assertEqual(set(ticket.sale_order_id.order_line.mapped("discount")), {0.0})

    def test_a_contract_covers_what_its_plan_says(self):
        contract = self._contract(self.old_pump)  # labour included, material billed
        ticket = self._open_ticket(equipment_id=self.old_pump.id)
        self.assertEqual(ticket.contract_id, contract)
        self.assertEqual(ticket.coverage, "contract")
        self.assertAlmostEqual(ticket.customer_cost, 180.0, msg="the material of the repair")
        self.assertAlmostEqual(ticket.internal_cost, 600.0)
        ticket.action_create_quotation()
        order = ticket.sale_order_id
        labour = order.order_line.filtered(lambda line: line.discount == 100.0)
        self.assertEqual(len(labour), 6)
        self.assertTrue(all("(Maintenance Contract)" in name for name in labour.mapped("name")))
        self.assertAlmostEqual(order.amount_untaxed, 180.0)

    def test_a_contract_covers_only_its_service_types_and_its_term(self):
        self._contract(self.old_pump, covers_material=True)
        onsite = self._open_ticket(self.onsite, equipment_id=self.old_pump.id)
        self.assertFalse(onsite.contract_id)
        self.assertAlmostEqual(onsite.customer_cost, 210.0)
        self._contract(self.old_pump, name="Vollservice", covered_type_ids=[(6, 0, self.onsite.ids)],
                       contract_end="2026-11-19")
        ended = self._open_ticket(self.onsite, equipment_id=self.old_pump.id)
        self.assertFalse(ended.contract_id, "the contract ended the day before")
        self._contract(self.old_pump, name="Vollservice 2", covered_type_ids=[(6, 0, self.onsite.ids)])
        covered = self._open_ticket(self.onsite, equipment_id=self.old_pump.id)
        self.assertEqual(covered.contract_id.name, "Vollservice 2")
        self.assertAlmostEqual(covered.customer_cost, 50.0, msg="labour included, material billed")

    def test_a_maintenance_ticket_is_covered_by_the_plan_that_opens_it(self):
        contract = self._contract(self.old_pump, covers_material=True)
        ticket = contract._open_tickets()
        self.assertEqual(ticket.equipment_id, self.old_pump)
        self.assertEqual(ticket.contract_id, contract)
        self.assertAlmostEqual(ticket.customer_cost, 0.0)

    def test_choosing_the_equipment_later_decides_again_for_what_is_not_quoted(self):
        ticket = self._open_ticket()
        self.assertAlmostEqual(ticket.customer_cost, 780.0)
        ticket.equipment_id = self.new_pump
        self.assertAlmostEqual(ticket.customer_cost, 0.0)
        ticket.action_create_quotation()
        ticket.equipment_id = self.old_pump
        self.assertAlmostEqual(ticket.customer_cost, 0.0, msg="the quotation keeps what was offered")

    def test_the_old_free_text_equipment_stays_readable(self):
        ticket = self._open_ticket(equipment="HP-200 / SN 4711")
        self.assertEqual(ticket.equipment, "HP-200 / SN 4711")
        self.assertFalse(ticket.equipment_id)
        self.assertEqual(ticket.coverage, "chargeable")

    def test_equipment_is_found_by_serial_number_or_product(self):
        equipment = self.env["crm.ticket.equipment"]
        self.assertEqual([row[0] for row in equipment.name_search("T-7781")], [self.new_pump.id])
        found = {row[0] for row in equipment.name_search("HP-200", [("partner_id", "=", self.customer.id)])}
        self.assertEqual(found, {self.new_pump.id, self.old_pump.id})
        self.assertEqual(self.new_pump.display_name, "Hydraulikpumpe HP-200 (HP200-T-7781)")

    def test_a_german_customer_reads_garantie_on_the_quotation(self):
        if not self.env["res.lang"].search([("code", "=", "de_DE")]):
            self.env["res.lang"].load_lang("de_DE")
            self.env["ir.module.module"].search([("name", "=", "crm_ticketing")])._update_translations("de_DE")
        self.customer.lang = "de_DE"
        ticket = self._open_ticket(equipment_id=self.new_pump.id)
        ticket.action_create_quotation()
        names = ticket.sale_order_id.order_line.mapped("name")
        self.assertTrue(names and all(name.endswith("(Garantie)") for name in names), names)
