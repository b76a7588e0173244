from odoo.tests.common import SavepointCase


class CustomerServiceCase(SavepointCase):
    """Shared helpers of the Customer Service tests: users of given groups, visible menus."""

    @classmethod
    def _create_user(cls, login, group_xmlids):
        groups = [cls.env.ref(xmlid).id for xmlid in group_xmlids]
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login.replace(".", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, groups)],
        })

    def assertMenuVisible(self, user, menu_xmlid, visible=True):
        menu = self.env.ref(menu_xmlid)
        seen = self.env["ir.ui.menu"].sudo(user).search([("id", "=", menu.id)])
        self.assertEqual(bool(seen), visible, "%s should %sbe visible to %s" % (
            menu_xmlid, "" if visible else "not ", user.login))
