"""Complaint management driven over XML-RPC the way the complaints desk and an integrator use it."""
import uuid
from datetime import date, timedelta
from xmlrpc.client import Fault

import pytest


def day(delta):
    return str(date.today() + timedelta(days=delta))


@pytest.fixture(scope="module")
def desk(odoo_server):
    """The demo complaints clerk (Petra Schulz), logged in over XML-RPC."""
    return odoo_server.client("complaints", "complaints")


@pytest.fixture(scope="module")
def world(admin):
    """A customer with an invoice for three housings, two earlier complaints about cracked housings with their
    remedies, an unrelated one, and a second customer looked after by a plain salesperson."""
    tag = uuid.uuid4().hex[:6]
    partner = admin.model("res.partner")
    seller_login = "seller-%s" % tag
    seller = admin.model("res.users").create({
        "name": "Sven Verkauf", "login": seller_login, "password": seller_login,
        "groups_id": [(6, 0, [admin.model("ir.model.data").xmlid_to_res_id("base.group_user"),
                              admin.model("ir.model.data").xmlid_to_res_id("sales_team.group_sale_salesman")])]})
    customer = partner.create({"name": "Metallbau Berger %s GmbH" % tag, "is_company": True, "customer": True})
    caller = partner.create({"name": "Jens Berger", "parent_id": customer.id, "phone": "0351 44 55 66"})
    earlier_1 = partner.create({"name": "Kühltechnik Ost %s" % tag, "is_company": True, "customer": True})
    earlier_2 = partner.create({"name": "Bäckerei Sommer %s" % tag, "is_company": True, "customer": True,
                                "user_id": seller.id})
    product = admin.model("product.product").create({"name": "Umwälzpumpe UP-%s" % tag, "list_price": 240.0,
                                                     "taxes_id": [(6, 0, [])]})
    income = admin.model("account.account").search([("user_type_id.name", "=", "Income")], limit=1)[0]
    invoice = admin.model("account.invoice").create({
        "partner_id": customer.id, "date_invoice": day(-20), "date_due": day(10),
        "invoice_line_ids": [(0, 0, {"name": "Umwälzpumpe", "product_id": product.id, "quantity": 3,
                                     "price_unit": 240.0, "account_id": income})]})
    admin.execute("account.invoice", "action_invoice_open", [invoice.id])
    other_invoice = admin.model("account.invoice").create({
        "partner_id": earlier_1.id, "date_invoice": day(-20), "date_due": day(10),
        "invoice_line_ids": [(0, 0, {"name": "Umwälzpumpe", "product_id": product.id, "quantity": 1,
                                     "price_unit": 240.0, "account_id": income})]})
    admin.execute("account.invoice", "action_invoice_open", [other_invoice.id])
    complaint = admin.model("crm.complaint")
    crack_1 = complaint.create({
        "subject": "Riss im Gehäuse (%s)" % tag, "description": "Das Pumpengehäuse hat einen Riss am Flansch.",
        "partner_id": earlier_1.id, "product_id": product.id, "remedy_type": "replacement",
        "remedy": "Neues Gehäuse kostenlos, Einbau durch unseren Monteur."})
    crack_2 = complaint.create({
        "subject": "Gehäuse gerissen (%s)" % tag, "description": "Nach dem Transport ist das Gehäuse gerissen.",
        "partner_id": earlier_2.id, "product_id": product.id, "remedy_type": "credit_note",
        "remedy": "Gutschrift über eine Pumpe."})
    noise = complaint.create({"subject": "Rechnung doppelt (%s)" % tag, "description": "Rechnung kam zweimal.",
                              "partner_id": earlier_2.id})
    return {"tag": tag, "customer": customer, "caller": caller, "product": product, "invoice": invoice,
            "other_invoice": other_invoice, "crack_1": crack_1, "crack_2": crack_2, "noise": noise,
            "seller_login": seller_login, "other_customer": earlier_2}


