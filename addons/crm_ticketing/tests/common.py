"""The service company every ticketing test starts from: calendar, team, technicians, customer, factory repair."""
from odoo.addons.crm_contact_history.tests.common import CustomerServiceCase

TECHNICIAN = "crm_ticketing.group_crm_ticketing_technician"
MANAGER = "crm_ticketing.group_crm_ticketing_manager"


class TicketingCase(CustomerServiceCase):
    """A service company working Monday to Friday 8:00-16:00 (Berlin), a service team led by a manager,
    two technicians and a customer with a broken machine. Nothing from demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Europe/Berlin"
        cls.calendar = cls.env["resource.calendar"].create({
            "name": "Mo-Fr 8-16",
            "attendance_ids": [(0, 0, {"name": "Day %d" % day, "dayofweek": str(day), "hour_from": 8.0,
                                       "hour_to": 16.0}) for day in range(5)],
        })
        cls.company.resource_calendar_id = cls.calendar
        cls.manager = cls._create_user("service.manager", [MANAGER])
        cls.technician = cls._create_user("service.tech", [TECHNICIAN])
        cls.technician2 = cls._create_user("service.tech2", [TECHNICIAN])
        cls.team = cls.env["crm.team"].create({"name": "Werkstatt", "user_id": cls.manager.id})
        cls.customer, cls.contact = cls._create_customer("Müller Maschinenbau GmbH", ["Petra Müller"])
        cls.factory_repair = cls._create_type("Factory repair", [
            ("Organise pick-up", 0.5, None, 0, 4),
            ("Incoming inspection", 1.5, cls.technician, 0, 16),
            ("Cost estimate", 0.5, None, 0, 4),
            ("Repair in the workshop", 3.5, cls.technician, 180.0, 16),
            ("Function test", 1.0, cls.technician2, 0, 8),
            ("Return shipment", 0.5, None, 0, 8),
        ])

    @classmethod
    def _create_type(cls, name, steps, rate=80.0):
        """A service type; `steps`: (name, planned hours, responsible, material cost, deadline hours)."""
        return cls.env["crm.ticket.type"].create({
            "name": name,
            "team_id": cls.team.id,
            "step_ids": [(0, 0, {"name": step, "sequence": index, "planned_hours": hours, "labour_rate": rate,
                                 "user_id": user.id if user else False, "material_cost": material,
                                 "deadline_hours": allowed})
                         for index, (step, hours, user, material, allowed) in enumerate(steps, 1)],
        })

    def _open_ticket(self, ticket_type=None, date_start="2026-11-20 08:00:00", **values):
        """A ticket of the customer, started at `date_start` (UTC; a Friday 9:00 in Berlin by default)."""
        values.update({"title": "Pump leaks oil", "partner_id": self.customer.id, "contact_id": self.contact.id,
                       "type_id": (ticket_type or self.factory_repair).id, "team_id": self.team.id,
                       "date_start": date_start})
        return self.env["crm.ticket"].create(values)

    @staticmethod
    def _step(ticket, name):
        return ticket.step_ids.filtered(lambda s: s.name == name)

    def _log_time(self, step, hours, user=None, name="Work"):
        """A timesheet line of `user` (default: the current one) on `step`, as logged in the step's form."""
        lines = self.env["account.analytic.line"].sudo(user) if user else self.env["account.analytic.line"]
        return lines.create({"crm_ticket_step_id": step.id, "name": name, "unit_amount": hours,
                             "user_id": (user or self.env.user).id})

    def _onchange(self, values, field):
        """Run the form's onchange like the web client: every field of the form is sent."""
        model = self.env["crm.ticket"]
        spec = model._onchange_spec()
        sent = {name: False for name in spec if "." not in name}
        sent.update({name: [] for name, field in model._fields.items()
                     if name in sent and field.type in ("one2many", "many2many")})
        sent.update(model.default_get(list(sent)))
        sent.update(values)
        return model.onchange(sent, field, spec)
