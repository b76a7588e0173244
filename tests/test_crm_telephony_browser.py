"""The agent's screen pops up when a customer calls, and the notes typed on the pad land in the history."""
import time
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from fakes.telephony import calls, configure, new_customer, post_sipgate, sipgate_call
from webclient import login, screenshot, wait, wait_text

POPUP = ".o_crm_telephony_popup"


def test_screen_pop_and_note_pad_in_the_agents_browser(admin, odoo_server, browser):
    signer = configure(admin)
    customer = new_customer(admin, "Lausitzer Landmaschinen GmbH")
    login(browser, odoo_server, "agent", "agent")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_crm_telephony_systray")))
    time.sleep(1)  # the web client has started its long-polling request
    call_id = uuid.uuid4().hex[:12]
    body = sipgate_call("newCall", call_id, customer.sipgate_number)
    posted = time.time()
    assert post_sipgate(odoo_server, signer, body).status_code == 200
    answered = time.time() - posted
    popup_of_call = '%s[data-call-id="%d"]' % (POPUP, calls(admin, call_id)[0]["id"])
    wait(browser, 3).until(EC.visibility_of_element_located((By.CSS_SELECTOR, popup_of_call)))
    shown = time.time() - posted
    print("pop-up after %.2f s, webhook answered after %.2f s" % (shown, answered))
    assert shown < 3.0, "pop-up after %.2f s (webhook answered after %.2f s)" % (shown, answered)
    wait_text(browser, popup_of_call, "Lausitzer Landmaschinen GmbH", timeout=1)  # at once, from the bus message
    # then the pop-up fetches open processes and history and re-renders itself
    wait_text(browser, popup_of_call + '[data-complete="1"]', "Ansprechpartner Lausitzer Landmaschinen GmbH",
              timeout=10)
    browser.find_element(By.CSS_SELECTOR, popup_of_call + " .o_crm_telephony_toggle_pad").click()
    pad = wait(browser).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, popup_of_call + " .o_crm_telephony_notes")))
    pad.send_keys("Kunde braucht Ersatzteil für Mähwerk, Angebot bis Freitag")
    wait(browser, 10).until(lambda d: "Mähwerk" in (calls(admin, call_id)[0]["notes"] or ""))
    screenshot(browser, "crm_telephony_screen_pop.png")
    [call] = calls(admin, call_id)
    assert call["partner_id"][0] == customer.person_id
    history = admin.read("crm.contact.history", [("partner_id", "=", customer.company_id), ("kind", "=", "call")],
                         "body res_id")
    assert any(h["res_id"] == call["id"] and "Mähwerk" in (h["body"] or "") for h in history)
    browser.find_element(By.CSS_SELECTOR, popup_of_call + " .o_crm_telephony_open_customer").click()
    wait(browser, 10).until(EC.presence_of_element_located(
        (By.XPATH, "//div[contains(@class,'o_form_view')]//h1[contains(., 'Lausitzer Landmaschinen GmbH')]")))


def test_a_call_that_is_over_does_not_pop_up_after_a_reload(admin, odoo_server, browser):
    """Odoo's bus hands a web client that just opened the messages of the last seconds. A call that was missed
    in the meantime has nothing to take: no pop-up is left on the agent's screen, and one click on the phone
    icon still brings the call back."""
    signer = configure(admin)
    customer = new_customer(admin, "Spreewälder Gurken KG")
    call_id = uuid.uuid4().hex[:12]
    for body in (sipgate_call("newCall", call_id, customer.sipgate_number),
                 sipgate_call("hangup", call_id, customer.sipgate_number, cause="cancel")):
        assert post_sipgate(odoo_server, signer, body).status_code == 200
    [call] = calls(admin, call_id)
    assert call["state"] == "missed"
    login(browser, odoo_server, "agent", "agent")
    popup_of_call = '%s[data-call-id="%d"]' % (POPUP, call["id"])
    wait(browser, 10).until(lambda d: not [p for p in d.find_elements(By.CSS_SELECTOR, popup_of_call)
                                           if p.is_displayed()])
    time.sleep(2)  # the bus's first poll has been answered: nothing shows up late
    assert not [p for p in browser.find_elements(By.CSS_SELECTOR, popup_of_call) if p.is_displayed()]
    browser.find_element(By.CSS_SELECTOR, ".o_crm_telephony_systray a").click()
    wait_text(browser, popup_of_call + '[data-state="missed"][data-complete="1"]', "Spreewälder Gurken KG", timeout=10)


