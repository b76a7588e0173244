# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""At install: the add-on's service project is named in the company's language."""
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    api.Environment(cr, SUPERUSER_ID, {})["crm.ticket"]._name_default_project()
