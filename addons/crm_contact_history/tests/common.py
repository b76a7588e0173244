from datetime import timedelta

from odoo import fields
from odoo.tests.common import SavepointCase


class CustomerServiceCase(SavepointCase):
    """Shared helpers of the Customer Service tests: users, customers, orders, invoices, payments.

    Everything is built here; the tests do not depend on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_create_nolog=True))
        cls.company = cls.env.user.company_id
        cls.currency = cls.company.currency_id
        cls.product = cls.env["product.product"].create({
            "name": "Hydraulikpumpe HP-200", "type": "consu", "list_price": 100.0,
            "invoice_policy": "order", "taxes_id": [(6, 0, [])],
        })
        cls.income_account = cls.env["account.account"].search([
            ("company_id", "=", cls.company.id),
            ("user_type_id", "=", cls.env.ref("account.data_account_type_revenue").id)], limit=1)
        cls.bank_journal = cls.env["account.journal"].search([
            ("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1)

    @classmethod
    def _create_user(cls, login, group_xmlids):
        groups = [cls.env.ref(xmlid).id for xmlid in group_xmlids]
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login.replace(".", " ").title(),
            "login": login,
            "email": "%s@example.com" % login,
            "groups_id": [(6, 0, groups)],
        })

    @classmethod
    def _create_portal_user(cls, contact, login, email):
        """A portal login of `contact`, a customer's contact person (with the e-mail a portal user needs)."""
        contact.email = email
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": contact.name, "login": login, "partner_id": contact.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})

    @classmethod
    def _create_customer(cls, name, contacts=()):
        company = cls.env["res.partner"].create({"name": name, "is_company": True, "customer": True})
        persons = cls.env["res.partner"]
        for contact in contacts:
            persons |= cls.env["res.partner"].create({"name": contact, "parent_id": company.id})
        return company, persons

    @classmethod
    def _create_order(cls, partner, amount, confirm=False, currency=None, date=None):
        values = {
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1, "price_unit": amount,
                                   "tax_id": [(6, 0, [])]})],
        }
        if currency and currency != cls.currency:
            values["pricelist_id"] = cls.env["product.pricelist"].create({
                "name": "Pricelist %s" % currency.name, "currency_id": currency.id}).id
        if date:
            values["date_order"] = date
        order = cls.env["sale.order"].create(values)
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _create_invoice(cls, partner, amount, date_invoice, date_due, kind="out_invoice", currency=None,
                        validate=True):
        invoice = cls.env["account.invoice"].create({
            "partner_id": partner.id,
            "type": kind,
            "date_invoice": date_invoice,
            "date_due": date_due,
            "currency_id": (currency or cls.currency).id,
            "invoice_line_ids": [(0, 0, {"name": "Hydraulikpumpe", "quantity": 1, "price_unit": amount,
                                         "account_id": cls.income_account.id})],
        })
        if validate:
            invoice.action_invoice_open()
        return invoice

    @classmethod
    def _pay(cls, invoice, date, amount=None):
        payment = cls.env["account.payment"].create({
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": invoice.commercial_partner_id.id,
            "amount": amount if amount is not None else invoice.residual,
            "currency_id": invoice.currency_id.id,
            "journal_id": cls.bank_journal.id,
            "payment_date": date,
            "payment_method_id": cls.env.ref("account.account_payment_method_manual_in").id,
            "invoice_ids": [(6, 0, invoice.ids)],
        })
        payment.post()
        return payment

    @staticmethod
    def _days(delta):
        """Today (in UTC) shifted by `delta` days, as an Odoo date string."""
        return fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=delta))

    @classmethod
    def _local_days(cls, delta):
        """Today as the test's user counts it (in their time zone, as fields.Date.context_today: the
        customer evaluation and the payment grades count days so), shifted by `delta` days. Between
        midnight in Berlin and midnight in UTC the two days differ."""
        today = fields.Date.from_string(fields.Date.context_today(cls.env["res.partner"]))
        return fields.Date.to_string(today + timedelta(days=delta))

    def assertMenuVisible(self, user, menu_xmlid, visible=True):
        menu = self.env.ref(menu_xmlid)
        seen = self.env["ir.ui.menu"].sudo(user).search([("id", "=", menu.id)])
        self.assertEqual(bool(seen), visible, "%s should %sbe visible to %s" % (
            menu_xmlid, "" if visible else "not ", user.login))
