"""A German user walks the main screens of the add-ons and meets no English label of ours.

The English labels are taken from the add-ons' own translations (every msgid whose German differs): a label
shown as its English source means a string that is not translated or not linked to where it is shown."""
import glob
import os
import re
import time
import uuid

import polib
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from fakes.telephony import calls, configure, post_sipgate, sipgate_call
from webclient import (click_visible, login, open_action, open_customer_file, screenshot, wait, wait_idle,
                       wait_text)

ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")
# what a user reads as a label: field labels, tabs, group titles, smart buttons, column heads, buttons
LABELS_JS = """
return Array.from(document.querySelectorAll(
    '.o_form_label, .o_notebook .nav-tabs a, .o_horizontal_separator, .o_stat_text, thead th, '
    + '.o_form_statusbar button, .o_statusbar_status button, .o_cp_buttons button, .o_form_buttons_view button'))
  .filter(e => e.offsetParent !== null).map(e => e.textContent.trim()).filter(t => t);
"""
THOMAS_MUELLER = "49711458912"  # Müller Maschinenbau's managing director, stored as 0711 4589-12, as sipgate sends it


def _english_labels():
    labels = set()
    for path in glob.glob(os.path.join(ADDONS, "*", "i18n", "de.po")):
        for entry in polib.pofile(path):
            if entry.msgstr and entry.msgstr.strip() != entry.msgid.strip() and len(entry.msgid) < 60:
                labels.add(entry.msgid.strip())
    return labels


ENGLISH = _english_labels()


def _english_on_screen(browser):
    wait_idle(browser)
    return sorted({text for text in browser.execute_script(LABELS_JS) if text in ENGLISH})


def _english_in_pop_up(text):
    """The pop-up is a box of its own, no form: every piece of its text between separators (label: value,
    a · b), a leading date taken off, is compared."""
    pieces = set()
    for line in text.splitlines():
        line = re.sub(r"^\d\d\.\d\d\.\d{4} \d\d:\d\d ", "", line.strip())
        pieces.update(piece.strip() for piece in re.split(r"[:·]", line))
    return sorted(pieces & ENGLISH)


def _first_record_form(browser, odoo_server, action, model_rows=".o_data_row, .o_kanban_record:not(.o_kanban_ghost)"):
    """The list (or kanban) of an action, then the form of its first record, as a user clicks through."""
    open_action(browser, odoo_server, action)
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, model_rows)))
    english = _english_on_screen(browser)
    browser.find_element(By.CSS_SELECTOR, model_rows).click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_form_view")))
    return english + _english_on_form_and_tabs(browser)


def _english_on_form_and_tabs(browser, seen=None):
    """The form as it opens, then each of its tabs (the tab looked up again for each click: the form may
    render itself anew); the text of the form on each tab goes to `seen` when given."""
    english = _english_on_screen(browser)
    for index in range(len(browser.find_elements(By.CSS_SELECTOR, ".o_notebook .nav-tabs a"))):
        tab_css = ".o_notebook .nav-tabs li:nth-child(%d) a" % (index + 1)
        if not [tab for tab in browser.find_elements(By.CSS_SELECTOR, tab_css) if tab.is_displayed()]:
            continue
        click_visible(browser, tab_css, by=By.CSS_SELECTOR)
        english += _english_on_screen(browser)
        if seen is not None:
            seen.append(browser.find_element(By.CSS_SELECTOR, ".o_form_view").text)
    return english


def test_the_english_labels_come_from_the_translations():
    assert {"Customer File", "Open Processes", "Service Level"} & ENGLISH, "the list is read from the de.po files"


@pytest.mark.browser
@pytest.mark.parametrize("user, action, shot", [
    ("complaints", "crm_complaints.crm_complaint_action", "walk_de_complaint.png"),
    ("agent", "crm_telephony.crm_telephony_call_action", "walk_de_call.png"),
])
def test_a_german_user_meets_no_english_label_on_lists_and_forms(odoo_server, browser, user, action, shot):
    login(browser, odoo_server, user, user)
    english = _first_record_form(browser, odoo_server, action)
    screenshot(browser, shot)
    assert english == [], "English labels for a German %s: %s" % (user, english)


