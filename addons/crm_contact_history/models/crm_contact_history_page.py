# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A page of the history (the list's search_read) answered by the search's own query."""
from odoo import api, models


class CrmContactHistory(models.Model):
    """The history list asks for a page with search_read(). Odoo answers it with two queries on the view:
    the search (ids of the page, access checked) and a read of those ids, which PostgreSQL plans over all
    branches once more. The view's columns are plain values, so the search can select them at once:
    one query for the page, the same domain, order, record rules and document access as search(), the
    same field access as read(), then one name query per named model (crm_contact_history_names.py)."""

    _inherit = "crm.contact.history"

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None):
        columns = self._page_columns(fields)
        if columns is None:
            return super().search_read(domain=domain, fields=fields, offset=offset, limit=limit, order=order)
        self.check_access_rights("read")
        self.check_field_access_rights("read", columns)
        query = self._where_calc(domain or [])
        self._apply_ir_rules(query, "read")
        order_by = self._generate_order_by(order, query)
        from_clause, where_clause, params = query.get_sql()
        select = ", ".join('"%s"."%s"' % (self._table, name) for name in ["id"] + columns)
        self.env.cr.execute("SELECT %s FROM %s WHERE %s%s%s%s" % (
            select, from_clause, where_clause or "TRUE", order_by,
            " LIMIT %d" % int(limit) if limit else "", " OFFSET %d" % int(offset) if offset else ""), params)
        rows = self.env.cr.dictfetchall()
        for row in rows:
            for name in columns:
                row[name] = self._page_value(self._fields[name], row[name])
        return self._name_rows(rows, columns)

    @api.model
    def _page_columns(self, fields):
        """The fields to select from the view, or None when one of them is not a column of it (a field
        another module computes, display_name...): then Odoo's search() and read() answer."""
        columns = [name for name in fields or () if name != "id"]
        if not columns:
            return None
        for name in columns:
            field = self._fields.get(name)
            if not field or not field.store or field.type in ("one2many", "many2many", "binary"):
                return None
        return columns

    def _page_value(self, field, value):
        """A value as read() returns it: False for NULL, a many2one as its bare id until it is named."""
        if field.type == "many2one":
            return value or False
        return field.convert_to_read(field.convert_to_cache(value, self, validate=False), self)
