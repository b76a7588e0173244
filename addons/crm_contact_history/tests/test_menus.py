from .common import CustomerServiceCase


class TestCustomerServiceMenu(CustomerServiceCase):
    """The Customer Service app is there for salespeople, and only for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls._create_user("sven.sales", ["sales_team.group_sale_salesman"])
        cls.employee = cls._create_user("erika.employee", ["base.group_user"])

    def test_salesperson_sees_customer_service(self):
        self.assertMenuVisible(self.salesperson, "crm_contact_history.menu_customer_service_root")

    def test_plain_employee_does_not(self):
        self.assertMenuVisible(self.employee, "crm_contact_history.menu_customer_service_root", False)

    def test_german_user_sees_kundenservice(self):
        root = self.env.ref("crm_contact_history.menu_customer_service_root")
        self.assertEqual(root.with_context(lang="de_DE").name, "Kundenservice")

    def test_german_user_reads_history_kinds_in_german(self):
        kinds = dict(self.env["crm.contact.history"].with_context(lang="de_DE").fields_get(
            ["kind"])["kind"]["selection"])
        self.assertEqual((kinds["note"], kinds["letter"], kinds["credit_note"]),
                         ("Notiz", "Dokument versandt", "Gutschrift"))
