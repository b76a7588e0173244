# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Matching by number structure: the switchboard and incomplete-number columns, filled by the batch job."""
from odoo.addons.crm_telephony.models.phone_number import (add_number_columns, create_lookup_indexes,
                                                           normalize_partner_numbers)


def migrate(cr, version):
    """Before the ORM sees the new columns (it would recompute every partner one by one)."""
    if not version:
        return
    add_number_columns(cr)
    normalize_partner_numbers(cr)
    create_lookup_indexes(cr)
    cr.execute("ANALYZE res_partner")
