# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Existing messages and activities join their customer's history; payment behaviour is graded."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.contact.history"]._sync_history_partners()
    env["account.invoice"]._update_date_paid()
    env["res.partner"]._recompute_payment_behaviour()
