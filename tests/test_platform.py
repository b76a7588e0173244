"""The ground everything stands on: a real Odoo 11 with the four add-ons, reachable like in production."""
import os

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import apply_filter, clear_search, login, open_action, screenshot, search, wait

OUR_MODULES = {"crm_contact_history", "crm_telephony", "crm_complaints", "crm_ticketing"}


def test_integrator_finds_the_four_modules_installed_over_xmlrpc(admin):
    modules = admin.read("ir.module.module", [("name", "in", sorted(OUR_MODULES))], "name state")
    assert {m["name"]: m["state"] for m in modules} == {name: "installed" for name in OUR_MODULES}


def test_web_client_serves_login_page_and_static_files(odoo_server):
    page = requests.get(odoo_server.url + "/web/login", timeout=10)
    assert page.status_code == 200 and 'name="login"' in page.text
    # static files of the web client and of our own module are mounted (a partial install breaks them)
    for path in ("/web/static/src/img/logo.png", "/crm_contact_history/static/description/icon.png"):
        response = requests.get(odoo_server.url + path, timeout=10)
        assert response.status_code == 200, path
        assert response.headers["Content-Type"] == "image/png"


def test_demo_roles_can_log_in(odoo_server):
    for login_name in ("sales", "agent", "complaints", "technician"):
        client = odoo_server.client(login_name, login_name)
        assert client.user == login_name


def test_admin_sees_four_modules_in_installed_apps(odoo_server, browser):
    login(browser, odoo_server)
    open_action(browser, odoo_server, "base.open_module_tree", view_type="list")
    wait(browser).until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, ".o_data_row")))
    clear_search(browser)  # the default "Apps" filter hides add-ons that are not applications
    apply_filter(browser, "Installed")
    search(browser, "crm_")
    wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".o_searchview_facet")) == 2)
    wait(browser).until(lambda d: 0 < len(d.find_elements(By.CSS_SELECTOR, ".o_data_row")) < 10)
    installed = {r.text for r in browser.find_elements(By.CSS_SELECTOR, ".o_data_row") if "Installed" in r.text}
    names = ("Customer File (Contact History)", "Telephony (Caller Recognition)",
             "Complaint Management", "Service Tickets (Process Templates)")
    for name in names:
        assert any(name in text for text in installed), "%s not listed as installed" % name
    assert os.path.getsize(screenshot(browser, "installed_apps.png")) > 10000
