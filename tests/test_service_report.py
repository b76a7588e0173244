"""The signed service report and the complaint confirmation as DIN 5008 letters, from the outside: the
customer signs on the technician's tablet in the browser, the PDF (wkhtmltopdf, read back with pdftotext)
carries the work, the signature's name and time, it is attached to the ticket and sent by e-mail."""
import datetime
import os
import re
import shutil
import subprocess

import pytest
import pytz
import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import ARTIFACTS, click_visible, login, wait, wait_idle

STEPS = [("Fehlersuche an der Hydraulik", 1.5, 0.0), ("Dichtungen tauschen", 2.0, 45.5)]
RATE = 80.0
MM = 72 / 25.4  # PDF points per millimetre

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def workshop(odoo_server, admin):
    """A German technician, an on-site repair type and a German customer with an address and a contact."""
    admin.execute("ir.config_parameter", "set_param", "report.url", odoo_server.url)  # wkhtmltopdf fetches the CSS
    tech_group = admin.execute("ir.model.data", "xmlid_to_res_id", "crm_ticketing.group_crm_ticketing_technician")
    technician = admin.model("res.users").create({
        "name": "Lena Monteurin", "login": "report.tech", "password": "report.tech", "lang": "de_DE",
        "tz": "Europe/Berlin", "email": "lena.monteurin@example.com", "groups_id": [(6, 0, [tech_group])]})
    type_id = admin.execute("crm.ticket.type", "create", {
        "name": "Vor-Ort-Reparatur Bericht",
        "step_ids": [(0, 0, {"name": name, "sequence": index, "planned_hours": hours, "labour_rate": RATE,
                             "material_cost": material, "deadline_hours": 8, "user_id": technician.id})
                     for index, (name, hours, material) in enumerate(STEPS, 1)],
    })
    customer = admin.model("res.partner").create({
        "name": "Druckguss Weber GmbH", "is_company": True, "customer": True, "lang": "de_DE",
        "street": "Am Hafen 7", "zip": "28217", "city": "Bremen", "country_id": _xmlid(admin, "base.de"),
        "email": "service@druckguss-weber.example"})
    contact = admin.model("res.partner").create({
        "name": "Klaus Weber", "parent_id": customer.id, "lang": "de_DE",
        "title": _xmlid(admin, "base.res_partner_title_mister"), "email": "k.weber@druckguss-weber.example"})
    return technician, type_id, customer, contact


def _xmlid(client, xmlid):
    return client.execute("ir.model.data", "xmlid_to_res_id", xmlid)


def _finished_ticket(admin, workshop, title):
    technician, type_id, customer, contact = workshop
    ticket = admin.model("crm.ticket").create({
        "title": title, "partner_id": customer.id, "contact_id": contact.id, "type_id": type_id,
        "user_id": technician.id, "equipment": "Presse DG-400 / SN 0815"})
    for step in sorted(ticket.step_ids, key=lambda s: s.sequence):
        step.write({"actual_hours": step.planned_hours})
        step.action_done()
    return ticket


def _pdf_text(server, login_name, report, record_id, *options):
    """The report as the user downloads it, read back by pdftotext (with `options`, e.g. -bbox)."""
    session = requests.Session()
    session.post(server.url + "/web/session/authenticate", json={
        "jsonrpc": "2.0", "params": {"db": server.db, "login": login_name, "password": login_name}}).raise_for_status()
    response = session.get("%s/report/pdf/%s/%d" % (server.url, report, record_id), timeout=120)
    response.raise_for_status()
    assert response.headers["Content-Type"] == "application/pdf"
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, "%s_%d.pdf" % (report.split(".")[-1], record_id))
    with open(path, "wb") as pdf:
        pdf.write(response.content)
    text = subprocess.run(["pdftotext", "-layout"] + list(options) + [path, "-"], check=True,
                          stdout=subprocess.PIPE).stdout.decode("utf-8")
    return path, text


