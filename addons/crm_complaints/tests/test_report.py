"""Stories of the printed complaint confirmation."""
from .common import ComplaintCase


class TestComplaintReport(ComplaintCase):
    """The customer gets a printed confirmation of the complaint in their own language."""

    def _render(self, complaint):
        report = self.env.ref("crm_complaints.action_report_crm_complaint")
        html, _format = report.render_qweb_html(complaint.ids)
        return html.decode("utf-8")

    def test_confirmation_in_english_for_an_english_customer(self):
        self.customer.lang = "en_US"
        complaint = self._complain("Housing cracked", "The housing cracked after a week.",
                                   remedy_type="replacement", remedy="A new housing, free of charge.")
        html = self._render(complaint)
        self.assertIn("Complaint", html)
        self.assertIn(complaint.name, html)
        self.assertIn("Our solution", html)
        self.assertIn("A new housing, free of charge.", html)

    def test_confirmation_in_german_for_a_german_customer(self):
        if not self.env["res.lang"].search([("code", "=", "de_DE"), ("active", "=", True)]):
            self.env["base.language.install"].create({"lang": "de_DE"}).lang_install()
        self.customer.lang = "de_DE"
        complaint = self._complain("Gehäuse gerissen", "Riss am Flansch.", remedy_type="replacement",
                                   remedy="Neues Gehäuse kostenlos.")
        html = self._render(complaint)
        self.assertIn("Reklamation", html)
        self.assertIn("Unsere Lösung", html)
        self.assertIn("Ersatzlieferung", html)
        self.assertNotIn("Our solution", html)
