"""Stories of the complaints desk answering: canned responses in the chatter, duplicates closed and linked."""
import uuid
from xmlrpc.client import Fault

import pytest
from selenium.webdriver.common.by import By

from webclient import login, open_action, screenshot, wait

ACKNOWLEDGEMENT_DE = "Vielen Dank für Ihre Nachricht. Wir haben Ihre Reklamation erhalten"


@pytest.fixture(scope="module")
def desk(odoo_server):
    """The demo complaints clerk (German), logged in over XML-RPC."""
    return odoo_server.client("complaints", "complaints")


@pytest.fixture
def customer(admin):
    """A customer of the firm with a contact who complains."""
    tag = uuid.uuid4().hex[:6]
    partner = admin.model("res.partner")
    company = partner.create({"name": "Kältetechnik Nord %s GmbH" % tag, "is_company": True, "customer": True})
    partner.create({"name": "Lena Nord", "parent_id": company.id, "email": "lena.%s@example.com" % tag})
    return company


def test_the_clerk_types_a_canned_answer_in_the_chatter_and_sees_the_german_text(odoo_server, browser, desk,
                                                                                 customer):
    """":eingang" in the message composer of a complaint offers the acknowledgement; picking it puts the German
    text into the message, still to be read over before sending."""
    complaint = desk.model("crm.complaint").create({"subject": "Kühlzelle wird nicht kalt", "partner_id": customer.id})
    login(browser, odoo_server, "complaints", "complaints")
    open_action(browser, odoo_server, "crm_complaints.crm_complaint_action", view_type="form", res_id=complaint.id)
    wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".o_chatter_button_new_message")).click()
    composer = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, ".o_chatter .o_composer_text_field"))
    composer.send_keys(":eingang")
    proposition = "//li[contains(@class,'o_mention_proposition')][.//span[normalize-space()='eingang']]"
    wait(browser).until(lambda d: [e for e in d.find_elements(By.XPATH, proposition) if e.is_displayed()])
    browser.find_element(By.XPATH, proposition + "//a").click()
    wait(browser).until(lambda d: ACKNOWLEDGEMENT_DE in d.find_element(
        By.CSS_SELECTOR, ".o_chatter .o_composer_text_field").get_attribute("value"))
    assert ":eingang" not in browser.find_element(
        By.CSS_SELECTOR, ".o_chatter .o_composer_text_field").get_attribute("value")
    screenshot(browser, "crm_complaints_canned_answer.png")


def test_a_complaint_reported_twice_is_closed_as_duplicate_and_both_are_linked(desk, customer):
    """The customer phoned and then e-mailed the same leak: the clerk closes the e-mail's complaint as a duplicate
    of the call's; the original lists it, the notes link both."""
    complaints = desk.model("crm.complaint")
    original = complaints.create({"subject": "Verdichter undicht", "partner_id": customer.id})
    duplicate = complaints.create({"subject": "Verdichter verliert Öl", "partner_id": customer.id})
    wizard = desk.model("crm.complaint.duplicate").create({"complaint_id": duplicate.id, "original_id": original.id})
    wizard.action_confirm()
    duplicate.refresh()
    original.refresh()
    assert duplicate.duplicate_of_id.id == original.id
    assert duplicate.is_closed
    assert [d.id for d in original.duplicate_ids] == [duplicate.id]
    assert any('data-oe-id="%d"' % duplicate.id in message.body for message in original.message_ids)
    assert any('data-oe-id="%d"' % original.id in message.body for message in duplicate.message_ids)
    with pytest.raises(Fault, match="kann kein Duplikat von sich selbst sein"):  # the clerk reads German
        original.action_mark_duplicate_of(original.id)