def _draw_signature(browser):
    pad = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".modal .o_crm_signature_pad canvas")))
    ActionChains(browser).move_to_element_with_offset(pad, -120, 10).click_and_hold() \
        .move_by_offset(40, -30).move_by_offset(40, 40).move_by_offset(40, -35).move_by_offset(50, 30) \
        .release().perform()


def _local(utc_string, tz="Europe/Berlin"):
    moment = datetime.datetime.strptime(utc_string, "%Y-%m-%d %H:%M:%S")
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz))


def test_customer_signs_on_the_tablet_and_the_pdf_carries_signer_time_work_and_hours(
        odoo_server, admin, workshop, browser):
    ticket = _finished_ticket(admin, workshop, "Presse verliert Druck")

    # on site: the technician opens the ticket, hands over the tablet, the customer types the name and signs
    browser.set_window_size(1024, 1300)
    login(browser, odoo_server, "report.tech", "report.tech")
    browser.get("%s/web#model=crm.ticket&id=%d&view_type=form" % (odoo_server.url, ticket.id))
    click_visible(browser, "//button[contains(@class, 'o_crm_ticket_sign_button')]", timeout=60)
    name = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".modal input[name=signer_name]")))
    assert name.get_attribute("value") == "Klaus Weber", "the contact who reported the case signs by default"
    _draw_signature(browser)
    click_visible(browser, "//div[contains(@class, 'modal')]//button[contains(@class, 'o_crm_ticket_sign_confirm')]")
    wait(browser, 60).until(EC.invisibility_of_element_located((By.CSS_SELECTOR, ".modal")))
    wait(browser, 60).until(lambda d: [b for b in d.find_elements(
        By.CSS_SELECTOR, "button.o_crm_ticket_send_report_button") if b.is_displayed()])
    wait(browser, 30).until(lambda d: "Klaus Weber" in d.find_element(By.CSS_SELECTOR, ".o_mail_thread").text)
    wait_idle(browser)

    signed = admin.read("crm.ticket", ticket.id, ["signed_by", "signed_on", "signature", "message_ids"])
    assert signed["signed_by"] == "Klaus Weber"
    assert signed["signed_on"] and len(signed["signature"]) > 1000, "a drawn signature, not an empty pad"
    attachments = admin.read("ir.attachment", [("res_model", "=", "crm.ticket"), ("res_id", "=", ticket.id)],
                             ["name", "mimetype"])
    assert [a["mimetype"] for a in attachments] == ["application/pdf"], "the signed report is kept on the ticket"
    assert ticket.name in attachments[0]["name"]

    path, text = _pdf_text(odoo_server, "report.tech", "crm_ticketing.report_service_ticket", ticket.id)
    signed_on = _local(signed["signed_on"])
    flat = re.sub(r"\s+", " ", text)
    assert "Unterschrieben von Klaus Weber, %s" % signed_on.strftime("%d.%m.%Y %H:%M") in flat
    raw = subprocess.run(["pdftotext", "-raw", path, "-"], check=True, stdout=subprocess.PIPE).stdout
    in_stream_order = re.sub(r"\s+", " ", raw.decode("utf-8"))
    for step_name, _hours, _material in STEPS:
        assert step_name in in_stream_order, "a step's name wraps in its column, read in the order it is printed"
    assert "01:30" in text and "02:00" in text and "03:30" in text, "hours of the steps and of the whole work"
    assert "325,50 €" in text, "3.5 h at 80 € and 45,50 € material, in German format"
    assert "Servicebericht %s" % ticket.name in text
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", path, os.path.join(ARTIFACTS, "service_report")],
                   check=True)


