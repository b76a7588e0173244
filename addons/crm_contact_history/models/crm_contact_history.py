# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import OrderedDict, namedtuple

from psycopg2 import sql

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

# Row ids encode where a row comes from: (primary key of the source row << 5) | source code (1..31).
# XML-RPC carries 32-bit integers, so ids stay below 2**31 while source keys stay below 2**26 (67 M).
SOURCE_BITS = 5
MAX_SOURCE_CODE = (1 << SOURCE_BITS) - 1
# The columns every source yields after id, source and source_id, with their SQL types.
HISTORY_COLUMNS = OrderedDict([
    ("partner_id", "integer"), ("contact_id", "integer"), ("date", "timestamp"), ("kind", "varchar"),
    ("name", "varchar"), ("body", "text"), ("user_id", "integer"), ("res_model", "varchar"),
    ("res_id", "integer"), ("amount", "numeric"), ("currency_id", "integer"), ("state", "varchar"),
    ("date_deadline", "date"), ("company_id", "integer"),
])
# One branch of the history view: its code (1..MAX_SOURCE_CODE, unique), its SELECT, and the model of its
# documents (None when each row names its own, as messages and activities do).
HistorySource = namedtuple("HistorySource", "code select model")
MODEL_LITERAL = re.compile(r"^'([a-z0-9_.]+)'$")


