"""Complaint management driven over XML-RPC the way the complaints desk and an integrator use it."""
import os
import subprocess
import uuid
from datetime import date, timedelta
from types import SimpleNamespace
from xmlrpc.client import Fault

import psycopg2
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.path.join(ROOT, ".local")
UNINSTALL_DB = "crm_test_uninstall_complaints"


def day(delta):
    return str(date.today() + timedelta(days=delta))


@pytest.fixture(scope="module")
def desk(odoo_server):
    """The demo complaints clerk (Petra Schulz), logged in over XML-RPC."""
    return odoo_server.client("complaints", "complaints")


@pytest.fixture(scope="module")
def world(admin):
    """Metallbau Berger (contact Jens Berger) with an invoice for three pumps; two earlier complaints about
    cracked housings of that pump with their remedies (Kühltechnik Ost got a new housing, Bäckerei Sommer a
    credit note) and an unrelated one of Bäckerei Sommer, whose salesperson Sven Verkauf is a plain
    salesperson."""
    tag = uuid.uuid4().hex[:6]
    partner = admin.model("res.partner")
    xmlid = admin.model("ir.model.data").xmlid_to_res_id
    seller_login = "seller-%s" % tag
    seller = admin.model("res.users").create({
        "name": "Sven Verkauf", "login": seller_login, "password": seller_login, "lang": "en_US",
        "groups_id": [(6, 0, [xmlid("base.group_user"), xmlid("sales_team.group_sale_salesman")])]})
    berger = partner.create({"name": "Metallbau Berger %s GmbH" % tag, "is_company": True, "customer": True})
    jens = partner.create({"name": "Jens Berger", "parent_id": berger.id, "phone": "0351 44 55 66"})
    kuehltechnik = partner.create({"name": "Kühltechnik Ost %s" % tag, "is_company": True, "customer": True})
    baeckerei = partner.create({"name": "Bäckerei Sommer %s" % tag, "is_company": True, "customer": True,
                                "user_id": seller.id})
    pump = admin.model("product.product").create({"name": "Umwälzpumpe UP-%s" % tag, "list_price": 240.0,
                                                  "taxes_id": [(6, 0, [])]})
    income = admin.model("account.account").search([("user_type_id.name", "=", "Income")], limit=1)[0]

    def invoice(customer, quantity):
        created = admin.model("account.invoice").create({
            "partner_id": customer.id, "date_invoice": day(-20), "date_due": day(10),
            "invoice_line_ids": [(0, 0, {"name": "Umwälzpumpe", "product_id": pump.id, "quantity": quantity,
                                         "price_unit": 240.0, "account_id": income})]})
        admin.execute("account.invoice", "action_invoice_open", [created.id])
        return created

    complaint = admin.model("crm.complaint")
    return SimpleNamespace(
        tag=tag, seller_login=seller_login, berger=berger, jens=jens, kuehltechnik=kuehltechnik,
        baeckerei=baeckerei, pump=pump,
        berger_invoice=invoice(berger, 3), kuehltechnik_invoice=invoice(kuehltechnik, 1),
        housing_replaced=complaint.create({
            "subject": "Riss im Gehäuse (%s)" % tag, "description": "Das Pumpengehäuse hat einen Riss am Flansch.",
            "partner_id": kuehltechnik.id, "product_id": pump.id, "remedy_type": "replacement",
            "remedy": "Neues Gehäuse kostenlos, Einbau durch unseren Monteur."}),
        housing_credited=complaint.create({
            "subject": "Gehäuse gerissen (%s)" % tag, "description": "Nach dem Transport ist das Gehäuse gerissen.",
            "partner_id": baeckerei.id, "product_id": pump.id, "remedy_type": "credit_note",
            "remedy": "Gutschrift über eine Pumpe."}),
        double_invoice=complaint.create({
            "subject": "Rechnung doppelt (%s)" % tag, "description": "Rechnung kam zweimal.",
            "partner_id": baeckerei.id}),
    )


@pytest.fixture(scope="module")
def call(desk, world):
    """Jens Berger calls: one of the three pumps has a cracked housing. The clerk records the complaint."""
    return desk.model("crm.complaint").create({
        "subject": "Gehäuse hat einen Riss", "partner_id": world.jens.id, "product_id": world.pump.id,
        "invoice_id": world.berger_invoice.id, "channel": "phone",
        "description": "Kunde ruft an: eine der drei Pumpen ist am Gehäuse gerissen, Wasser tritt aus."})


def test_customer_call_shows_two_similar_earlier_complaints_with_their_remedy(desk, world, call):
    # what the clerk typed, compared with every other complaint (the new one itself left out)
    hits = desk.execute("crm.complaint", "find_similar", "Gehäuse hat einen Riss", world.pump.id, 5,
                        [call.id])
    assert {hit["id"] for hit in hits[:2]} == {world.housing_replaced.id, world.housing_credited.id}
    first = hits[0]
    assert set(first) >= {"id", "name", "partner", "product", "stage", "remedy_type", "remedy", "score"}
    remedies = {hit["id"]: hit["remedy"] for hit in hits[:2]}
    assert remedies[world.housing_replaced.id] == "Neues Gehäuse kostenlos, Einbau durch unseren Monteur."
    assert world.double_invoice.id not in [hit["id"] for hit in hits]
    # the saved complaint shows them on its form too
    shown = desk.read("crm.complaint", call.id, ["similar_ids", "similar_html"])
    assert {world.housing_replaced.id, world.housing_credited.id} <= set(shown["similar_ids"])
    assert world.housing_replaced.name in shown["similar_html"]


