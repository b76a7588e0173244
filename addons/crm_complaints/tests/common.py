"""Shared fixtures of the complaint tests: a clerk, a salesperson, customers, filing a complaint."""
from odoo.addons.crm_contact_history.tests.common import CustomerServiceCase


class ComplaintCase(CustomerServiceCase):
    """Customers, a complaints clerk and helpers to file complaints; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls._create_user("petra.clerk", ["base.group_user", "crm_complaints.group_crm_complaints_user"])
        cls.seller = cls._create_user("sam.seller", ["base.group_user", "sales_team.group_sale_salesman"])
        cls.customer, cls.jana = cls._create_customer("Maschinenbau Kurz GmbH", ["Jana Kurz"])  # Jana: its contact
        cls.other_customer, _ = cls._create_customer("Druckerei Lang KG")
        cls.stage_new = cls.env.ref("crm_complaints.stage_new")
        cls.stage_closed = cls.env.ref("crm_complaints.stage_closed")

    @classmethod
    def _complain(cls, subject, description="", partner=None, product=None, **values):
        values.update({
            "subject": subject,
            "description": description,
            "partner_id": (partner or cls.customer).id,
            "product_id": product.id if product else False,
        })
        return cls.env["crm.complaint"].create(values)
