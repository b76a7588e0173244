from odoo.addons.crm_contact_history.tests.common import CustomerServiceCase


class TestCrmTelephonyMenu(CustomerServiceCase):
    """The Calls menu is there for its group, not for every salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_user("crm_telephony.member", ["crm_telephony.group_crm_telephony_user"])
        cls.salesperson = cls._create_user("crm_telephony.sales", ["sales_team.group_sale_salesman"])

    def test_group_member_sees_menu(self):
        self.assertMenuVisible(self.member, "crm_telephony.crm_telephony_menu")

    def test_other_salesperson_does_not(self):
        self.assertMenuVisible(self.salesperson, "crm_telephony.crm_telephony_menu", False)