def test_clerk_applies_the_remedy_and_creates_the_credit_note(admin, desk, world, call):
    desk.execute("crm.complaint", "apply_remedy_from", [call.id], world.housing_credited.id)
    complaint = desk.read("crm.complaint", call.id, ["remedy_type", "remedy", "remedy_source_id"])
    assert complaint["remedy_type"] == "credit_note"
    assert complaint["remedy"] == "Gutschrift über eine Pumpe."
    assert complaint["remedy_source_id"][0] == world.housing_credited.id
    line = admin.read("account.invoice", world.berger_invoice.id, ["invoice_line_ids"])["invoice_line_ids"][0]
    wizard = desk.model("crm.complaint.credit.note").create({
        "complaint_id": call.id, "invoice_id": world.berger_invoice.id,
        "line_ids": [(0, 0, {"invoice_line_id": line, "quantity": 1})]})
    desk.execute("crm.complaint.credit.note", "action_create_credit_note", [wizard.id])
    refunds = admin.read("account.invoice", [("complaint_id", "=", call.id)],
                         ["type", "state", "amount_total", "refund_invoice_id", "partner_id"])
    assert len(refunds) == 1
    assert refunds[0]["type"] == "out_refund" and refunds[0]["state"] == "draft"
    assert refunds[0]["amount_total"] == 240.0
    assert refunds[0]["refund_invoice_id"][0] == world.berger_invoice.id


def test_credit_note_beyond_the_invoice_or_for_another_customer_is_refused(admin, desk, world, call):
    line = admin.read("account.invoice", world.berger_invoice.id, ["invoice_line_ids"])["invoice_line_ids"][0]
    wizard = desk.model("crm.complaint.credit.note").create({
        "complaint_id": call.id, "invoice_id": world.berger_invoice.id,
        "line_ids": [(0, 0, {"invoice_line_id": line, "quantity": 3})]})
    # the clerk works in German: the refusal says what is left to credit
    with pytest.raises(Fault, match="2.0 können noch gutgeschrieben werden, 3.0 wurden angefordert"):
        desk.execute("crm.complaint.credit.note", "action_create_credit_note", [wizard.id])
    other_line = admin.read("account.invoice", world.kuehltechnik_invoice.id,
                            ["invoice_line_ids"])["invoice_line_ids"][0]
    wizard = desk.model("crm.complaint.credit.note").create({
        "complaint_id": call.id, "invoice_id": world.kuehltechnik_invoice.id,
        "line_ids": [(0, 0, {"invoice_line_id": other_line, "quantity": 1})]})
    with pytest.raises(Fault, match="gehört zu Kühltechnik Ost"):
        desk.execute("crm.complaint.credit.note", "action_create_credit_note", [wizard.id])
    assert admin.model("account.invoice").search_count([("complaint_id", "=", call.id)]) == 1


def test_suggestion_reaches_product_management_and_everything_is_in_the_history(admin, desk, world, call):
    manager = admin.model("res.users").search([("login", "=", "admin")])[0]
    desk.model("crm.complaint.suggestion").create({
        "name": "Gehäuse am Flansch verstärken", "product_id": world.pump.id,
        "complaint_ids": [(6, 0, [call.id, world.housing_replaced.id, world.housing_credited.id])],
        "product_manager_id": manager, "description": "Drei Risse am Flansch in kurzer Zeit."})
    todo = admin.read("crm.complaint.suggestion", [("product_manager_id", "=", manager), ("kind", "=", "suggestion"),
                                                   ("product_id", "=", world.pump.id)],
                      ["state", "complaint_count"])
    assert [(s["state"], s["complaint_count"]) for s in todo] == [("new", 3)]
    history = admin.read("crm.contact.history", [("partner_id", "=", world.berger.id)],
                         ["kind", "res_model", "res_id", "name"])
    kinds = {(row["kind"], row["res_model"]) for row in history}
    assert ("complaint", "crm.complaint") in kinds
    assert ("credit_note", "account.invoice") in kinds
    notes = [row["name"] for row in history if row["res_model"] == "crm.complaint" and row["kind"] == "note"]
    assert notes, "the complaint's notes (credit note, suggestion) belong to the customer's history"
    partner = admin.read("res.partner", world.berger.id, ["complaint_count"])
    assert partner["complaint_count"] == 1


def test_complaints_clerk_sees_all_but_cannot_delete(desk, world):
    seen = desk.model("crm.complaint").search([("id", "in", [world.housing_replaced.id, world.housing_credited.id])])
    assert sorted(seen) == sorted([world.housing_replaced.id, world.housing_credited.id])
    with pytest.raises(Fault, match="Sie sind nicht berechtigt dieses Dokument zu löschen"):
        desk.execute("crm.complaint", "unlink", [world.double_invoice.id])


