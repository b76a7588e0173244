"""Agents, a salesperson and customers with German numbers; events applied as the webhook user."""
from odoo.addons.crm_contact_history.tests.common import CustomerServiceCase


class TelephonyCase(CustomerServiceCase):
    """Agents, a salesperson and customers with German numbers; events applied as the webhook user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.de")
        cls.company.partner_id.lang = "en_US"  # calls are named in the company's language: English here
        cls.agent = cls._create_user("anna.agent", ["crm_telephony.group_crm_telephony_user"])
        cls.agent.write({"sipgate_user_id": "w7", "phone_extension": "207"})
        cls.colleague = cls._create_user("carl.colleague", ["crm_telephony.group_crm_telephony_user"])
        cls.salesperson = cls._create_user("sven.sales", ["sales_team.group_sale_salesman"])
        cls.webhook_user = cls.env.ref("crm_telephony.user_telephony_webhook")
        cls.webhook = cls.env["crm.telephony.webhook"].sudo(cls.webhook_user)

    def _event(self, kind, call_id, provider="sipgate", **values):
        """Apply a normalised event of the agent's line (as the webhooks do after parsing)."""
        event = {"provider": provider, "kind": kind, "call_id": call_id, "direction": "in",
                 "from": "4969555123", "to": "4930555000", "agents": {"sipgate_user_ids": ["w7"]}}
        event.update(values)
        return self.webhook._process(self.company, event)
