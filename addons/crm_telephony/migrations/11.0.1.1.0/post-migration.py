# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephony secrets move from res.company's columns to crm.telephony.secret (the API key as its SHA-256)."""
from odoo import SUPERUSER_ID, api

# fixed statements per former column: the secrets a company has, and dropping the column afterwards
MOVES = {
    "telephony_api_key": "SELECT id, telephony_api_key FROM res_company WHERE coalesce(telephony_api_key, '') != ''",
    "placetel_secret": "SELECT id, placetel_secret FROM res_company WHERE coalesce(placetel_secret, '') != ''",
    "sipgate_token_id": "SELECT id, sipgate_token_id FROM res_company WHERE coalesce(sipgate_token_id, '') != ''",
    "sipgate_token": "SELECT id, sipgate_token FROM res_company WHERE coalesce(sipgate_token, '') != ''",
}
DROPS = {
    "telephony_api_key": "ALTER TABLE res_company DROP COLUMN telephony_api_key",
    "placetel_secret": "ALTER TABLE res_company DROP COLUMN placetel_secret",
    "sipgate_token_id": "ALTER TABLE res_company DROP COLUMN sipgate_token_id",
    "sipgate_token": "ALTER TABLE res_company DROP COLUMN sipgate_token",
}


def migrate(cr, version):
    """Each company's secrets into its crm.telephony.secret row, then the old columns dropped, so no copy
    of a secret stays where other roads reach it."""
    if not version:
        return
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'res_company' "
               "AND column_name IN %s", [tuple(MOVES)])
    columns = [row[0] for row in cr.fetchall()]
    secrets = {}
    for column in columns:
        cr.execute(MOVES[column])
        for company_id, value in cr.fetchall():
            secrets.setdefault(company_id, {})[column] = value
    env = api.Environment(cr, SUPERUSER_ID, {})
    for company_id, values in sorted(secrets.items()):
        env["crm.telephony.secret"]._store(env["res.company"].browse(company_id), values)
    for column in columns:
        cr.execute(DROPS[column])
