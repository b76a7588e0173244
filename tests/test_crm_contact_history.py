"""The customer file, driven over XML-RPC and in the browser like an office worker and an integrator do."""
import uuid
from datetime import date, timedelta

from xmlrpc.client import Fault

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import click_visible, login, screenshot, wait, wait_idle


def day(delta):
    return str(date.today() + timedelta(days=delta))


@pytest.fixture(scope="module")
def story(admin):
    """A customer with an order, an invoice paid 10 days late, a meeting, a note and an insight."""
    tag = uuid.uuid4().hex[:6]
    customer = admin.model("res.partner").create({"name": "Hoffmann Antriebe %s GmbH" % tag, "is_company": True,
                                                  "customer": True})
    # a number no demo contact has: a demo caller stays one known caller for the pop-up stories
    contact = admin.model("res.partner").create({"name": "Petra Hoffmann", "parent_id": customer.id,
                                                 "phone": "0711 9876-54"})
    product = admin.model("product.product").create({"name": "Getriebe G-7 %s" % tag, "list_price": 1000.0,
                                                     "taxes_id": [(6, 0, [])]})
    order = admin.model("sale.order").create({
        "partner_id": contact.id, "date_order": day(-30) + " 09:00:00",
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2, "price_unit": 1000.0,
                               "tax_id": [(6, 0, [])]})]})
    admin.execute("sale.order", "action_confirm", [order.id])
    income = admin.model("account.account").search([("user_type_id.name", "=", "Income")], limit=1)[0]
    invoice = admin.model("account.invoice").create({
        "partner_id": customer.id, "date_invoice": day(-40), "date_due": day(-20),
        "invoice_line_ids": [(0, 0, {"name": "Getriebe G-7", "quantity": 1, "price_unit": 1000.0,
                                     "account_id": income})]})
    admin.execute("account.invoice", "action_invoice_open", [invoice.id])
    bank = admin.model("account.journal").search([("type", "=", "bank")], limit=1)[0]
    manual_in = admin.model("account.payment.method").search(
        [("code", "=", "manual"), ("payment_type", "=", "inbound")])[0]
    payment = admin.model("account.payment").create({
        "payment_type": "inbound", "partner_type": "customer", "partner_id": customer.id, "amount": 1000.0,
        "journal_id": bank, "payment_date": day(-10), "payment_method_id": manual_in,
        "invoice_ids": [(6, 0, [invoice.id])]})
    admin.execute("account.payment", "post", [payment.id])
    meeting = admin.model("calendar.event").create({
        "name": "Werksbesichtigung", "start": day(-5) + " 10:00:00", "stop": day(-5) + " 12:00:00",
        "partner_ids": [(6, 0, [contact.id])]})
    admin.execute_kw("res.partner", "message_post", [[contact.id]], {
        "body": "Interessiert an Wartungsvertrag", "message_type": "comment", "subtype": "mail.mt_note"})
    insight = admin.model("crm.customer.insight").create({
        "partner_id": contact.id, "date": day(-1), "source": "visit", "category": "competitor",
        "sentiment": "negative", "text": "Wettbewerber bietet 5 % Rabatt"})
    return {"customer": customer, "contact": contact, "order": order, "invoice": invoice, "meeting": meeting,
            "insight": insight}


def test_history_tells_the_story_newest_first(admin, story):
    rows = admin.read("crm.contact.history", [("partner_id", "=", story["customer"].id)],
                      ["kind", "res_model", "res_id", "date", "contact_id"])
    kinds = [row["kind"] for row in rows if row["kind"] != "email_out"]
    assert kinds[:5] == ["note", "insight", "meeting", "sale_order", "invoice"], kinds
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    by_kind = {row["kind"]: row for row in rows}
    assert (by_kind["sale_order"]["res_model"], by_kind["sale_order"]["res_id"]) == ("sale.order",
                                                                                     story["order"].id)
    assert by_kind["invoice"]["res_id"] == story["invoice"].id
    assert by_kind["meeting"]["res_id"] == story["meeting"].id
    assert by_kind["insight"]["res_id"] == story["insight"].id
    assert by_kind["note"]["contact_id"][0] == story["contact"].id


def test_figures_and_payment_behaviour(admin, story):
    figures = admin.read("res.partner", story["customer"].id, [
        "quotation_count", "order_backlog_amount", "open_invoice_amount", "overdue_amount",
        "payment_grade", "payment_avg_days_late", "payment_late_share", "history_count"])
    assert figures["quotation_count"] == 0
    assert figures["order_backlog_amount"] == 2000.0
    assert figures["open_invoice_amount"] == 0.0 and figures["overdue_amount"] == 0.0
    assert figures["payment_avg_days_late"] == 10.0
    assert figures["payment_late_share"] == 100.0
    assert figures["payment_grade"] == "B"
    assert figures["history_count"] >= 5


def test_open_processes_show_the_order_still_to_invoice(admin, story):
    html = admin.read("res.partner", story["customer"].id, ["open_processes_html"])["open_processes_html"]
    order_name = admin.read("sale.order", story["order"].id, ["name"])["name"]
    assert order_name in html
    assert "model=sale.order&amp;id=%d" % story["order"].id in html


