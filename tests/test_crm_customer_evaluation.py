"""The customer evaluation driven over XML-RPC: a sales manager runs it, a German salesperson reads it."""
import uuid
from datetime import datetime, timedelta
from types import SimpleNamespace
from xmlrpc.client import Fault

import pytest
import pytz


def day(delta):
    """Today in Berlin shifted by `delta` days: the evaluation counts days as its German users do."""
    return str(datetime.now(pytz.timezone("Europe/Berlin")).date() + timedelta(days=delta))


@pytest.fixture(scope="module")
def story(admin):
    """Gruber Bau ordered every month (154, 124 and 94 days ago) and then stopped; its salesperson Sabine
    Vertrieb works in German."""
    tag = uuid.uuid4().hex[:6]
    xmlid = admin.model("ir.model.data").xmlid_to_res_id
    login = "sabine-%s" % tag
    salesperson = admin.model("res.users").create({
        "name": "Sabine Vertrieb", "login": login, "password": login, "lang": "de_DE",
        "groups_id": [(6, 0, [xmlid("base.group_user"), xmlid("sales_team.group_sale_salesman")])]})
    customer = admin.model("res.partner").create({"name": "Gruber Bau %s AG" % tag, "is_company": True,
                                                  "customer": True, "user_id": salesperson.id})
    product = admin.model("product.product").create({"name": "Schalungsträger %s" % tag, "list_price": 80.0,
                                                     "taxes_id": [(6, 0, [])]})
    for days_ago in (154, 124, 94):
        order = admin.model("sale.order").create({
            "partner_id": customer.id, "date_order": day(-days_ago) + " 10:00:00",
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 10, "price_unit": 80.0})]})
        admin.execute("sale.order", "action_confirm", [order.id])
    return SimpleNamespace(customer=customer, salesperson=salesperson, login=login)


def _calls(admin, story):
    call = admin.model("ir.model.data").xmlid_to_res_id("mail.mail_activity_data_call")
    return admin.execute("mail.activity", "search_read", [
        ("res_model", "=", "res.partner"), ("res_id", "=", story.customer.id), ("activity_type_id", "=", call)],
        ["user_id", "note", "date_deadline"])


def test_orders_stopping_make_a_high_risk_the_salesperson_reads_in_german_and_calls_once(odoo_server, admin, story):
    first = admin.execute("res.partner", "crm_evaluate")
    again = admin.execute("res.partner", "crm_evaluate", [story.customer.id])
    assert first["evaluated"] >= 1 and again == {"evaluated": 1, "risk_changed": 0}
    sabine = odoo_server.client(story.login, story.login)
    fields = ["customer_churn_risk", "customer_risk_reasons", "customer_order_interval", "customer_abc_class"]
    [values] = sabine.read("res.partner", [story.customer.id], fields)
    assert values["customer_churn_risk"] == "high"
    assert values["customer_risk_reasons"] == "Letzte Bestellung vor 94 Tagen, sonst alle 30 Tage"
    assert values["customer_order_interval"] == 30.0
    calls = _calls(admin, story)
    assert len(calls) == 1, "one call task, however often the evaluation ran"
    assert calls[0]["user_id"][0] == story.salesperson.id
    assert "Letzte Bestellung vor 94 Tagen" in calls[0]["note"], "the note speaks the salesperson's language"
    assert calls[0]["date_deadline"] > day(0)


def test_a_salesperson_may_not_run_the_evaluation_nor_read_the_revenue(odoo_server, story):
    sabine = odoo_server.client(story.login, story.login)
    with pytest.raises(Fault, match="Nur Vertriebsleiter dürfen die Kundenbewertung starten"):
        sabine.execute("res.partner", "crm_evaluate", [story.customer.id])
    with pytest.raises(Fault, match="AccessError|Zugriff|access"):
        sabine.read("res.partner", [story.customer.id], ["customer_revenue_12m"])


def test_the_agent_sees_the_at_risk_badge_and_the_file_shows_the_trend(admin, odoo_server, browser):
    """Lausitzer Baustoffe stopped ordering; when its buyer calls, the German agent's pop-up says so; the
    customer file's trend button opens the monthly evaluations as a graph."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC

    from fakes.telephony import calls, configure, new_customer, post_sipgate, sipgate_call
    from webclient import click_stat_button, login, screenshot, wait, wait_text

    signer = configure(admin)
    customer = new_customer(admin, "Lausitzer Baustoffe %s GmbH" % uuid.uuid4().hex[:6])
    product = admin.model("product.product").search([("sale_ok", "=", True)], limit=1)[0]
    for days_ago in (154, 124, 94):
        order = admin.model("sale.order").create({
            "partner_id": customer.company_id, "date_order": day(-days_ago) + " 10:00:00",
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 1, "price_unit": 80.0})]})
        admin.execute("sale.order", "action_confirm", [order.id])
    login(browser, odoo_server, "agent", "agent")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_crm_telephony_systray")))
    call_id = uuid.uuid4().hex[:12]
    assert post_sipgate(odoo_server, signer, sipgate_call("newCall", call_id, customer.sipgate_number)
                        ).status_code == 200
    wait_text(browser, '.o_crm_telephony_popup[data-call-id="%d"][data-complete="1"] .o_crm_telephony_risk' % (
        calls(admin, call_id)[0]["id"]), "Gefährdet", "Letzte Bestellung vor 94 Tagen, sonst alle 30 Tage")
    screenshot(browser, "crm_customer_evaluation_badge.png")
    assert post_sipgate(odoo_server, signer, sipgate_call("hangup", call_id, customer.sipgate_number,
                                                          cause="cancel")).status_code == 200

    browser.get(odoo_server.url + "/web/session/logout")
    login(browser, odoo_server)
    form = admin.model("ir.model.data").xmlid_to_res_id("crm_contact_history.res_partner_view_form_customer_file")
    browser.get("about:blank")  # a full load: a mere change of the hash may race the web client's first action
    browser.get("%s/web#model=res.partner&id=%d&view_type=form&view_id=%d" % (
        odoo_server.url, customer.company_id, form))
    wait(browser, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_form_view .oe_button_box")))
    click_stat_button(browser, ".o_crm_evaluation_button")
    graph = ".o_graph_svg_container svg, .o_graph_container svg"
    wait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, graph)))
    screenshot(browser, "crm_customer_evaluation_graph.png")
