"""Story: the complaints desk answers with canned responses, in the reader's language."""
from .common import ComplaintCase

GERMAN = "de_DE"


class TestCannedResponses(ComplaintCase):
    """Typing ":eingang" in the chatter inserts the acknowledgement; the web client reads the canned
    responses as the chat manager does (search_read of mail.shortcode in the user's language)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["res.lang"].search([("code", "=", GERMAN)]):
            cls.env["res.lang"].load_lang(GERMAN)
        cls.env["ir.module.module"].search([("name", "=", "crm_complaints")])._update_translations(GERMAN)

    def _canned(self, lang):
        shortcodes = self.env["mail.shortcode"].sudo().with_context(lang=lang).search_read(
            [("shortcode_type", "=", "text")], ["source", "substitution"])
        return {shortcode["source"]: shortcode["substitution"] for shortcode in shortcodes}

    def test_a_german_clerk_gets_the_german_acknowledgement(self):
        self.assertTrue(self._canned(GERMAN)["eingang"].startswith("Vielen Dank für Ihre Nachricht"))
        self.assertTrue(self._canned("en_US")["eingang"].startswith("Thank you for your message"))

    def test_the_desk_has_its_everyday_answers(self):
        self.assertLessEqual({"eingang", "fotos", "gutschrift", "ersatzlieferung"}, set(self._canned(GERMAN)))