@pytest.fixture(scope="module")
def call(desk, world):
    """Jens Berger calls: one of the three pumps has a cracked housing. The clerk records the complaint."""
    return desk.model("crm.complaint").create({
        "subject": "Gehäuse hat einen Riss", "partner_id": world["caller"].id, "product_id": world["product"].id,
        "invoice_id": world["invoice"].id, "channel": "phone",
        "description": "Kunde ruft an: eine der drei Pumpen ist am Gehäuse gerissen, Wasser tritt aus."})


def test_customer_call_shows_two_similar_earlier_complaints_with_their_remedy(desk, world, call):
    # what the clerk typed, compared with every other complaint (the new one itself left out)
    hits = desk.execute("crm.complaint", "find_similar", "Gehäuse hat einen Riss", world["product"].id, 5,
                        [call.id])
    assert {hit["id"] for hit in hits[:2]} == {world["crack_1"].id, world["crack_2"].id}
    first = hits[0]
    assert set(first) >= {"id", "name", "partner", "product", "stage", "remedy_type", "remedy", "score"}
    remedies = {hit["id"]: hit["remedy"] for hit in hits[:2]}
    assert remedies[world["crack_1"].id] == "Neues Gehäuse kostenlos, Einbau durch unseren Monteur."
    assert world["noise"].id not in [hit["id"] for hit in hits]
    # the saved complaint shows them on its form too
    shown = desk.read("crm.complaint", call.id, ["similar_ids", "similar_html"])
    assert {world["crack_1"].id, world["crack_2"].id} <= set(shown["similar_ids"])
    assert world["crack_1"].name in shown["similar_html"]


def test_clerk_applies_the_remedy_and_creates_the_credit_note(admin, desk, world, call):
    desk.execute("crm.complaint", "apply_remedy_from", [call.id], world["crack_2"].id)
    complaint = desk.read("crm.complaint", call.id, ["remedy_type", "remedy", "remedy_source_id"])
    assert complaint["remedy_type"] == "credit_note"
    assert complaint["remedy"] == "Gutschrift über eine Pumpe."
    assert complaint["remedy_source_id"][0] == world["crack_2"].id
    line = admin.read("account.invoice", world["invoice"].id, ["invoice_line_ids"])["invoice_line_ids"][0]
    wizard = desk.model("crm.complaint.credit.note").create({
        "complaint_id": call.id, "invoice_id": world["invoice"].id,
        "line_ids": [(0, 0, {"invoice_line_id": line, "quantity": 1})]})
    desk.execute("crm.complaint.credit.note", "action_create_credit_note", [wizard.id])
    refunds = admin.read("account.invoice", [("complaint_id", "=", call.id)],
                         ["type", "state", "amount_total", "refund_invoice_id", "partner_id"])
    assert len(refunds) == 1
    assert refunds[0]["type"] == "out_refund" and refunds[0]["state"] == "draft"
    assert refunds[0]["amount_total"] == 240.0
    assert refunds[0]["refund_invoice_id"][0] == world["invoice"].id


def test_credit_note_beyond_the_invoice_or_for_another_customer_is_refused(admin, desk, world, call):
    line = admin.read("account.invoice", world["invoice"].id, ["invoice_line_ids"])["invoice_line_ids"][0]
    wizard = desk.model("crm.complaint.credit.note").create({
        "complaint_id": call.id, "invoice_id": world["invoice"].id,
        "line_ids": [(0, 0, {"invoice_line_id": line, "quantity": 3})]})
    # the clerk works in German: the refusal says what is left to credit
    with pytest.raises(Fault, match="2.0 können noch gutgeschrieben werden, 3.0 wurden angefordert"):
        desk.execute("crm.complaint.credit.note", "action_create_credit_note", [wizard.id])
    other_line = admin.read("account.invoice", world["other_invoice"].id,
                            ["invoice_line_ids"])["invoice_line_ids"][0]
    wizard = desk.model("crm.complaint.credit.note").create({
        "complaint_id": call.id, "invoice_id": world["other_invoice"].id,
        "line_ids": [(0, 0, {"invoice_line_id": other_line, "quantity": 1})]})
    with pytest.raises(Fault, match="gehört zu Kühltechnik Ost"):
        desk.execute("crm.complaint.credit.note", "action_create_credit_note", [wizard.id])
    assert admin.model("account.invoice").search_count([("complaint_id", "=", call.id)]) == 1


