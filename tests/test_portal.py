"""The customer's own portal: a portal user of a customer sees that customer's tickets and complaints under
"My account", never another customer's; opens a service request or a complaint with photos; answers in the
chatter and rates a finished ticket, in a real browser."""
import base64
import collections
import re
import uuid
import xmlrpc.client

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import screenshot, wait, wait_text

# a 1x1 PNG: what a phone's photo is to the upload check
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
Customer = collections.namedtuple("Customer", "partner contact login tickets complaint")


def _ref(admin, xmlid):
    return admin.execute("ir.model.data", "xmlid_to_res_id", xmlid)


def _customer(admin, name, person, tag, ticket_type):
    """A customer with a portal login for `person`, an open, a waiting and a finished ticket and a complaint."""
    partners = admin.model("res.partner")
    company = partners.create({"name": "%s %s" % (name, tag), "is_company": True, "customer": True})
    contact = partners.create({"name": person, "parent_id": company.id, "email": "%s@example.com" % tag})
    login = "portal.%s.%s" % (person.split()[0].lower(), tag)
    admin.model("res.users").create({"name": person, "login": login, "password": login, "partner_id": contact.id,
                                     "groups_id": [(6, 0, [_ref(admin, "base.group_portal")])]})
    tickets = {}
    for key, title, stage in (("open", "Pumpe undicht", None),
                              ("waiting", "Typenschild unleserlich", "crm_ticketing.crm_ticket_stage_waiting"),
                              ("done", "Wartung erledigt", "crm_ticketing.crm_ticket_stage_done")):
        values = {"title": "%s %s" % (title, tag), "partner_id": company.id, "contact_id": contact.id}
        if key == "open":
            values["type_id"] = ticket_type
        ticket_id = admin.execute("crm.ticket", "create", values)
        if stage:
            admin.execute("crm.ticket", "write", [ticket_id], {"stage_id": _ref(admin, stage)})
        tickets[key] = ticket_id
    complaint = admin.execute("crm.complaint", "create", {"subject": "Falsche Teile %s" % tag,
                                                          "partner_id": company.id, "contact_id": contact.id})
    return Customer(company.id, contact.id, login, tickets, complaint)


@pytest.fixture(scope="module")
def customers(admin):
    """Two customers of the service department, each with a portal user, and a service type of two steps."""
    tag = uuid.uuid4().hex[:6]
    ticket_type = admin.execute("crm.ticket.type", "create", {"name": "Vor-Ort-Reparatur %s" % tag, "step_ids": [
        (0, 0, {"name": "Termin vereinbaren", "sequence": 1, "planned_hours": 0.5, "deadline_hours": 8}),
        (0, 0, {"name": "Reparatur vor Ort", "sequence": 2, "planned_hours": 3.0, "deadline_hours": 24}),
    ]})
    return {"own": _customer(admin, "Portalkunde Nord GmbH", "Paula Nord", tag, ticket_type),
            "other": _customer(admin, "Portalkunde Süd AG", "Sepp Süd", tag, ticket_type),
            "type_id": ticket_type}


def portal_session(server, login):
    """A logged-in HTTP session of a portal user (password = login)."""
    session = requests.Session()
    response = session.post(server.url + "/web/session/authenticate", json={
        "jsonrpc": "2.0", "method": "call", "params": {"db": server.db, "login": login, "password": login}})
    assert response.json()["result"]["uid"], response.text
    return session


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_demo_portal_login_is_a_contact_of_a_german_customer_with_tickets_and_complaints(admin, odoo_server):
    client = odoo_server.client("portal", "portal")
    tickets = client.read("crm.ticket", client.search("crm.ticket", []), ["partner_id", "stage_id"])
    complaints = client.read("crm.complaint", client.search("crm.complaint", []), ["partner_id"])
    customers = {row["partner_id"][0] for row in tickets + complaints}
    assert customers == {_ref(admin, "crm_contact_history.partner_mueller_demo")}
    assert len(tickets) >= 3 and complaints, "an open, a waiting and a finished ticket, a complaint"
    assert _ref(admin, "crm_ticketing.crm_ticket_stage_waiting") in {row["stage_id"][0] for row in tickets}


def test_portal_user_lists_own_tickets_and_complaints_with_counters(odoo_server, customers):
    own, other = customers["own"], customers["other"]
    session = portal_session(odoo_server, own.login)
    home = session.get(odoo_server.url + "/my/home").text
    assert re.search(r'<span class="badge">3</span>\s*<a href="/my/tickets">', home)
    assert re.search(r'<span class="badge">1</span>\s*<a href="/my/complaints">', home)
    tickets = session.get(odoo_server.url + "/my/tickets", params={"sortby": "name"}).text
    assert "Pumpe undicht" in tickets and "Wartung erledigt" in tickets
    assert "Termin vereinbaren" in tickets, "the next planned step of the open ticket"
    assert "Portalkunde Süd" not in tickets and "/my/ticket/%d\"" % other.tickets["open"] not in tickets
    complaints = session.get(odoo_server.url + "/my/complaints").text
    assert "Falsche Teile" in complaints and "/my/complaint/%d\"" % other.complaint not in complaints


