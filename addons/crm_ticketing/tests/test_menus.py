from odoo.addons.crm_contact_history.tests.common import CustomerServiceCase


class TestCrmTicketingMenu(CustomerServiceCase):
    """The Service menu is there for its group, not for every salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_user("crm_ticketing.member", ["crm_ticketing.group_crm_ticketing_technician"])
        cls.salesperson = cls._create_user("crm_ticketing.sales", ["sales_team.group_sale_salesman"])

    def test_group_member_sees_menu(self):
        self.assertMenuVisible(self.member, "crm_ticketing.crm_ticketing_menu")

    def test_other_salesperson_does_not(self):
        self.assertMenuVisible(self.salesperson, "crm_ticketing.crm_ticketing_menu", False)
