"""Stories: a German user sees the ticket's field labels, step buttons, process kind and service level in German."""
from lxml import etree

from .common import TicketingCase

GERMAN = "de_DE"


class TestTicketGerman(TicketingCase):
    """Each German translation is linked to the field or button it belongs to. The service-level clock's
    fields come from crm_complaints' mixin; their German labels on the ticket come with crm_ticketing's
    translations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["res.lang"].search([("code", "=", GERMAN)]):
            cls.env["res.lang"].load_lang(GERMAN)
        cls.env["ir.module.module"].search([("name", "=", "crm_ticketing")])._update_translations(GERMAN)
        cls.german = cls.env(context=dict(cls.env.context, lang=GERMAN))

    def test_the_ticket_fields_carry_their_german_labels(self):
        labels = {name: description["string"] for name, description in self.german["crm.ticket"].fields_get(
            ["type_id", "stage_id", "maintenance_plan_id", "date_start"], ["string"]).items()}
        self.assertEqual(labels, {"type_id": "Serviceart", "stage_id": "Phase",
                                  "maintenance_plan_id": "Wartungsplan", "date_start": "Beginn"})

    def test_the_start_button_of_a_step_says_starten(self):
        for view, model in (("crm_ticketing.crm_ticket_step_view_form", "crm.ticket.step"),
                            ("crm_ticketing.crm_ticket_step_view_tree", "crm.ticket.step"),
                            ("crm_ticketing.crm_ticket_view_form", "crm.ticket")):
            result = self.german[model].fields_view_get(self.env.ref(view).id)
            archs = [result["arch"]] + [  # the ticket form holds its steps' list as a subview
                sub["arch"] for field in result["fields"].values() for sub in field.get("views", {}).values()]
            buttons = [button for arch in archs for button in etree.fromstring(arch).xpath(
                "//button[@name='action_start']")]
            self.assertTrue(buttons, view)
            self.assertEqual({button.get("string") for button in buttons}, {"Starten"}, view)

    def test_an_open_ticket_is_a_serviceticket_among_the_open_processes(self):
        ticket = self._open_ticket()
        processes = self.customer.with_context(lang=GERMAN)._crm_open_processes()
        mine = [process for process in processes if process["kind"] == "ticket"]
        self.assertEqual([(process["id"], process["kind_label"]) for process in mine], [(ticket.id, "Serviceticket")])

    def test_the_service_level_fields_of_a_ticket_are_german(self):
        fields = self.german["crm.ticket"].fields_get(["sla_status", "sla_deadline", "sla_paused_hours"],
                                                      ["string", "selection"])
        self.assertEqual(fields["sla_status"]["string"], "Service-Level")
        self.assertEqual(fields["sla_deadline"]["string"], "Service-Level-Frist")
        self.assertEqual(fields["sla_paused_hours"]["string"], "Stunden Warten auf Kunden")
        self.assertIn(("at_risk", "Gefährdet"), fields["sla_status"]["selection"])

    def test_the_service_project_is_named_in_the_language_of_its_company(self):
        """Project names are not translatable: a German company books its service time on "Kundenservice"."""
        project = self.env.ref("crm_ticketing.project_customer_service")
        company_partner = (project.company_id or self.env.ref("base.main_company")).partner_id
        for lang, name in ((GERMAN, "Kundenservice"), ("en_US", "Customer Service")):
            company_partner.lang = lang
            self.env["crm.ticket"]._name_default_project()
            self.assertEqual(project.name, name, lang)

    def test_the_equipment_menu_lists_geraete_and_a_ticket_names_its_geraet(self):
        self.assertEqual(self.german.ref("crm_ticketing.crm_ticket_equipment_menu").name, "Geräte")
        self.assertEqual(self.german.ref("crm_ticketing.crm_ticket_equipment_action").name, "Geräte")
        label = self.german["crm.ticket"].fields_get(["equipment_id"], ["string"])["equipment_id"]["string"]
        self.assertEqual(label, "Gerät")
