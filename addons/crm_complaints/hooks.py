# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Uninstall hook: removes the database structures of the similarity search that Odoo does not own."""
from odoo import SUPERUSER_ID, api


def uninstall_hook(cr, registry):
    """Triggers, trigger functions and the search vector go before Odoo drops the module's tables."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.complaint.word"]._drop_search_structures()
