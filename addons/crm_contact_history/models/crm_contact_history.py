# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import sql

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

# Row ids encode where a row comes from: (primary key of the source row << 5) | source code (1..31).
# XML-RPC carries 32-bit integers, so ids stay below 2**31 while source keys stay below 2**26 (67 M).
SOURCE_BITS = 5
MAX_SOURCE_CODE = (1 << SOURCE_BITS) - 1


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
    def _history_sources(self):
        """The SELECTs whose union is the history, keyed by a source code (1..31).

        Each SELECT returns the columns of `_history_columns()` in that order. Modules add their kinds
        by extending this method, e.g. ``res = super()._history_sources(); res[10] = "SELECT ..."``."""
        return {
            1: self._source_messages(),
            2: self._source_meetings(),
            3: self._source_activities(),
            4: self._source_sale_orders(),
            5: self._source_invoices(),
            6: self._source_insights(),
        }

    @api.model
    def _history_columns(self):
        return ("id", "source", "source_id", "partner_id", "contact_id", "date", "kind", "name", "body",
                "user_id", "res_model", "res_id", "amount", "currency_id", "state", "date_deadline", "company_id")

    @api.model
    def _history_query(self):
        columns = ", ".join(self._history_columns())
        parts = []
        for code, select in sorted(self._history_sources().items()):
            if not 0 < code <= MAX_SOURCE_CODE:
                raise ValueError("history source codes are 1..%d, got %r" % (MAX_SOURCE_CODE, code))
            select = select % {"id": "((src.id::bigint << %d) | %d)" % (SOURCE_BITS, code), "code": code}
            parts.append("SELECT %s FROM (%s) AS src_%d" % (columns, select, code))
        return "\nUNION ALL\n".join(parts)

    @api.model
    def _resolve_partners(self, model, res_ids):
        """{res_id: (commercial partner id, contact id)} of records of `model`: the partner itself for
        res.partner, else the record's `partner_id`. One query per call, whatever the number of ids."""
        if model not in self.env or not res_ids:
            return {}
        records = self.env[model].sudo().browse(res_ids).exists()
        if model == "res.partner":
            return {p.id: (p.commercial_partner_id.id, p.id) for p in records}
        field = records._fields.get("partner_id")
        if not field or field.type != "many2one" or field.comodel_name != "res.partner":
            return {}
        return {r.id: (r.partner_id.commercial_partner_id.id, r.partner_id.id) for r in records if r.partner_id}

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

    @api.model
    def _preview(self, column):
        """SQL: the first 300 characters of an HTML column as plain text."""
        return "left(btrim(regexp_replace(regexp_replace(coalesce(%s, ''), '<[^>]*>', ' ', 'g'), " \
               "'\\s+', ' ', 'g')), 300)" % column

    @api.model
    def _source_messages(self):
        """Notes, e-mails in and out and documents sent, posted on the customer or any of its documents.

        One table and no WHERE clause, so PostgreSQL flattens this branch into the union and reads it in
        index order (see mail_message.py): the first page of a long history needs no sort. Only e-mails
        and comments carry a history customer; all other messages have none and are never shown."""
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   src.history_partner_id AS partner_id, src.history_contact_id AS contact_id,
                   src.date AS date,
                   CASE WHEN src.message_type = 'email'
                             OR (SELECT author.commercial_partner_id FROM res_partner author
                                 WHERE author.id = src.author_id) = src.history_partner_id THEN 'email_in'
                        WHEN src.subtype_id = (SELECT res_id FROM ir_model_data
                                               WHERE module = 'mail' AND name = 'mt_note') THEN 'note'
                        WHEN EXISTS (SELECT 1 FROM message_attachment_rel r
                                     WHERE r.message_id = src.id) THEN 'letter'
                        ELSE 'email_out' END::varchar AS kind,
                   coalesce(nullif(src.subject, ''), src.record_name, '')::varchar AS name,
                   %s AS body,
                   (SELECT u.id FROM res_users u WHERE u.partner_id = src.author_id
                    ORDER BY u.id LIMIT 1) AS user_id,
                   src.model::varchar AS res_model, src.res_id AS res_id,
                   NULL::numeric AS amount, NULL::integer AS currency_id, NULL::varchar AS state,
                   NULL::date AS date_deadline, NULL::integer AS company_id
            FROM mail_message src
        """ % self._preview("src.body")

    @api.model
    def _source_meetings(self):
        """Meetings with the customer as attendee: one row per meeting and customer."""
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   att.commercial_partner_id AS partner_id, src.partner_id AS contact_id,
                   ev.start AS date, 'meeting'::varchar AS kind, ev.name::varchar AS name,
                   %s AS body, ev.user_id AS user_id,
                   'calendar.event'::varchar AS res_model, ev.id AS res_id,
                   NULL::numeric AS amount, NULL::integer AS currency_id, NULL::varchar AS state,
                   NULL::date AS date_deadline, NULL::integer AS company_id
            FROM calendar_attendee src
            JOIN res_partner att ON att.id = src.partner_id
            JOIN calendar_event ev ON ev.id = src.event_id
            WHERE ev.active
              AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = src.partner_id AND NOT u.share)
              AND NOT EXISTS (SELECT 1 FROM calendar_attendee other
                              JOIN res_partner op ON op.id = other.partner_id
                              WHERE other.event_id = src.event_id AND other.id < src.id
                                AND op.commercial_partner_id = att.commercial_partner_id)
        """ % self._preview("ev.description")

    @api.model
    def _source_activities(self):
        """Open activities (tasks) on the customer or its documents, with their deadline."""
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   src.history_partner_id AS partner_id, src.history_contact_id AS contact_id,
                   src.date_deadline::timestamp AS date, 'task'::varchar AS kind,
                   coalesce(nullif(src.summary, ''), typ.name, '')::varchar AS name,
                   %s AS body, src.user_id AS user_id,
                   src.res_model::varchar AS res_model, src.res_id AS res_id,
                   NULL::numeric AS amount, NULL::integer AS currency_id, 'open'::varchar AS state,
                   src.date_deadline AS date_deadline, NULL::integer AS company_id
            FROM mail_activity src
            LEFT JOIN mail_activity_type typ ON typ.id = src.activity_type_id
            WHERE src.history_partner_id IS NOT NULL
        """ % self._preview("src.note")

    @api.model
    def _source_sale_orders(self):
        return """
            SELECT %(id)s AS id, %(code)s AS source, src.id AS source_id,
                   p.commercial_partner_id AS partner_id, src.partner_id AS contact_id,
                   src.date_order AS date,
                   CASE WHEN src.state IN ('draft', 'sent') THEN 'quotation'
                        ELSE 'sale_order' END::varchar AS kind,
                   src.name::varchar AS name, coalesce(src.client_order_ref, '')::text AS body,
                   src.user_id AS user_id, 'sale.order'::varchar AS res_model, src.id AS res_id,
                   src.amount_total::numeric AS amount, pl.currency_id AS currency_id,
                   src.state::varchar AS state, src.validity_date AS date_deadline,
                   src.company_id AS company_id
            FROM sale_order src
            JOIN res_partner p ON p.id = src.partner_id
            LEFT JOIN product_pricelist pl ON pl.id = src.pricelist_id
        """

    @api.model
    def _source_invoices(self):
        return """
            SELECT %(id)s AS id, %(code)s AS source, src.id AS source_id,
                   src.commercial_partner_id AS partner_id, src.partner_id AS contact_id,
                   coalesce(src.date_invoice::timestamp, src.create_date) AS date,
                   CASE WHEN src.type = 'out_refund' THEN 'credit_note' ELSE 'invoice' END::varchar AS kind,
                   coalesce(src.number, src.reference, '')::varchar AS name,
                   coalesce(src.name, '')::text AS body,
                   src.user_id AS user_id, 'account.invoice'::varchar AS res_model, src.id AS res_id,
                   src.amount_total::numeric AS amount, src.currency_id AS currency_id,
                   src.state::varchar AS state, src.date_due AS date_deadline, src.company_id AS company_id
            FROM account_invoice src
            WHERE src.type IN ('out_invoice', 'out_refund') AND src.state != 'cancel'
        """

    @api.model
    def _source_insights(self):
        return """
            SELECT %%(id)s AS id, %%(code)s AS source, src.id AS source_id,
                   p.commercial_partner_id AS partner_id, src.partner_id AS contact_id,
                   src.date::timestamp AS date, 'insight'::varchar AS kind,
                   left(%s, 80)::varchar AS name, %s AS body, src.user_id AS user_id,
                   'crm.customer.insight'::varchar AS res_model, src.id AS res_id,
                   NULL::numeric AS amount, NULL::integer AS currency_id, src.sentiment::varchar AS state,
                   NULL::date AS date_deadline, src.company_id AS company_id
            FROM crm_customer_insight src
            JOIN res_partner p ON p.id = src.partner_id
        """ % (self._preview("src.text"), self._preview("src.text"))