def test_suggestion_reaches_product_management_and_everything_is_in_the_history(admin, desk, world, call):
    manager = admin.model("res.users").search([("login", "=", "admin")])[0]
    desk.model("crm.complaint.suggestion").create({
        "name": "Gehäuse am Flansch verstärken", "product_id": world["product"].id,
        "complaint_ids": [(6, 0, [call.id, world["crack_1"].id, world["crack_2"].id])],
        "product_manager_id": manager, "description": "Drei Risse am Flansch in kurzer Zeit."})
    todo = admin.read("crm.complaint.suggestion", [("product_manager_id", "=", manager),
                                                   ("product_id", "=", world["product"].id)],
                      ["state", "complaint_count"])
    assert [(s["state"], s["complaint_count"]) for s in todo] == [("new", 3)]
    history = admin.read("crm.contact.history", [("partner_id", "=", world["customer"].id)],
                         ["kind", "res_model", "res_id", "name"])
    kinds = {(row["kind"], row["res_model"]) for row in history}
    assert ("complaint", "crm.complaint") in kinds
    assert ("credit_note", "account.invoice") in kinds
    notes = [row["name"] for row in history if row["res_model"] == "crm.complaint" and row["kind"] == "note"]
    assert notes, "the complaint's notes (credit note, suggestion) belong to the customer's history"
    partner = admin.read("res.partner", world["customer"].id, ["complaint_count"])
    assert partner["complaint_count"] == 1


def test_complaints_clerk_sees_all_but_cannot_delete(desk, world):
    seen = desk.model("crm.complaint").search([("id", "in", [world["crack_1"].id, world["crack_2"].id])])
    assert sorted(seen) == sorted([world["crack_1"].id, world["crack_2"].id])
    with pytest.raises(Fault, match="(?i)access|zugriff"):
        desk.execute("crm.complaint", "unlink", [world["noise"].id])


def test_plain_salesperson_sees_only_complaints_of_own_customers(odoo_server, world):
    seller = odoo_server.client(world["seller_login"], world["seller_login"])
    own = seller.model("crm.complaint").search([("commercial_partner_id", "=", world["other_customer"].id)])
    assert sorted(own) == sorted([world["crack_2"].id, world["noise"].id])
    assert seller.model("crm.complaint").search([("id", "=", world["crack_1"].id)]) == []
    hits = seller.execute("crm.complaint", "find_similar", "Gehäuse gerissen", world["product"].id, 10)
    assert world["crack_2"].id in [hit["id"] for hit in hits]
    assert world["crack_1"].id not in [hit["id"] for hit in hits]
    with pytest.raises(Fault, match="(?i)access|zugriff"):
        seller.write("crm.complaint", [world["crack_2"].id], {"remedy": "Darf ich nicht"})
    with pytest.raises(Fault, match="(?i)access|zugriff"):
        seller.model("crm.complaint").create({"subject": "Neu", "partner_id": world["other_customer"].id})


def test_similar_complaints_appear_in_the_browser_while_typing(odoo_server, browser, world):
    """The clerk opens a new complaint, types the subject, and sees the earlier cracked housings before saving."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from webclient import login, open_action, screenshot, wait, wait_idle

    login(browser, odoo_server, "complaints", "complaints")
    open_action(browser, odoo_server, "crm_complaints.crm_complaint_action", view_type="form")
    subject = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".o_form_editable input[name='subject']"))
    subject.send_keys("Gehäuse gerissen" + Keys.TAB)
    wait_idle(browser)
    wait(browser).until(lambda d: world["crack_1"].name in d.find_element(
        By.CSS_SELECTOR, ".o_crm_complaint_similar").text)
    listed = browser.find_element(By.CSS_SELECTOR, ".o_crm_complaint_similar").text
    assert world["crack_2"].name in listed
    assert "Gutschrift über eine Pumpe." in listed
    assert browser.find_elements(By.CSS_SELECTOR, ".o_form_editable")  # still unsaved, still typing
    screenshot(browser, "crm_complaints_similar_while_typing.png")
