from odoo.addons.crm_contact_history.tests.common import CustomerServiceCase


class TestCrmComplaintsMenu(CustomerServiceCase):
    """The Complaints menu is there for its group, not for every salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_user("crm_complaints.member", ["crm_complaints.group_crm_complaints_user"])
        cls.salesperson = cls._create_user("crm_complaints.sales", ["sales_team.group_sale_salesman"])

    def test_group_member_sees_menu(self):
        self.assertMenuVisible(self.member, "crm_complaints.crm_complaints_menu")

    def test_other_salesperson_does_not(self):
        self.assertMenuVisible(self.salesperson, "crm_complaints.crm_complaints_menu", False)
