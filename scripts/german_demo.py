"""Turns the template database's demo company into a German GmbH (run by db.sh, in two steps).

  german_demo.py CONFIG DB company   before the apps are installed: name, address without country and EUR, so
                                     that account installs no chart of its own and l10n_de_skr03 loads SKR03
  german_demo.py CONFIG DB staff     after German is loaded: country and VAT id, the company partner and every
                                     demo user in Europe/Berlin and, but the administrator, in de_DE
  german_demo.py CONFIG DB holidays  the demo database, once the add-ons are in: the company keeps the public
                                     holidays of Baden-Württemberg on its working calendar, its customers in
                                     Germany read their letters (service reports, confirmations) in German
The add-ons stay country-neutral: only the demo database is German.
"""
import sys

import odoo
from odoo import SUPERUSER_ID, api

COMPANY = {
    "name": "Muster Hydraulik GmbH",
    "street": "Industriestraße 12",
    "zip": "70565",
    "city": "Stuttgart",
    "phone": "+49 711 4711-0",
    "email": "info@muster-hydraulik.example",
    "website": "www.muster-hydraulik.example",
    "company_registry": "HRB 123456, Amtsgericht Stuttgart",
}
VAT = "DE999123455"  # fictitious, with a valid check digit
IBAN = "DE02 1203 0000 0000 2020 51"  # a published example IBAN with a valid check sum
LANG, TZ, STATE = "de_DE", "Europe/Berlin", "BW"


def company_step(env):
    company = env.ref("base.main_company")
    env.ref("base.EUR").active = True
    company.write(dict(COMPANY, currency_id=env.ref("base.EUR").id, country_id=False, state_id=False))


def staff_step(env):
    company = env.ref("base.main_company")
    company.write({"country_id": env.ref("base.de").id, "vat": VAT})
    if not company.partner_id.bank_ids:  # the bank account the letters' footer names
        bank = env["res.bank"].create({"name": "Musterbank Stuttgart", "bic": "MUSTDESSXXX"})
        env["res.partner.bank"].create({"acc_number": IBAN, "bank_id": bank.id, "partner_id": company.partner_id.id})
    company.partner_id.write({"lang": LANG, "tz": TZ})
    users = env["res.users"].with_context(active_test=False).search([])
    users.write({"tz": TZ})
    (users - env.ref("base.user_root")).write({"lang": LANG})  # the administrator stays English


def holidays_step(env):
    company = env.ref("base.main_company")
    company.holiday_state = STATE
    company.action_write_public_holidays()
    env["res.partner"].search([("country_id", "=", env.ref("base.de").id), ("lang", "!=", LANG)]).write({"lang": LANG})


def main(config, db, step):
    odoo.tools.config.parse_config(["-c", config])
    with api.Environment.manage(), odoo.registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        {"company": company_step, "staff": staff_step, "holidays": holidays_step}[step](env)


if __name__ == "__main__":
    main(*sys.argv[1:])
