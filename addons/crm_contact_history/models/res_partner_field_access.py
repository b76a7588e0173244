# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer file's money figures stay with invoicing users on every road, not only on read()."""
from odoo import SUPERUSER_ID, api, models

# Fields whose `groups=` Odoo 11 enforces on read() only: searching, grouping or ordering on them would
# tell a user without the group what read() refuses (e.g. "which customers owe more than 10 000?").
GUARDED_FIELDS = ("open_invoice_amount", "overdue_amount", "credit_note_amount", "payment_overdue_amount",
                  "payment_max_days_overdue", "customer_revenue_12m", "customer_revenue_prev_12m")


class ResPartner(models.Model):
    """Domains, group-bys and orders on the guarded fields need the fields' groups, like read()."""

    _inherit = "res.partner"

    @api.model
    def _where_calc(self, domain, active_test=True):
        self._check_guarded_fields(leaf[0] for leaf in domain or () if isinstance(leaf, (list, tuple)))
        return super()._where_calc(domain, active_test=active_test)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        if order:
            self._check_guarded_fields(part.split()[0] for part in order.split(",") if part.strip())
        return super()._search(args, offset=offset, limit=limit, order=order, count=count,
                               access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or ())
        orders = [part.split()[0] for part in (orderby or "").split(",") if part.strip()]
        self._check_guarded_fields(list(fields or ()) + groupbys + orders)
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby,
                                  lazy=lazy)

    @api.model
    def _check_guarded_fields(self, names):
        """AccessError (as read() raises it) when `names` (field paths, `field:aggregate` specs) touch a
        guarded field the user may not read."""
        if self.env.uid == SUPERUSER_ID:
            return
        touched = {str(name).split(".")[0].split(":")[0].strip('"') for name in names} & set(GUARDED_FIELDS)
        if touched:
            self.check_field_access_rights("read", sorted(touched))