@pytest.mark.browser
def test_a_german_administrator_reads_the_settings_in_german(odoo_server, browser, admin):
    login_name = "einrichtung.%s" % uuid.uuid4().hex[:6]
    groups = [admin.model("ir.model.data").xmlid_to_res_id(xmlid) for xmlid in (
        "base.group_user", "base.group_system", "sales_team.group_sale_manager")]
    admin.model("res.users").create({"name": "Erika Einrichtung", "login": login_name, "password": "geheim-123",
                                     "lang": "de_DE", "tz": "Europe/Berlin", "groups_id": [(6, 0, groups)]})
    login(browser, odoo_server, login_name, "geheim-123")
    open_action(browser, odoo_server, "base_setup.action_general_configuration")
    wait(browser, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_setting_container, .settings")))
    english = _english_on_screen(browser)
    page = browser.find_element(By.CSS_SELECTOR, ".o_form_view").text
    assert "Customer Service" not in page
    screenshot(browser, "walk_de_settings.png")
    assert english == [], english


@pytest.mark.browser
def test_a_german_technician_walks_the_ticket_form_with_its_steps_in_german(odoo_server, browser, admin):
    """His tickets, then the demo's factory repair with its steps; also the project his time is booked on, a
    record the add-on creates, is named in German for a German company."""
    login(browser, odoo_server, "technician", "technician")
    open_action(browser, odoo_server, "crm_ticketing.crm_ticket_action")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_kanban_record:not(.o_kanban_ghost)")))
    english = _english_on_screen(browser)
    ticket = admin.execute("ir.model.data", "xmlid_to_res_id", "crm_ticketing.crm_ticket_demo")
    open_action(browser, odoo_server, "crm_ticketing.crm_ticket_action", view_type="form", res_id=ticket)
    wait(browser).until(lambda d: [row for row in d.find_elements(  # the steps: the tab the form opens on
        By.CSS_SELECTOR, ".o_field_widget[name=step_ids] .o_data_row") if row.is_displayed()])
    screenshot(browser, "walk_de_ticket.png")
    seen = []
    english += _english_on_form_and_tabs(browser, seen)
    assert [text for text in seen if "Kundenservice" in text], "the service project in German on one of the tabs"
    assert not [text for text in seen if "Customer Service" in text]
    assert english == [], "English labels for a German technician: %s" % english


@pytest.mark.browser
def test_a_german_salesperson_walks_every_tab_of_the_customer_file_in_german(odoo_server, browser, admin):
    customer = admin.search("res.partner", [("name", "=", "Müller Maschinenbau GmbH")])[0]
    login(browser, odoo_server, "sales", "sales")
    open_customer_file(browser, odoo_server, customer, "Auftragsbestand")
    english = _english_on_form_and_tabs(browser)
    assert english == [], "English labels in the customer file of a German salesperson: %s" % english


@pytest.mark.browser
def test_a_german_agent_reads_the_pop_up_of_a_demo_customer_in_german(odoo_server, browser, admin):
    signer = configure(admin)
    login(browser, odoo_server, "agent", "agent")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_crm_telephony_systray")))
    time.sleep(1)  # the web client has started its long-polling request
    call_id = uuid.uuid4().hex[:12]
    assert post_sipgate(odoo_server, signer, sipgate_call("newCall", call_id, THOMAS_MUELLER)).status_code == 200
    try:
        popup = '.o_crm_telephony_popup[data-call-id="%d"][data-complete="1"]' % calls(admin, call_id)[0]["id"]
        text = wait_text(browser, popup, "Thomas Müller", "Müller Maschinenbau GmbH", "Letzte Historie", timeout=15)
        english = _english_in_pop_up(text)
        screenshot(browser, "walk_de_popup.png")
    finally:
        post_sipgate(odoo_server, signer, sipgate_call("hangup", call_id, THOMAS_MUELLER, cause="cancel"))
    assert english == [], "English in the pop-up of a German agent: %s" % english
