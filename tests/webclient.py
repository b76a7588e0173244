"""Small helpers to drive the Odoo 11 web client in selenium like a user does."""
import os

from selenium.common.exceptions import (ElementClickInterceptedException, ElementNotInteractableException,
                                        NoSuchElementException, StaleElementReferenceException, TimeoutException)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")


def wait(driver, timeout=30):
    """Wait as a user does: an element the web client re-renders meanwhile is looked up again, not an error."""
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,))


def login(driver, server, login="admin", password="admin"):
    driver.get("%s/web/login?db=%s" % (server.url, server.db))
    driver.find_element(By.NAME, "login").send_keys(login)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
    wait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_main_navbar, .o_web_client")))
    wait_idle(driver)


def wait_idle(driver, timeout=30):
    """Until the web client shows no loading indicator."""
    wait(driver, timeout).until(
        lambda d: d.execute_script("return document.querySelector('.o_loading') === null "
                                   "|| document.querySelector('.o_loading').style.display === 'none';"))


def open_action(driver, server, action_xmlid, view_type=None, res_id=None):
    url = "%s/web#action=%s" % (server.url, action_xmlid)
    if view_type:
        url += "&view_type=%s" % view_type
    if res_id:
        url += "&id=%d" % res_id
    driver.get(url)
    wait(driver, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_content .o_view_manager_content > *")))
    wait_idle(driver)


def screenshot(driver, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, name)
    driver.save_screenshot(path)
    return path


def search(driver, text):
    """Type into the search view and press Enter, as a user does."""
    box = driver.find_element(By.CSS_SELECTOR, ".o_searchview_input")
    box.send_keys(text)
    driver.find_element(By.CSS_SELECTOR, ".o_searchview_input").send_keys(Keys.ENTER)


def clear_search(driver):
    """Remove every facet of the search view."""
    while driver.find_elements(By.CSS_SELECTOR, ".o_searchview_facet .o_facet_remove"):
        count = len(driver.find_elements(By.CSS_SELECTOR, ".o_searchview_facet"))
        driver.find_element(By.CSS_SELECTOR, ".o_searchview_facet .o_facet_remove").click()
        wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".o_searchview_facet")) < count)


def apply_filter(driver, label):
    """Open the Filters menu of the search view and click the filter with this label."""
    filters_button = "//div[contains(@class,'o_search_options')]//button[contains(., 'Filters')]"

    def visible_filters_button(d):
        options = d.find_elements(By.CSS_SELECTOR, ".o_search_options")
        if options and not options[0].is_displayed():
            d.find_element(By.CSS_SELECTOR, ".o_searchview_more").click()
        buttons = [b for b in d.find_elements(By.XPATH, filters_button) if b.is_displayed()]
        return buttons[0] if buttons else False

    wait(driver).until(visible_filters_button).click()
    wait(driver).until(EC.element_to_be_clickable(
        (By.XPATH, "//ul[contains(@class,'o_filters_menu')]//a[normalize-space()='%s']" % label))).click()


def click_visible(driver, locator, timeout=30, by=By.XPATH):
    """Click the first displayed element matching the locator once the client is idle (Odoo keeps hidden
    copies of some buttons, e.g. in the button box's overflow menu); looked up again and clicked again when
    the client rendered it anew in between."""
    def clicked(d):
        wait_idle(d)
        try:
            shown = [e for e in d.find_elements(by, locator) if e.is_displayed() and e.is_enabled()]
            if shown:
                shown[0].click()
                return True
        except (StaleElementReferenceException, ElementNotInteractableException,
                ElementClickInterceptedException):
            pass
        return False
    wait(driver, timeout).until(clicked)


def open_customer_file(driver, server, partner_id, backlog_label):
    """The partner's form, then its customer file by the button, once the file's backlog button (labelled in
    the user's language) is there."""
    driver.get("%s/web#model=res.partner&id=%d&view_type=form" % (server.url, partner_id))
    click_visible(driver, "//button[contains(@class, 'o_crm_customer_file_button')]", timeout=60)
    wait(driver, 30).until(EC.presence_of_element_located(
        (By.XPATH, "//span[contains(@class,'o_stat_text') and normalize-space()='%s']" % backlog_label)))
    wait_idle(driver)


def wait_text(driver, css, *texts, timeout=15):
    """The text of the element at `css` once it contains every one of `texts`. The element is looked up again on
    every try: the screen pop, for one, renders itself anew when the rest of its data arrives."""
    def shown(d):
        try:
            text = d.find_element(By.CSS_SELECTOR, css).text
        except (NoSuchElementException, StaleElementReferenceException):
            return False
        return text if all(t in text for t in texts) else False
    try:
        return wait(driver, timeout).until(shown)
    except TimeoutException:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        raise AssertionError("%r not in %r" % (texts, found[0].text if found else "(no %s)" % css))


def click_stat_button(driver, css, timeout=30):
    """Click a smart button of a form. Odoo folds the buttons beyond the first few (their number depends on the
    window's width) into a "More" menu: open it first when the button sits there."""
    def clickable(d):
        buttons = d.find_elements(By.CSS_SELECTOR, css)
        if not buttons:
            return False
        if not buttons[0].is_displayed():
            more = [m for m in d.find_elements(By.CSS_SELECTOR, ".oe_button_box .o_button_more") if m.is_displayed()]
            if more and not [u for u in d.find_elements(By.CSS_SELECTOR, ".o_dropdown_more") if u.is_displayed()]:
                more[0].click()
            return False
        return buttons[0]
    wait_idle(driver)
    wait(driver, timeout).until(clickable).click()