def test_plain_salesperson_sees_only_complaints_of_own_customers(odoo_server, world):
    seller = odoo_server.client(world.seller_login, world.seller_login)
    own = seller.model("crm.complaint").search([("commercial_partner_id", "=", world.baeckerei.id)])
    assert sorted(own) == sorted([world.housing_credited.id, world.double_invoice.id])
    assert seller.model("crm.complaint").search([("id", "=", world.housing_replaced.id)]) == []
    hits = seller.execute("crm.complaint", "find_similar", "Gehäuse gerissen", world.pump.id, 10)
    assert world.housing_credited.id in [hit["id"] for hit in hits]
    assert world.housing_replaced.id not in [hit["id"] for hit in hits]
    with pytest.raises(Fault, match="you are not allowed to modify this document"):
        seller.write("crm.complaint", [world.housing_credited.id], {"remedy": "Darf ich nicht"})
    with pytest.raises(Fault, match="you are not allowed to create this kind of document"):
        seller.model("crm.complaint").create({"subject": "Neu", "partner_id": world.baeckerei.id})


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
    wait(browser).until(lambda d: world.housing_replaced.name in d.find_element(
        By.CSS_SELECTOR, ".o_crm_complaint_similar").text)
    listed = browser.find_element(By.CSS_SELECTOR, ".o_crm_complaint_similar").text
    assert world.housing_credited.name in listed
    assert "Gutschrift über eine Pumpe." in listed
    assert browser.find_elements(By.CSS_SELECTOR, ".o_form_editable")  # still unsaved, still typing
    screenshot(browser, "crm_complaints_similar_while_typing.png")


@pytest.fixture
def complaints_database():
    """A throw-away database with Complaint Management (and the customer file it builds on) and its demo
    complaints, dropped afterwards; yields a function that runs SQL on it."""
    log = os.path.join(LOCAL, "pytest-%s.log" % UNINSTALL_DB)
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "db.sh"), "fresh", UNINSTALL_DB, "--log-level=warn",
                    "--logfile=" + log], env=dict(os.environ, CRM_MODULES="crm_complaints"), check=True)
    _check_log(log)

    def query(sql):
        with psycopg2.connect(dbname=UNINSTALL_DB) as connection, connection.cursor() as cr:
            cr.execute(sql)
            rows = cr.fetchall()
        connection.close()
        return [row[0] if len(row) == 1 else row for row in rows]

    try:
        yield query
    finally:
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "db.sh"), "drop", UNINSTALL_DB], check=True)


def _uninstall(module):
    """Uninstall `module` the way the Apps menu does (button_immediate_uninstall), in an Odoo shell."""
    log = os.path.join(LOCAL, "pytest-%s-uninstall.log" % UNINSTALL_DB)
    if os.path.exists(log):
        os.remove(log)
    script = ("env['ir.module.module'].search([('name', '=', %r)]).button_immediate_uninstall()\n"
              "env.cr.commit()\n" % module)
    subprocess.run([os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "odoo-bin"), "shell",
                    "-c", os.path.join(LOCAL, "odoo.conf"), "-d", UNINSTALL_DB, "--log-level=warn",
                    "--logfile=" + log], input=script.encode(), check=True)
    _check_log(log)


def _check_log(log):
    """Odoo logs a failed step of an install or uninstall as ERROR and goes on: the log decides."""
    subprocess.run([os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "check_odoo_log.py"),
                    log, "--min-tests", "0"], check=True)


@pytest.mark.slow
def test_uninstalling_complaints_leaves_no_search_structures_behind(complaints_database):
    """The administrator removes Complaint Management: its vocabulary, trigger functions, triggers and search
    column go with it; the pg_trgm extension and the customer history stay."""
    query = complaints_database
    functions = "SELECT proname FROM pg_proc WHERE proname LIKE 'crm\\_complaint%' ORDER BY proname"
    triggers = "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'crm\\_complaint%'"
    tables = ("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
              "AND table_name LIKE 'crm\\_complaint%'")
    indexes = "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'crm\\_complaint%'"
    assert query(functions) == ["crm_complaint_search_vector", "crm_complaint_vocabulary"]
    assert len(query(triggers)) == 3
    assert query("SELECT count(*) FROM crm_complaint_word WHERE ndoc > 0")[0] > 0, "demo complaints counted"
    assert {"crm_complaint_search_vector_idx", "crm_complaint_word_trgm_idx"} <= set(query(indexes))

    _uninstall("crm_complaints")

    assert query("SELECT state FROM ir_module_module WHERE name = 'crm_complaints'") == ["uninstalled"]
    assert query(functions) == []
    assert query(triggers) == []
    assert query(tables) == []
    assert query(indexes) == []
    assert query("SELECT column_name FROM information_schema.columns WHERE column_name IN "
                 "('search_vector', 'complaint_id', 'complaint_origin_line_id')") == []
    assert query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'") == ["pg_trgm"]
    assert query("SELECT count(*) FROM crm_contact_history WHERE kind = 'complaint'") == [0]