def _ring(admin, odoo_server, browser, signer, caller):
    """A sipgate call from `caller` ringing at the demo agent, whose browser is open: the complete pop-up."""
    call_id = uuid.uuid4().hex[:12]
    assert post_sipgate(odoo_server, signer, sipgate_call("newCall", call_id, caller)).status_code == 200
    [call] = calls(admin, call_id, "provider_call_id state")
    popup_of_call = '%s[data-call-id="%d"]' % (POPUP, call["id"])
    wait(browser, 15).until(EC.visibility_of_element_located((By.CSS_SELECTOR, popup_of_call + '[data-complete="1"]')))
    return call, popup_of_call


def _agent_browser(odoo_server, browser):
    login(browser, odoo_server, "agent", "agent")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_crm_telephony_systray")))
    time.sleep(1)  # the web client has started its long-polling request


def test_the_agent_creates_the_contact_of_an_unknown_caller_and_the_pop_up_shows_it(admin, odoo_server, browser):
    signer = configure(admin)
    _agent_browser(odoo_server, browser)
    caller = "493519%06d" % (uuid.uuid4().int % 10 ** 6)  # Dresden, no switchboard of ours begins so
    call, popup_of_call = _ring(admin, odoo_server, browser, signer, caller)
    popup = browser.find_element(By.CSS_SELECTOR, popup_of_call)
    assert not popup.find_elements(By.CSS_SELECTOR, ".o_crm_telephony_open_customer"), "nobody is named"
    popup.find_element(By.CSS_SELECTOR, ".o_crm_telephony_create_contact").click()
    name = wait(browser, 15).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, ".o_form_view .o_field_widget[name='name']")))
    name.send_keys("Dora Dresdner")
    browser.find_element(By.CSS_SELECTOR, ".o_form_button_save").click()
    wait_text(browser, popup_of_call, "Dora Dresdner")
    complete = popup_of_call + '[data-complete="1"]'
    wait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, complete + " .o_crm_telephony_open_customer")
                            and not d.find_elements(By.CSS_SELECTOR, complete + " .o_crm_telephony_create_contact"),
                            "the new contact, and no invitation to a duplicate")
    [contact] = admin.read("res.partner", [("name", "=", "Dora Dresdner")], "phone mobile")
    assert contact["phone"] == "+" + caller
    assert calls(admin, call["provider_call_id"])[0]["partner_id"][0] == contact["id"]


def test_a_complaint_taken_in_the_pop_up_keeps_its_call(admin, odoo_server, browser):
    """The demo agent also takes complaints (the administrator gave them the complaints group)."""
    signer = configure(admin)
    agent_id = admin.search("res.users", [("login", "=", "agent")])[0]
    admin.write("res.users", [agent_id], {"groups_id": [(4, admin.model("ir.model.data").xmlid_to_res_id(
        "crm_complaints.group_crm_complaints_user"))]})
    customer = new_customer(admin, "Erzgebirgische Holzspielwaren GmbH")
    _agent_browser(odoo_server, browser)
    call, popup_of_call = _ring(admin, odoo_server, browser, signer, customer.sipgate_number)
    browser.find_element(
        By.CSS_SELECTOR, popup_of_call + ' .o_crm_telephony_new_process[data-model="crm.complaint"]').click()
    subject = wait(browser, 15).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, ".modal .o_form_view .o_field_widget[name='subject']")))
    subject.send_keys("Nussknacker mit gebrochenem Kiefer geliefert")
    browser.find_element(By.CSS_SELECTOR, ".modal .modal-footer .btn-primary").click()

    def outcome(_driver=None):
        return calls(admin, call["provider_call_id"], "result_ref state")[0]["result_ref"] or ""
    wait(browser, 15).until(lambda d: outcome().startswith("crm.complaint,"))
    complaint_id = int(outcome().split(",")[1])
    [complaint] = admin.read("crm.complaint", [complaint_id], "name partner_id contact_id channel subject")
    assert (complaint["partner_id"][0], complaint["contact_id"][0], complaint["channel"]) == (
        customer.company_id, customer.person_id, "phone")
    wait_text(browser, popup_of_call + " .o_crm_telephony_result", complaint["name"])  # what came of the call
    history = admin.read("crm.contact.history", [("partner_id", "=", customer.company_id)], "res_model res_id")
    assert {("crm.complaint", complaint_id), ("crm.telephony.call", call["id"])} <= {
        (h["res_model"], h["res_id"]) for h in history}
    screenshot(browser, "crm_telephony_screen_pop_complaint.png")