def test_portal_user_gets_404_for_another_customers_ticket_and_complaint(odoo_server, customers):
    own, other = customers["own"], customers["other"]
    session = portal_session(odoo_server, own.login)
    assert session.get("%s/my/ticket/%d" % (odoo_server.url, own.tickets["open"])).status_code == 200
    for url in ("/my/ticket/%d" % other.tickets["open"], "/my/complaint/%d" % other.complaint,
                "/my/ticket/999999999"):
        assert session.get(odoo_server.url + url).status_code == 404, url
    token = _csrf(session.get("%s/my/ticket/%d" % (odoo_server.url, own.tickets["open"])).text)
    response = session.post("%s/my/ticket/%d/upload" % (odoo_server.url, other.tickets["open"]),
                            data={"csrf_token": token}, files={"attachments": ("typenschild.png", PNG)})
    assert response.status_code == 404


def test_portal_user_reads_other_customers_records_over_xmlrpc_not_at_all(odoo_server, customers):
    own, other = customers["own"], customers["other"]
    client = odoo_server.client(own.login, own.login)
    assert sorted(client.execute("crm.ticket", "search", [])) == sorted(own.tickets.values())
    assert client.execute("crm.complaint", "search", []) == [own.complaint]
    with pytest.raises(xmlrpc.client.Fault, match="AccessError"):
        client.execute("crm.ticket", "read", [other.tickets["open"]], ["title"])
    with pytest.raises(xmlrpc.client.Fault, match="AccessError"):
        client.execute("crm.ticket", "write", [own.tickets["open"]], {"title": "vom Kunden geändert"})


def test_portal_user_sees_public_messages_only(admin, odoo_server, customers):
    own = customers["own"]
    ticket = own.tickets["open"]
    for body, subtype in (("Kunde zahlt schlecht, Vorkasse verlangen", "mail.mt_note"),
                          ("Wir kommen am Montag um 8 Uhr.", "mail.mt_comment")):
        admin.execute("mail.message", "create", {"model": "crm.ticket", "res_id": ticket, "body": body,
                                                 "message_type": "comment", "subtype_id": _ref(admin, subtype)})
    session = portal_session(odoo_server, own.login)
    page = session.get("%s/my/ticket/%d" % (odoo_server.url, ticket)).text
    fetched = session.post(odoo_server.url + "/mail/chatter_fetch", json={
        "jsonrpc": "2.0", "method": "call",
        "params": {"res_model": "crm.ticket", "res_id": ticket, "limit": 50}}).json()["result"]
    bodies = " ".join(message["body"] for message in fetched["messages"])
    assert "Wir kommen am Montag" in bodies
    assert "Vorkasse" not in bodies and "Vorkasse" not in page


def test_portal_user_opens_a_service_request_with_a_photo_and_the_steps_are_planned(
        admin, odoo_server, customers):
    own = customers["own"]
    session = portal_session(odoo_server, own.login)
    form = session.get(odoo_server.url + "/my/tickets/new").text
    response = session.post(odoo_server.url + "/my/tickets/new", data={
        "csrf_token": _csrf(form), "title": "Presse macht Geräusche", "type_id": str(customers["type_id"]),
        "description": "Seit heute Morgen ein lautes Klopfen.", "equipment": "P-12"},
        files={"attachments": ("presse.png", PNG, "image/png")})
    assert response.ok and re.search(r"/my/ticket/\d+", response.url), response.url
    assert "we received your request" in response.text
    ticket_id = int(re.search(r"/my/ticket/(\d+)", response.url).group(1))
    ticket = admin.read("crm.ticket", ticket_id, ["partner_id", "contact_id", "step_count", "type_id",
                                                  "message_ids", "equipment"])
    assert (ticket["partner_id"][0], ticket["contact_id"][0], ticket["step_count"], ticket["equipment"]) == (
        own.partner, own.contact, 2, "P-12")
    attachments = admin.model("ir.attachment").search_read(
        [("res_model", "=", "crm.ticket"), ("res_id", "=", ticket_id)], ["name"])
    assert [a["name"] for a in attachments] == ["presse.png"]
    followers = {row["partner_id"][0] for row in admin.model("mail.followers").search_read(
        [("res_model", "=", "crm.ticket"), ("res_id", "=", ticket_id)], ["partner_id"])}
    assert own.contact in followers, "the customer's contact is told of our answers"
    assert "presse.png" in response.text, "the photo is listed on the ticket's page"