class CrmContactHistory(models.Model):
    """Everything that happened with a customer, one row per event, newest first.

    A read-only SQL view over messages, meetings, activities, orders, invoices and insights, built
    like Odoo's report views. Other modules add their own sources by extending `_history_sources()`."""

    _name = "crm.contact.history"
    _description = "Contact History"
    _auto = False
    _order = "date desc, source_id desc"
    _rec_name = "name"

    source = fields.Integer(readonly=True)
    source_id = fields.Integer(readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True,
                                 help="The commercial partner: the company, or the private customer.")
    contact_id = fields.Many2one("res.partner", "Contact", readonly=True,
                                 help="The person or address the entry concerns.")
    date = fields.Datetime(readonly=True)
    kind = fields.Selection([
        ("note", "Note"),
        ("email_in", "E-mail received"),
        ("email_out", "E-mail sent"),
        ("letter", "Document sent"),
        ("meeting", "Meeting"),
        ("task", "Task"),
        ("quotation", "Quotation"),
        ("sale_order", "Sales order"),
        ("invoice", "Invoice"),
        ("credit_note", "Credit note"),
        ("insight", "Insight"),
    ], readonly=True)
    name = fields.Char("Summary", readonly=True)
    body = fields.Text("Preview", readonly=True)
    user_id = fields.Many2one("res.users", "User", readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Integer("Document ID", readonly=True)
    amount = fields.Monetary(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    state = fields.Char(readonly=True)
    date_deadline = fields.Date("Deadline", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE OR REPLACE VIEW %s AS (%s)" % (self._table, self._history_query()))

    def _apply_ir_rules(self, query, mode="read"):
        """When records are read by id, also filter on the source keys decoded from the ids.

        The filter is pushed into every branch of the view and hits the sources' primary keys, so
        reading a page of rows stays fast however large the history is."""
        result = super()._apply_ir_rules(query, mode)
        if self.ids:
            query.where_clause.append('"crm_contact_history".source_id IN %s')
            query.where_clause_params.append(tuple({i >> SOURCE_BITS for i in self.ids}))
        return result

    @api.multi
    def action_open_record(self):
        """Open the document behind the entry (the message opens the document it was posted on)."""
        self.ensure_one()
        if not self.res_model or not self.res_id:
            raise UserError(_("This entry has no document to open."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.model
    def _history_source(self, code, from_sql, **columns):
        """One branch of the history: rows of the table aliased `src` in `from_sql`.

        `columns` maps history columns to SQL expressions; a column not given is NULL. `id`, `source`
        and `source_id` follow from `code` (1..31, unique among all sources) and `src.id`."""
        if not 0 < code <= MAX_SOURCE_CODE:
            raise ValueError("history source codes are 1..%d, got %r" % (MAX_SOURCE_CODE, code))
        unknown = set(columns) - set(HISTORY_COLUMNS)
        if unknown:
            raise ValueError("unknown history columns: %s" % ", ".join(sorted(unknown)))
        select = ["((src.id::bigint << %d) | %d) AS id" % (SOURCE_BITS, code), "%d AS source" % code,
                  "src.id AS source_id"]
        select += ["(%s)::%s AS %s" % (columns.get(column) or "NULL", sql_type, column)
                   for column, sql_type in HISTORY_COLUMNS.items()]
        model = MODEL_LITERAL.match(columns.get("res_model") or "")
        return HistorySource(code, "SELECT %s\nFROM %s" % (",\n       ".join(select), from_sql),
                             model and model.group(1))

    @api.model
    def _history_query(self, sources=None):
        """The view's SQL: the union of all sources (default `_history_sources()`), ordered by code."""
        sources = self._history_sources() if sources is None else sources
        by_code = {}
        for name, source in sources.items():
            if source.code in by_code:
                raise ValueError("history sources %r and %r both use code %d"
                                 % (by_code[source.code], name, source.code))
            by_code[source.code] = name
        return "\nUNION ALL\n".join(sources[by_code[code]].select for code in sorted(by_code))

    @api.model
    def _resolve_partners(self, model, res_ids):
        """{res_id: (commercial partner id, contact id)} of records of `model`: the partner itself for
        res.partner, else the record's `partner_id`. One query per call, whatever the number of ids
        (a join on the stored columns: the records' other fields are not read)."""
        if model not in self.env or not res_ids:
            return {}
        records = self.env[model]
        ids = tuple(set(res_ids))
        if model == "res.partner":
            self.env.cr.execute("SELECT id, commercial_partner_id, id FROM res_partner WHERE id IN %s", [ids])
            return {row[0]: row[1:] for row in self.env.cr.fetchall()}
        field = records._fields.get("partner_id")
        if not field or field.type != "many2one" or field.comodel_name != "res.partner":
            return {}
        if not (field.store and records._auto and field.column_type):
            records = records.sudo().with_context(prefetch_fields=False).browse(ids).exists()
            return {r.id: (r.partner_id.commercial_partner_id.id, r.partner_id.id) for r in records
                    if r.partner_id}
        self.env.cr.execute(self._compose("""
            SELECT doc.id, p.commercial_partner_id, p.id FROM {doc} doc JOIN res_partner p ON p.id = doc.partner_id
            WHERE doc.id IN %s
        """, {"doc": sql.Identifier(records._table)}), [ids])
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def _sync_history_partners(self, partner_ids=None):
        """Set the customer of messages and activities from their documents, in one UPDATE per
        document model: at install for existing data, and for a contact whose company changed."""
        cr = self.env.cr
        for table, model_column in (("mail_message", "model"), ("mail_activity", "res_model")):
            names = {"rec": sql.Identifier(table), "model_column": sql.Identifier(model_column)}
            if partner_ids is not None:
                cr.execute(self._compose("""
                    UPDATE {rec} rec SET history_partner_id = p.commercial_partner_id
                    FROM res_partner p
                    WHERE rec.history_contact_id = p.id AND p.id IN %s
                      AND rec.history_partner_id IS DISTINCT FROM p.commercial_partner_id
                """, names), [tuple(partner_ids) or (0,)])
                continue
            only = "AND rec.message_type IN ('email', 'comment')" if table == "mail_message" else ""
            cr.execute(self._compose("""
                UPDATE {rec} rec SET history_partner_id = p.commercial_partner_id, history_contact_id = p.id
                FROM res_partner p WHERE rec.{model_column} = 'res.partner' AND rec.res_id = p.id
            """ + only, names))
            for model in self._partner_document_models():
                names["doc"] = sql.Identifier(self.env[model]._table)
                cr.execute(self._compose("""
                    UPDATE {rec} rec SET history_partner_id = p.commercial_partner_id, history_contact_id = p.id
                    FROM {doc} doc JOIN res_partner p ON p.id = doc.partner_id
                    WHERE rec.{model_column} = %s AND rec.res_id = doc.id
                """ + only, names), [model])
        self.env["mail.message"].invalidate_cache(["history_partner_id", "history_contact_id"])
        self.env["mail.activity"].invalidate_cache(["history_partner_id", "history_contact_id"])

    def _compose(self, template, names):
        """SQL text with quoted identifiers (table and column names never come from user input)."""
        return sql.SQL(template).format(**names).as_string(self.env.cr._obj)

    @api.model
    def _partner_document_models(self):
        """Models stored in a table of their own whose records belong to a customer via partner_id."""
        result = []
        for name, model in self.env.items():
            field = model._fields.get("partner_id")
            if (model._auto and not model._abstract and not model._transient and field and field.store
                    and field.type == "many2one" and field.comodel_name == "res.partner"
                    and name != "res.partner"):
                result.append(name)
        return sorted(result)
