"""Stories: a service manager stores a process as a template with its time, cost and lead time."""
from odoo.exceptions import ValidationError

from .common import TicketingCase


class TestTicketType(TicketingCase):
    """A service manager stores a process as a template: steps, order, time, cost and lead time."""

    def test_steps_wait_for_the_previous_step_unless_told_otherwise(self):
        steps = self.factory_repair.step_ids.sorted("sequence")
        self.assertFalse(steps[0].predecessor_ids)
        for previous, step in zip(steps, steps[1:]):
            self.assertEqual(step.predecessor_ids, previous)

    def test_type_shows_total_hours_cost_and_critical_path(self):
        self.assertEqual(self.factory_repair.step_count, 6)
        self.assertAlmostEqual(self.factory_repair.planned_hours, 7.5)
        self.assertAlmostEqual(self.factory_repair.planned_cost, 7.5 * 80 + 180)
        self.assertAlmostEqual(self.factory_repair.lead_time_hours, 4 + 16 + 4 + 16 + 8 + 8)

    def test_parallel_steps_shorten_the_lead_time(self):
        installation = self._create_type("Installation", [
            ("Plan delivery", 0.5, None, 0, 16), ("Prepare power supply", 0.5, None, 0, 24),
            ("Set up machine", 4.0, None, 0, 16)])
        delivery, power, setup = installation.step_ids.sorted("sequence")
        power.write({"after_previous": False, "predecessor_ids": [(6, 0, [])]})
        setup.write({"after_previous": False, "predecessor_ids": [(6, 0, (delivery | power).ids)]})
        self.assertFalse(power.predecessor_ids)
        self.assertAlmostEqual(installation.lead_time_hours, 24 + 16, msg="longest chain: power, then set-up")

    def test_cycle_is_refused_with_the_steps_named(self):
        first, second, third = self.factory_repair.step_ids.sorted("sequence")[:3]
        with self.assertRaises(ValidationError) as error:
            first.write({"after_previous": False, "predecessor_ids": [(6, 0, third.ids)]})
        message = error.exception.name
        self.assertIn("cycle", message)
        self.assertIn("Organise pick-up → Incoming inspection → Cost estimate → Organise pick-up", message)

    def test_predecessor_from_another_type_is_refused(self):
        other = self._create_type("Other", [("Elsewhere", 1.0, None, 0, 1)])
        with self.assertRaises(ValidationError):
            self.factory_repair.step_ids[0].write({"after_previous": False,
                                                   "predecessor_ids": [(6, 0, other.step_ids.ids)]})

    def test_negative_hours_or_cost_are_refused(self):
        step = self.factory_repair.step_ids[0]
        for field in ("planned_hours", "material_cost", "labour_rate", "deadline_hours"):
            with self.assertRaises(ValidationError, msg=field):
                step.write({field: -1.0})

    def test_reordering_steps_keeps_the_default_chain(self):
        steps = self.factory_repair.step_ids.sorted("sequence")
        steps[5].sequence = 0  # the return shipment now comes first
        self.assertFalse(steps[5].predecessor_ids)
        self.assertEqual(steps[0].predecessor_ids, steps[5])