def test_bad_input_in_the_request_form_is_answered_in_words(admin, odoo_server, customers):
    own = customers["own"]
    session = portal_session(odoo_server, own.login)
    before = admin.execute("crm.ticket", "search_count", [("partner_id", "=", own.partner)])
    token = _csrf(session.get(odoo_server.url + "/my/tickets/new").text)
    empty = session.post(odoo_server.url + "/my/tickets/new", data={
        "csrf_token": token, "title": "  ", "description": "Es tropft."})
    assert empty.ok and "Please fill in: Subject" in empty.text and "Es tropft." in empty.text
    script = session.post(odoo_server.url + "/my/tickets/new", data={
        "csrf_token": token, "title": "Virus", "description": "x", "type_id": "-1"},
        files={"attachments": ("photo.png", b"#!/bin/sh\nrm -rf /\n")})
    assert "photo.png is neither a photo nor a PDF." in script.text
    assert "Choose one of the listed kinds of service." in script.text
    assert admin.execute("crm.ticket", "search_count", [("partner_id", "=", own.partner)]) == before


def test_portal_user_files_a_complaint_for_the_customer(admin, odoo_server, customers):
    own = customers["own"]
    session = portal_session(odoo_server, own.login)
    token = _csrf(session.get(odoo_server.url + "/my/complaints/new").text)
    response = session.post(odoo_server.url + "/my/complaints/new", data={
        "csrf_token": token, "subject": "Dichtung fehlt", "description": "Im Paket fehlte die Dichtung."})
    assert re.search(r"/my/complaint/\d+", response.url), response.url
    complaint_id = int(re.search(r"/my/complaint/(\d+)", response.url).group(1))
    complaint = admin.read("crm.complaint", complaint_id, ["commercial_partner_id", "contact_id", "channel",
                                                           "name"])
    assert (complaint["commercial_partner_id"][0], complaint["contact_id"][0], complaint["channel"]) == (
        own.partner, own.contact, "web")
    assert complaint["name"] in response.text


def _portal_login(driver, server, login):
    driver.get("%s/web/login?db=%s" % (server.url, server.db))
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(login)
    driver.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
    wait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_portal_my_home")))


def test_portal_user_answers_in_the_chatter_and_rates_a_finished_ticket_in_the_browser(
        admin, browser, odoo_server, customers):
    own, other = customers["own"], customers["other"]
    _portal_login(browser, odoo_server, own.login)
    browser.get(odoo_server.url + "/my/tickets")
    listed = wait_text(browser, ".o_portal_tickets_table", "Pumpe undicht", "Typenschild unleserlich")
    assert "Portalkunde Süd" not in listed
    links = {a.get_attribute("href").rsplit("/", 1)[1]
             for a in browser.find_elements(By.CSS_SELECTOR, ".o_portal_tickets_table tbody a")}
    assert str(other.tickets["open"]) not in links and str(own.tickets["waiting"]) in links
    screenshot(browser, "portal_tickets.png")

    # the ticket waits for the customer: the answer in the chatter puts it back to work
    browser.get("%s/my/ticket/%d" % (odoo_server.url, own.tickets["waiting"]))
    wait(browser).until(EC.element_to_be_clickable((By.CSS_SELECTOR, ".o_portal_chatter_composer textarea")))
    browser.find_element(By.CSS_SELECTOR, ".o_portal_chatter_composer textarea").send_keys(
        "Das Typenschild sagt HA-40, Baujahr 2019.")
    browser.find_element(By.CSS_SELECTOR, ".o_portal_chatter_composer_btn").click()
    wait_text(browser, ".o_portal_chatter", "Baujahr 2019", timeout=30)
    stage = admin.read("crm.ticket", own.tickets["waiting"], ["stage_id"])["stage_id"][0]
    assert stage == _ref(admin, "crm_ticketing.crm_ticket_stage_in_progress")

    # the finished ticket: a face and a line, and the rating is on the ticket
    browser.get("%s/my/ticket/%d" % (odoo_server.url, own.tickets["done"]))
    wait(browser).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "input[name=rate][value='5']"))).click()
    browser.find_element(By.CSS_SELECTOR, ".o_portal_ticket_rating textarea[name=feedback]").send_keys(
        "Termin wurde zweimal verschoben.")
    browser.find_element(By.CSS_SELECTOR, ".o_portal_rate").click()
    wait_text(browser, ".o_portal_my_rating", "Termin wurde zweimal verschoben.", timeout=30)
    assert not browser.find_elements(By.CSS_SELECTOR, ".o_portal_rate"), "rated once"
    rated = admin.read("crm.ticket", own.tickets["done"], ["rating_last_value", "rating_text"])
    assert (rated["rating_last_value"], rated["rating_text"]) == (5.0, "not_satisfied")
    history = admin.execute("crm.contact.history", "search_read", [
        ("partner_id", "=", own.partner), ("kind", "=", "rating")], ["res_id", "body"])
    assert [(row["res_id"], row["body"]) for row in history] == [
        (own.tickets["done"], "Termin wurde zweimal verschoben.")]
