"""Stories of the complaint itself: reference, stages, history, counters, access."""
from odoo.exceptions import AccessError

from .common import ComplaintCase


class TestComplaint(ComplaintCase):
    """A complaint gets a reference, moves through stages and shows up in the customer's file."""

    def test_new_complaint_gets_reference_and_first_stage(self):
        complaint = self._complain("Display flackert", partner=self.jana)
        year = complaint.create_date[:4]
        self.assertRegex(complaint.name, r"^REK-%s-\d{5}$" % year)
        self.assertEqual(complaint.stage_id, self.stage_new)
        self.assertEqual(complaint.commercial_partner_id, self.customer)

    def test_closing_stage_records_close_date_and_reopening_clears_it(self):
        complaint = self._complain("Display flackert")
        complaint.stage_id = self.stage_closed
        self.assertTrue(complaint.is_closed)
        self.assertTrue(complaint.date_closed)
        complaint.stage_id = self.stage_new
        self.assertFalse(complaint.date_closed)

    def test_complaint_is_in_contact_history_and_open_processes_until_closed(self):
        complaint = self._complain("Pumpe undicht", partner=self.jana, date_deadline=self._days(3))
        history = self.env["crm.contact.history"].search([("partner_id", "=", self.customer.id),
                                                          ("kind", "=", "complaint")])
        self.assertEqual(history.mapped("res_id"), [complaint.id])
        self.assertEqual(history.contact_id, self.jana)
        self.assertIn("Pumpe undicht", history.name)
        processes = [p for p in self.customer._crm_open_processes() if p["kind"] == "complaint"]
        self.assertEqual([(p["model"], p["id"]) for p in processes], [("crm.complaint", complaint.id)])
        self.assertEqual(processes[0]["deadline"], self._days(3))
        complaint.stage_id = self.stage_closed
        self.assertFalse([p for p in self.customer._crm_open_processes() if p["kind"] == "complaint"])

    def test_open_processes_stay_sorted_by_deadline(self):
        self._complain("Später", date_deadline=self._days(10))
        self._complain("Ohne Frist")
        self._complain("Bald", date_deadline=self._days(1))
        names = [p["name"] for p in self.customer._crm_open_processes() if p["kind"] == "complaint"]
        self.assertEqual([n.split(" ", 1)[1] for n in names], ["Bald", "Später", "Ohne Frist"])

    def test_partner_counter_counts_company_and_contacts_in_one_query(self):
        self._complain("Eins", partner=self.customer)
        self._complain("Zwei", partner=self.jana)
        self._complain("Fremd", partner=self.other_customer)
        partners = self.customer | self.jana | self.other_customer
        self.assertEqual([p.complaint_count for p in partners], [2, 2, 1])
        partners.invalidate_cache()
        before = self.cr.sql_log_count
        self.customer.mapped("complaint_count")
        one = self.cr.sql_log_count - before
        partners.invalidate_cache()
        before = self.cr.sql_log_count
        partners.mapped("complaint_count")
        self.assertEqual(self.cr.sql_log_count - before, one, "the counter must not query per partner")
        action = self.customer.action_open_complaints()
        self.assertEqual(self.env["crm.complaint"].search(action["domain"]).mapped("subject"), ["Zwei", "Eins"])

    def test_partner_counter_is_zero_for_an_employee_who_may_not_read_complaints(self):
        self._complain("Eins")
        employee = self._create_user("emil.employee", ["base.group_user"])
        self.assertEqual(self.customer.sudo(employee).complaint_count, 0)
        self.assertEqual(self.customer.complaint_count, 1)

    def test_salesperson_sees_only_complaints_of_own_customers(self):
        self.customer.user_id = self.seller
        own = self._complain("Eigene Kundschaft")
        foreign = self._complain("Fremde Kundschaft", partner=self.other_customer)
        visible = self.env["crm.complaint"].sudo(self.seller).search([("id", "in", (own | foreign).ids)])
        self.assertEqual(visible, own)
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            own.sudo(self.seller).write({"remedy": "Darf ich nicht"})
        clerk_visible = self.env["crm.complaint"].sudo(self.clerk).search([("id", "in", (own | foreign).ids)])
        self.assertEqual(clerk_visible, own | foreign)

    def test_complaint_of_another_company_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "Schwesterfirma GmbH"})
        hidden = self._complain("Andere Firma", company_id=other_company.id)
        visible = self.env["crm.complaint"].sudo(self.clerk).search([("id", "=", hidden.id)])
        self.assertFalse(visible)

    def test_category_and_stage_are_labelled_in_german_for_a_german_user(self):
        # the German entries must link to the complaint's fields, not to the id fields of stage and category
        if not self.env["res.lang"].search([("code", "=", "de_DE"), ("active", "=", True)]):
            self.env["base.language.install"].create({"lang": "de_DE"}).lang_install()
        labels = self.env["crm.complaint"].with_context(lang="de_DE").fields_get(["category_id", "stage_id"])
        self.assertEqual(labels["category_id"]["string"], "Kategorie")
        self.assertEqual(labels["stage_id"]["string"], "Phase")

    def test_menu_visible_to_complaint_users_only(self):
        self.assertMenuVisible(self.clerk, "crm_complaints.crm_complaints_menu")
        self.assertMenuVisible(self.clerk, "crm_complaints.crm_complaint_menu")
        self.assertMenuVisible(self.seller, "crm_complaints.crm_complaints_menu", visible=False)
        self.assertMenuVisible(self.clerk, "crm_complaints.crm_complaints_menu_config", visible=False)
