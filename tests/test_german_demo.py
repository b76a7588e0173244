"""The demo a German firm sees: a GmbH in Germany with EUR, SKR03, German staff, its public holidays, and
customers found by their numbers as they are stored (national German spelling)."""
import datetime
import os
import re
import subprocess

import holidays
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from webclient import click_visible, login, open_customer_file, screenshot, wait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# labels of the customer file a German user must not meet in English
ENGLISH = ["Order Backlog", "Open Invoices", "Quotations", "Overdue", "Credit Notes", "Payment Behaviour",
           "Open Processes", "Full History", "Add Insight", "Customer File", "Insights", "Contacts"]


def test_the_demo_company_is_a_german_gmbh_in_euro_with_skr03(admin):
    company = admin.read("res.company", [1], ["name", "country_id", "currency_id", "vat", "chart_template_id"])[0]
    assert company["name"].endswith("GmbH")
    assert company["country_id"][1] in ("Germany", "Deutschland")
    assert company["currency_id"][1] == "EUR"
    assert company["vat"].startswith("DE")
    assert admin.search("ir.module.module", [("name", "=", "l10n_de_skr03"), ("state", "=", "installed")])
    assert company["chart_template_id"][1] == "Deutscher Kontenplan SKR03"


def test_demo_staff_speak_german_in_berlin_time_and_the_administrator_stays_english(admin):
    for user_login in ("sales", "agent", "complaints", "technician"):
        user = admin.read("res.users", admin.search("res.users", [("login", "=", user_login)]), ["lang", "tz"])[0]
        assert (user["lang"], user["tz"]) == ("de_DE", "Europe/Berlin"), user_login
    company_partner = admin.read("res.company", [1], ["partner_id"])[0]["partner_id"][0]
    assert admin.read("res.partner", [company_partner], ["lang"])[0]["lang"] == "de_DE"
    assert admin.read("res.users", admin.search("res.users", [("login", "=", "admin")]), ["lang"])[0]["lang"] == "en_US"


def test_demo_products_carry_german_vat_and_so_do_orders_and_invoices(admin):
    rates = {}
    for product in admin.read("product.product", admin.search("product.product", [
            ("default_code", "in", ["HP-200", "BA-200"])]), ["default_code", "taxes_id"]):
        rates[product["default_code"]] = admin.read("account.tax", product["taxes_id"], ["amount"])[0]["amount"]
    assert rates == {"HP-200": 19.0, "BA-200": 7.0}
    invoices = admin.read("account.invoice", admin.search("account.invoice", [
        ("partner_id.name", "=", "Müller Maschinenbau GmbH"), ("type", "=", "out_invoice")]),
        ["amount_untaxed", "amount_tax"])
    assert invoices and all(abs(i["amount_tax"] - round(i["amount_untaxed"] * 0.19, 2)) < 0.01 for i in invoices)


@pytest.mark.parametrize("number", ["0711 4589-12", "+49 (0)711 4589-25", "0049 40 3344556", "030 1234567",
                                    "(0221) 98765-10"])
def test_a_demo_customer_is_found_by_the_number_stored_for_it(admin, number):
    stored = admin.search("res.partner", [("phone", "=", number)])
    assert stored, "the demo stores %s" % number
    found = [match["id"] for match in admin.execute("res.partner", "phone_lookup", number)]
    assert set(stored) <= set(found)


def test_demo_customer_figures_are_euro_and_the_backlog_is_what_is_left_to_invoice(admin):
    customers = admin.search("res.partner", [("is_company", "=", True), "|", ("sale_order_ids.state", "=", "sale"),
                                             ("child_ids.sale_order_ids.state", "=", "sale")])
    assert admin.search("res.partner", [("name", "=", "Müller Maschinenbau GmbH"), ("id", "in", customers)]), \
        "the customer whose order is half invoiced"
    for customer in admin.read("res.partner", customers, ["order_backlog_amount", "figures_currency_id"]):
        assert customer["figures_currency_id"][1] == "EUR"
        lines = admin.read("sale.order.line", admin.search("sale.order.line", [
            ("order_id.partner_id", "child_of", customer["id"]), ("order_id.state", "in", ["sale", "done"])]),
            ["price_reduce", "product_uom_qty", "qty_invoiced"])
        left = sum(line["price_reduce"] * (line["product_uom_qty"] - line["qty_invoiced"]) for line in lines
                   if line["product_uom_qty"] > line["qty_invoiced"])
        assert abs(customer["order_backlog_amount"] - left) < 0.01, customer


