# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Install hooks: E.164 columns before the ORM sees them, and the server-wide raw-body patch."""
from .controllers import raw_body
from .models.phone_number import add_number_columns, create_lookup_indexes, normalize_partner_numbers


def pre_init_hook(cr):
    """Create and fill the E.164 columns before the ORM sees them, so installing on a million partners
    is a batched SQL job instead of a recompute of every partner through the ORM."""
    add_number_columns(cr)
    normalize_partner_numbers(cr)
    create_lookup_indexes(cr)
    cr.execute("ANALYZE res_partner")  # statistics of the new columns: the lookup plans use them


def post_load():
    """Run by Odoo once per process when it loads the module: for a database's registry (every database
    with crm_telephony installed, the server's -d database before the workers fork) or server-wide
    (--load / server_wide_modules). Our webhooks then get their raw request body."""
    raw_body.install()
