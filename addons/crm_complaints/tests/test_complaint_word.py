"""Stories of the vocabulary that the similarity search learns from every complaint."""
from odoo.exceptions import AccessError

from .common import ComplaintCase


class TestComplaintWord(ComplaintCase):
    """Each complaint's words are counted as it is saved; nobody edits the vocabulary by hand."""

    def _stem(self, word):
        """The German stem PostgreSQL's full-text search stores for `word`."""
        self.env.cr.execute("SELECT unnest(tsvector_to_array(to_tsvector('german', %s)))", [word])
        return self.env.cr.fetchone()[0]

    def _ndoc(self, word):
        words = self.env["crm.complaint.word"]
        words.invalidate_cache()  # the triggers write behind the ORM's back
        return words.search([("word", "=", self._stem(word))]).ndoc

    def test_a_new_word_is_learnt_and_counted_per_complaint(self):
        stem = self._stem("Zahnradgetriebe")
        self.assertFalse(self.env["crm.complaint.word"].search([("word", "=", stem)]))
        self._complain("Zahnradgetriebe knirscht")
        self.assertEqual(self._ndoc("Zahnradgetriebe"), 1)
        self._complain("Zahnradgetriebe blockiert", "Das Zahnradgetriebe blockiert nach dem Start.")
        self.assertEqual(self._ndoc("Zahnradgetriebe"), 2, "a complaint counts once, however often it says it")

    def test_an_edited_text_adds_its_new_words_without_counting_the_complaint_again(self):
        complaint = self._complain("Schaltknauf locker")
        complaint.description = "Der Schaltknauf fällt ab, Schraubverbindung gelöst."
        self.assertEqual(self._ndoc("Schaltknauf"), 1)
        self.assertEqual(self._ndoc("Schraubverbindung"), 1)

    def test_complaint_users_read_the_vocabulary_but_nobody_writes_it(self):
        self._complain("Zahnradgetriebe knirscht")
        Word = self.env["crm.complaint.word"].sudo(self.clerk)
        word = Word.search([("word", "=", self._stem("Zahnradgetriebe"))])
        self.assertEqual(word.ndoc, 1)
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            word.write({"ndoc": 100})
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            Word.create({"word": "erfunden", "ndoc": 1})
        with self.assertRaisesRegex(AccessError, "not allowed to access"):
            self.env["crm.complaint.word"].sudo(self.seller).search([])