def test_the_manager_chooses_the_bundesland_in_settings_and_gets_its_holidays(admin):
    calendar = admin.read("res.company", [1], ["resource_calendar_id"])[0]["resource_calendar_id"][0]
    settings = admin.create("res.config.settings", {"holiday_state": "BY"})
    try:
        admin.execute("res.config.settings", "action_write_public_holidays", [settings])
        days = {leave["holiday_date"]: leave["name"] for leave in admin.read(
            "resource.calendar.leaves", admin.search("resource.calendar.leaves", [
                ("calendar_id", "=", calendar), ("holiday_date", "!=", False)]), ["holiday_date", "name"])}
        year = min(days)[:4]
        assert days[year + "-10-03"] == "Tag der Deutschen Einheit", "named in the company's language"
        assert year + "-01-06" in days, "Epiphany: a holiday in Bavaria"
        assert str(int(year) + 1) + "-12-25" in days, "this year and the next"
    finally:
        admin.unlink("resource.calendar.leaves", admin.search("resource.calendar.leaves", [
            ("calendar_id", "=", calendar), ("holiday_date", "!=", False)]))
        admin.write("res.company", [1], {"holiday_state": False})


def test_the_demo_keeps_the_public_holidays_of_baden_wuerttemberg_and_writes_to_german_customers_in_german(
        odoo_server, admin):
    """What `make run` does to its demo database once the add-ons are in (scripts/db.sh ensure), done here to the
    test database: the company calendar carries this and next year's holidays of Baden-Württemberg."""
    company = admin.execute("ir.model.data", "xmlid_to_res_id", "base.main_company")
    calendar = admin.read("res.company", [company], ["resource_calendar_id"])[0]["resource_calendar_id"][0]
    customer = admin.create("res.partner", {"name": "Schwäbische Feinmechanik GmbH", "is_company": True,
                                            "customer": True, "lang": "en_US",
                                            "country_id": admin.search("res.country", [("code", "=", "DE")])[0]})
    english_in_germany = admin.read("res.partner", [("country_id.code", "=", "DE"), ("lang", "!=", "de_DE"),
                                                    ("id", "!=", customer)], ["lang"])
    try:
        subprocess.run([os.path.join(ROOT, ".venv", "bin", "python"), os.path.join(ROOT, "scripts", "german_demo.py"),
                        os.path.join(ROOT, ".local", "odoo.conf"), odoo_server.db, "holidays"], check=True)
        assert admin.read("res.company", [company], ["holiday_state"])[0]["holiday_state"] == "BW"
        year = datetime.date.today().year
        days = {leave["holiday_date"]: leave["name"] for leave in admin.read("resource.calendar.leaves", [
            ("calendar_id", "=", calendar), ("holiday_date", ">=", "%d-01-01" % year),
            ("holiday_date", "<=", "%d-12-31" % (year + 1))], ["holiday_date", "name"])}
        wanted = holidays.country_holidays("DE", subdiv="BW", years=[year, year + 1], language="de")
        assert set(days) == {day.isoformat() for day in wanted}
        assert days["%d-01-06" % year] == "Heilige Drei Könige", "Epiphany: a holiday in Baden-Württemberg"
        assert "%d-10-31" % (year + 1) not in days, "Reformation Day: a working day there"
        assert admin.read("res.partner", [customer], ["lang"])[0]["lang"] == "de_DE", "its letters come in German"
    finally:
        admin.unlink("resource.calendar.leaves", admin.search("resource.calendar.leaves", [
            ("calendar_id", "=", calendar), ("holiday_date", "!=", False)]))
        admin.write("res.company", [company], {"holiday_state": False})
        for lang in {partner["lang"] for partner in english_in_germany}:
            admin.write("res.partner", [p["id"] for p in english_in_germany if p["lang"] == lang], {"lang": lang})


@pytest.mark.browser
def test_a_german_salesperson_reads_the_customer_file_in_german_with_euro_and_german_dates(
        odoo_server, browser, admin):
    customer = admin.search("res.partner", [("name", "=", "Müller Maschinenbau GmbH")])[0]
    login(browser, odoo_server, "sales", "sales")
    open_customer_file(browser, odoo_server, customer, "Auftragsbestand")
    page = browser.find_element(By.CSS_SELECTOR, ".o_form_view").text
    assert "Zahlungsmoral" in page and "Historie" in page
    assert [label for label in ENGLISH if label in page] == []
    assert "€" in page
    click_visible(browser, "//ul[contains(@class, 'nav-tabs')]//a[normalize-space()='Offene Vorgänge']")
    table = wait(browser, 30).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, "table.o_crm_open_processes"))).text
    assert re.search(r"\b\d\d\.\d\d\.\d{4}\b", table), table
    assert not re.search(r"\d{4}-\d\d-\d\d", table), "no ISO dates"
    assert re.search(r"\d,\d\d\s?€", table), "amounts with German decimals and the euro"
    assert "Rechnung" in table and "invoice" not in table
    screenshot(browser, "customer_file_de.png")