def test_salesperson_without_invoicing_sees_no_invoice_figures_or_invoices(admin, odoo_server, story):
    """A salesperson who sees all orders (not only her own) but has no invoicing rights."""
    login_name = "vertrieb.%s" % uuid.uuid4().hex[:6]
    admin.model("res.users").create({
        "name": "Vera Vertrieb", "login": login_name, "password": "geheim-123",
        "groups_id": [(6, 0, [admin.model("ir.model.data").get_object_reference(*xmlid.split("."))[1]
                              for xmlid in ("base.group_user", "sales_team.group_sale_salesman_all_leads")])]})
    sales = odoo_server.client(login_name, "geheim-123")
    values = sales.read("res.partner", story["customer"].id, ["quotation_count", "order_backlog_amount"])
    assert values["order_backlog_amount"] == 2000.0
    with pytest.raises(Fault, match="AccessError"):
        sales.read("res.partner", story["customer"].id, ["overdue_amount"])
    kinds = {row["kind"] for row in sales.read("crm.contact.history",
                                               [("partner_id", "=", story["customer"].id)], ["kind"])}
    assert "invoice" not in kinds and "sale_order" in kinds
    with pytest.raises(Fault, match="AccessError"):
        sales.model("crm.customer.insight").browse(story["insight"].id).unlink()


def test_salesperson_of_own_documents_sees_the_totals_of_her_own_orders_only(admin, odoo_server, story):
    """The demo salesperson `sales` may open only her own orders and invoices (Odoo's "own documents" rules):
    the customer file adds up exactly those, not her colleagues' quotations, backlog or open invoices."""
    sales_id = admin.search("res.users", [("login", "=", "sales")])[0]
    product = admin.model("product.product").search([("sale_ok", "=", True)], limit=1)[0]

    def quotation(user_id, price):
        return admin.model("sale.order").create({
            "partner_id": story["contact"].id, "user_id": user_id,
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 1, "price_unit": price,
                                   "tax_id": [(6, 0, [])]})]}).id
    own = quotation(sales_id, 150.0)
    quotation(admin.search("res.users", [("login", "=", "admin")])[0], 9000.0)  # a colleague's
    sales = odoo_server.client("sales", "sales")
    readable = sales.search("sale.order", [("partner_id", "child_of", story["customer"].id),
                                           ("state", "in", ("draft", "sent"))])
    assert readable == [own]
    figures = sales.read("res.partner", story["customer"].id,
                         ["quotation_count", "quotation_amount", "order_backlog_amount", "open_invoice_amount"])
    assert (figures["quotation_count"], figures["quotation_amount"]) == (1, 150.0)
    assert figures["order_backlog_amount"] == 0.0  # the confirmed order of the story is the administrator's
    assert figures["open_invoice_amount"] == 0.0
    as_admin = admin.read("res.partner", story["customer"].id, ["quotation_count", "quotation_amount"])
    assert (as_admin["quotation_count"], as_admin["quotation_amount"]) == (2, 9150.0)


@pytest.mark.browser
def test_customer_file_opens_from_partner_form(odoo_server, browser, story):
    login(browser, odoo_server)
    browser.get("%s/web#model=res.partner&id=%d&view_type=form" % (odoo_server.url, story["customer"].id))
    click_visible(browser, "//button[contains(@class, 'o_crm_customer_file_button')]", timeout=60)
    wait(browser, 30).until(EC.presence_of_element_located(
        (By.XPATH, "//span[contains(@class,'o_stat_text') and normalize-space()='Order Backlog']")))
    wait_idle(browser)
    page = browser.find_element(By.CSS_SELECTOR, ".o_form_view").text
    assert "Payment Behaviour" in page and "Order Backlog" in page
    assert "2,000.00" in page  # the backlog
    history_rows = browser.find_elements(By.CSS_SELECTOR, "div[name='history_ids'] .o_data_row")
    assert len(history_rows) >= 5
    assert any("Werksbesichtigung" in row.text for row in history_rows)
    screenshot(browser, "customer_file.png")


@pytest.mark.parametrize("login", ["sales", "agent", "complaints", "technician"])
def test_every_history_row_a_role_sees_is_a_document_it_can_open(odoo_server, login):
    """Names, previews and amounts of documents reach a role through the history only when that role
    may open the document (its access rights and record rules), on the whole demo."""
    user = odoo_server.client(login, login)
    rows = user.execute_kw("crm.contact.history", "search_read", [[]],
                           {"fields": ["res_model", "res_id"], "limit": 2000})
    assert rows, "every demo role sees some history"
    by_model = {}
    for row in rows:
        by_model.setdefault(row["res_model"], set()).add(row["res_id"])
    for model, ids in sorted(by_model.items()):
        readable = set(user.execute_kw(model, "search", [[("id", "in", sorted(ids))]], {"context": {
            "active_test": False}}))
        assert ids == readable, "%s sees history rows of %s %s it may not open" % (
            login, model, sorted(ids - readable))
    assert user.execute_kw("crm.contact.history", "search_count", [[]]) == len(rows)
