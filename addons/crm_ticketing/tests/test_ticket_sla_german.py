"""Story: a German service manager reads the ticket's service-level clock in German."""
from .common import TicketingCase

GERMAN = "de_DE"


class TestTicketSlaGerman(TicketingCase):
    """The clock's fields come from crm_complaints' mixin; their German labels on the ticket come with
    crm_ticketing's translations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["res.lang"].search([("code", "=", GERMAN)]):
            cls.env["res.lang"].load_lang(GERMAN)
        cls.env["ir.module.module"].search([("name", "=", "crm_ticketing")])._update_translations(GERMAN)
        cls.german = cls.env(context=dict(cls.env.context, lang=GERMAN))

    def test_the_service_level_fields_of_a_ticket_are_german(self):
        fields = self.german["crm.ticket"].fields_get(["sla_status", "sla_deadline", "sla_paused_hours"],
                                                      ["string", "selection"])
        self.assertEqual(fields["sla_status"]["string"], "Service-Level")
        self.assertEqual(fields["sla_deadline"]["string"], "Service-Level-Frist")
        self.assertEqual(fields["sla_paused_hours"]["string"], "Stunden Warten auf Kunden")
        self.assertIn(("at_risk", "Gefährdet"), fields["sla_status"]["selection"])
