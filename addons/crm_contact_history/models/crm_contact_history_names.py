# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The names of a history page's customers, contacts, users, currencies and companies: one query each."""
from odoo import api, models

# The name Odoo's name_get() gives a record of each model, as stored (partners keep theirs in display_name).
NAME_QUERIES = {
    "res.partner": "SELECT id, display_name FROM res_partner WHERE id IN %s",
    "res.users": "SELECT u.id, p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id WHERE u.id IN %s",
    "res.currency": "SELECT id, name FROM res_currency WHERE id IN %s",
    "res.company": "SELECT id, name FROM res_company WHERE id IN %s",
}


class CrmContactHistory(models.Model):
    """A page of history rows names a handful of partners and users many times over. Odoo's read() names
    each of them through name_get(), which reads every stored column of those records first; the page
    reads the name alone, by one query per model, with the same sudo() semantics as Odoo's many2one
    (a name is shown even when the user may not open the record it names)."""

    _inherit = "crm.contact.history"

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        if load != "_classic_read" or not self._named_fields(fields):
            return super().read(fields, load)
        return self._name_rows(super().read(fields, load=None), fields)  # many2ones read as bare ids

    @api.model
    def _named_fields(self, fields):
        """The many2one fields among `fields` that this file names."""
        return [name for name in fields or () if name in self._fields
                and self._fields[name].type == "many2one" and self._fields[name].comodel_name in NAME_QUERIES]

    @api.model
    def _name_rows(self, rows, fields):
        """`rows` (dicts with many2ones as bare ids or False) with those of `fields` as (id, name) pairs."""
        named = self._named_fields(fields)
        wanted = {}
        for name in named:
            wanted.setdefault(self._fields[name].comodel_name, set()).update(row[name] for row in rows if row[name])
        names = {}
        for model, ids in wanted.items():
            if ids:
                self.env.cr.execute(NAME_QUERIES[model], [tuple(ids)])
                names[model] = dict(self.env.cr.fetchall())
        for row in rows:
            for name in named:
                if row[name]:
                    row[name] = (row[name], names[self._fields[name].comodel_name].get(row[name]) or "")
        return rows
