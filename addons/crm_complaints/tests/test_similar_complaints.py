"""Stories of finding similar known complaints and taking over their remedy."""
from odoo.exceptions import UserError

from .common import ComplaintCase


class TestSimilarComplaints(ComplaintCase):
    """While a complaint is typed, similar known complaints and their remedies are shown, best first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.pump = Product.create({"name": "Kreiselpumpe KP-80", "type": "consu"})
        cls.compressor = Product.create({"name": "Kompressor KX-50", "type": "consu"})
        cls.crack_pump = cls._complain(
            "Riss im Gehäuse", "Das Gehäuse hat an der Flanschseite einen Riss.", product=cls.pump,
            remedy_type="replacement", remedy="Neues Gehäuse kostenlos geliefert.")
        cls.crack_compressor = cls._complain(
            "Gehäuse gerissen", "Beim Einschalten ist das Gehäuse gerissen.", product=cls.compressor,
            remedy_type="credit_note", remedy="Gutschrift über 50 %.")
        cls.noise = cls._complain("Lautes Geräusch", "Der Motor brummt sehr laut im Betrieb.", product=cls.pump)
        cls.leak = cls._complain("Dichtung undicht", "Aus der Dichtung tropft Öl.", product=cls.pump)
        cls.english = cls._complain("Housing cracked", "The housing of the compressor cracked after a week.",
                                    product=cls.compressor)

    def _names(self, hits):
        """References of the hits among the complaints made by this test (a database may hold others)."""
        return [hit["name"] for hit in hits if hit["id"] >= self.crack_pump.id]

    def test_reworded_german_defect_finds_both_cracked_housings_first(self):
        hits = self.env["crm.complaint"].find_similar("Gehäuse gerissen")
        self.assertEqual(set(self._names(hits)[:2]), {self.crack_pump.name, self.crack_compressor.name})
        self.assertNotIn(self.leak.name, self._names(hits))

    def test_inflected_form_matches(self):
        hits = self.env["crm.complaint"].find_similar("Risse an den Gehäusen")
        self.assertEqual(set(self._names(hits)[:2]), {self.crack_pump.name, self.crack_compressor.name})

    def test_same_product_ranked_first(self):
        hits = self.env["crm.complaint"].find_similar("Gehäuse gerissen", product_id=self.pump.id)
        self.assertEqual(hits[0]["name"], self.crack_pump.name)
        hits = self.env["crm.complaint"].find_similar("Riss im Gehäuse", product_id=self.compressor.id)
        self.assertEqual(hits[0]["name"], self.crack_compressor.name)

    def test_typos_still_find_the_defect(self):
        hits = self.env["crm.complaint"].find_similar("Gehäsue gerisen")
        self.assertIn(self.crack_pump.name, self._names(hits)[:2])
        self.assertIn(self.crack_compressor.name, self._names(hits)[:2])

    def test_hits_carry_what_the_clerk_needs(self):
        hit = self.env["crm.complaint"].find_similar("Riss im Gehäuse", product_id=self.pump.id)[0]
        self.assertEqual(hit["id"], self.crack_pump.id)
        self.assertEqual(hit["partner"], self.customer.display_name)
        self.assertEqual(hit["product"], self.pump.display_name)
        self.assertEqual(hit["stage"], self.stage_new.name)
        self.assertEqual(hit["remedy_type"], "replacement")
        self.assertEqual(hit["remedy"], "Neues Gehäuse kostenlos geliefert.")
        self.assertTrue(0 < hit["score"] <= 100)

    def test_bad_input_empty_one_word_english_html(self):
        Complaint = self.env["crm.complaint"]
        self.assertEqual(Complaint.find_similar(""), [])
        self.assertEqual(Complaint.find_similar("   "), [])
        self.assertEqual(Complaint.find_similar(False), [])
        self.assertEqual(self._names(Complaint.find_similar("Dichtung"))[:1], [self.leak.name])
        self.assertEqual(self._names(Complaint.find_similar("compressor housing cracked"))[:1], [self.english.name])
        html = "<div><p>Sehr geehrte Damen und Herren,</p><p>das <b>Gehäuse</b> ist <i>gerissen</i>!</p></div>"
        self.assertIn(self.crack_compressor.name, self._names(Complaint.find_similar(html))[:3])
        self.assertEqual(Complaint.find_similar("x' | & ! :* (\\"), [])

    def test_limit_is_respected(self):
        self.assertEqual(len(self.env["crm.complaint"].find_similar("Gehäuse Riss Dichtung laut", limit=2)), 2)

    def test_similar_list_appears_while_typing_before_saving(self):
        Complaint = self.env["crm.complaint"]
        values = Complaint.default_get(list(Complaint._fields))
        # the web client sends every field of the form, the list of similar complaints still empty
        values.update({"subject": "Gehäuse hat einen Riss", "product_id": self.pump.id,
                       "similar_html": False, "similar_ids": [(6, 0, [])]})
        result = Complaint.onchange(values, "subject", Complaint._onchange_spec())
        self.assertIn(self.crack_pump.name, result["value"]["similar_html"])
        self.assertIn("Neues Gehäuse kostenlos geliefert.", result["value"]["similar_html"])

    def test_saved_complaint_being_edited_lists_others_not_itself(self):
        Complaint = self.env["crm.complaint"]
        complaint = self._complain("Gehäuse gerissen", "Riss am Flansch.", product=self.pump)
        # the web client asks on the saved record with the form's values
        values = {"subject": complaint.subject, "description": "Riss am Flansch, Gehäuse gerissen.",
                  "product_id": self.pump.id, "similar_html": False, "similar_ids": [(6, 0, [])]}
        result = complaint.onchange(values, "description", Complaint._onchange_spec())
        self.assertIn(self.crack_pump.name, result["value"]["similar_html"])
        self.assertNotIn(complaint.name, result["value"]["similar_html"])

    def test_saved_complaint_lists_others_not_itself(self):
        complaint = self._complain("Gehäuse gerissen", product=self.pump)
        self.assertIn(self.crack_pump, complaint.similar_ids)
        self.assertNotIn(complaint, complaint.similar_ids)
        self.assertIn(self.crack_pump.name, complaint.similar_html)

    def test_apply_this_remedy_copies_type_and_text(self):
        complaint = self._complain("Gehäuse gerissen", product=self.pump)
        complaint.with_context(remedy_source_id=self.crack_pump.id).action_apply_remedy()
        self.assertEqual(complaint.remedy_type, "replacement")
        self.assertEqual(complaint.remedy, "Neues Gehäuse kostenlos geliefert.")
        self.assertEqual(complaint.remedy_source_id, self.crack_pump)

    def test_apply_remedy_in_form_onchange(self):
        complaint = self.env["crm.complaint"].new({"subject": "Riss", "remedy_source_id": self.crack_compressor.id})
        complaint._onchange_remedy_source_id()
        self.assertEqual(complaint.remedy_type, "credit_note")
        self.assertEqual(complaint.remedy, "Gutschrift über 50 %.")

    def test_remedy_of_complaint_without_remedy_is_refused(self):
        complaint = self._complain("Lautes Brummen", product=self.pump)
        with self.assertRaisesRegex(UserError, "has no remedy to apply"):
            complaint.apply_remedy_from(self.noise.id)

    def test_salesperson_sees_only_similar_complaints_they_may_read(self):
        self.customer.user_id = self.seller
        foreign = self._complain("Gehäuse gerissen", partner=self.other_customer, product=self.pump)
        names = self._names(self.env["crm.complaint"].sudo(self.seller).find_similar("Gehäuse gerissen"))
        self.assertIn(self.crack_pump.name, names)
        self.assertNotIn(foreign.name, names)