def test_signed_report_is_sent_to_the_customer_by_email(admin, workshop):
    ticket = _finished_ticket(admin, workshop, "Ventil klemmt")
    signature = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    wizard = admin.model("crm.ticket.sign").create({"ticket_id": ticket.id, "signer_name": "Klaus Weber",
                                                    "signature": signature})
    wizard.action_sign()

    action = admin.execute("crm.ticket", "action_send_report", [ticket.id])
    context = action["context"]
    values = admin.execute("mail.compose.message", "onchange_template_id", [], context["default_template_id"],
                           "comment", "crm.ticket", ticket.id)["value"]
    assert "Servicebericht" in values["subject"] or ticket.name in values["subject"]
    composer = admin.execute("mail.compose.message", "create", dict(
        values, model="crm.ticket", res_id=ticket.id, composition_mode="comment",
        template_id=context["default_template_id"]), context=context)
    admin.execute("mail.compose.message", "send_mail", [composer], context=context)

    sent = admin.read("mail.message", [("model", "=", "crm.ticket"), ("res_id", "=", ticket.id),
                                       ("message_type", "=", "comment"), ("subtype_id.internal", "=", False)],
                      ["body", "attachment_ids", "partner_ids"])
    assert sent, "the e-mail is in the ticket's chatter"
    assert workshop[3].id in sent[0]["partner_ids"], "sent to the contact who signed"
    assert "Klaus Weber" in sent[0]["body"]
    files = admin.read("ir.attachment", sent[0]["attachment_ids"], ["datas_fname", "mimetype"])
    assert [f["mimetype"] for f in files] == ["application/pdf"]
    assert ticket.name in files[0]["datas_fname"]


def test_complaint_confirmation_is_a_german_din_5008_letter_to_the_customer(odoo_server, admin, workshop):
    technician, _type_id, customer, contact = workshop
    clerk = admin.model("res.users").create({
        "name": "Petra Reklamation", "login": "report.clerk", "password": "report.clerk", "lang": "de_DE",
        "tz": "Europe/Berlin", "phone": "+49 711 4711-33", "email": "petra@muster.example",
        "groups_id": [(6, 0, [_xmlid(admin, "crm_complaints.group_crm_complaints_user")])]})
    complaint = admin.model("crm.complaint").create({
        "subject": "Dichtung undicht nach Wartung", "partner_id": customer.id, "contact_id": contact.id,
        "user_id": clerk.id, "description": "Öl tritt am Zylinder aus.", "remedy_type": "repair",
        "remedy": "Wir tauschen die Dichtung kostenlos vor Ort."})
    complaint_data = admin.read("crm.complaint", complaint.id, ["name", "create_date"])

    path, text = _pdf_text(odoo_server, "report.clerk", "crm_complaints.report_crm_complaint", complaint.id)
    flat = re.sub(r"\s+", " ", text)
    company = admin.read("res.company", _xmlid(admin, "base.main_company"), ["name"])["name"]
    assert company in text, "sender line and footer name the company"
    assert "Bestätigung Ihrer Reklamation %s" % complaint_data["name"] in flat
    assert "Sehr geehrter Herr Weber," in flat, "salutation by the contact's title"
    assert "Eingegangen am" in flat and _local(complaint_data["create_date"]).strftime("%d.%m.%Y") in flat
    berlin_today = datetime.datetime.now(pytz.timezone("Europe/Berlin")).strftime("%d.%m.%Y")  # the clerk's day
    assert "Unser Zeichen" in flat and "Datum %s" % berlin_today in flat
    assert "Wir tauschen die Dichtung kostenlos vor Ort." in flat and "Reparatur" in flat
    assert "Petra Reklamation" in flat and "Mit freundlichen Grüßen" in flat
    for line in ("Druckguss Weber GmbH", "Am Hafen 7", "28217 Bremen"):
        assert line in text
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", path,
                    os.path.join(ARTIFACTS, "complaint_confirmation")], check=True)  # its first page

    # the address lies in the envelope window of DIN 5008 form B: 20-105 mm from the left, 45-90 mm from the top
    _path, boxes = _pdf_text(odoo_server, "report.clerk", "crm_complaints.report_crm_complaint", complaint.id,
                             "-bbox")
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Bremen</word>',
                       boxes)
    assert words, "the city of the address is printed"
    x_min, y_min, x_max, y_max = (float(v) / MM for v in words[0])
    assert 20 <= x_min and x_max <= 105 and 45 <= y_min and y_max <= 90, (x_min, y_min, x_max, y_max)
