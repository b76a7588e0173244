"""A German user walks the main screens of the add-ons and meets no English label of ours.

The English labels are taken from the add-ons' own translations (every msgid whose German differs): a label
shown as its English source means a string that is not translated or not linked to where it is shown."""
import glob
import os
import uuid

import polib
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import login, open_action, screenshot, wait, wait_idle

ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")
# what a user reads as a label: field labels, tabs, group titles, smart buttons, column heads, buttons
LABELS_JS = """
return Array.from(document.querySelectorAll(
    '.o_form_label, .o_notebook .nav-tabs a, .o_horizontal_separator, .o_stat_text, thead th, '
    + '.o_form_statusbar button, .o_statusbar_status button, .o_cp_buttons button, .o_form_buttons_view button'))
  .filter(e => e.offsetParent !== null).map(e => e.textContent.trim()).filter(t => t);
"""


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


def _first_record_form(browser, odoo_server, action, model_rows=".o_data_row, .o_kanban_record:not(.o_kanban_ghost)"):
    """The list (or kanban) of an action, then the form of its first record, as a user clicks through."""
    open_action(browser, odoo_server, action)
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, model_rows)))
    english = _english_on_screen(browser)
    browser.find_element(By.CSS_SELECTOR, model_rows).click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_form_view")))
    english += _english_on_screen(browser)
    for tab in browser.find_elements(By.CSS_SELECTOR, ".o_notebook .nav-tabs a"):
        if tab.is_displayed():
            tab.click()
            english += _english_on_screen(browser)
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
