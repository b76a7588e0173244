# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .models.phone_number import create_lookup_indexes, normalize_partner_numbers


def pre_init_hook(cr):
    """Create and fill the E.164 columns before the ORM sees them, so installing on a million partners
    is a batched SQL job instead of a recompute of every partner through the ORM."""
    cr.execute("ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS phone_e164 varchar, "
               "ADD COLUMN IF NOT EXISTS mobile_e164 varchar")
    normalize_partner_numbers(cr)
    create_lookup_indexes(cr)
    cr.execute("ANALYZE res_partner")  # statistics of the new expression indexes: the lookup plans use them
