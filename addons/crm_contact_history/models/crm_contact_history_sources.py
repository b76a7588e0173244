# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The base module's sources of the contact history: messages, meetings, tasks, orders, invoices, insights."""
from odoo import api, models


class CrmContactHistory(models.Model):
    """One `_history_source()` per kind of document; other modules add theirs the same way."""

    _inherit = "crm.contact.history"

    @api.model
    def _history_sources(self):
        """The branches whose union is the history: {name: HistorySource(code, select)}.

        Build each with `_history_source()`. Modules add their kinds by extending this method, e.g.
        ``sources = super()._history_sources(); sources["call"] = self._history_source(10, ...)``."""
        return {
            "message": self._source_messages(),
            "meeting": self._source_meetings(),
            "activity": self._source_activities(),
            "sale_order": self._source_sale_orders(),
            "invoice": self._source_invoices(),
            "insight": self._source_insights(),
        }

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
        return self._history_source(
            1, "mail_message src",
            partner_id="src.history_partner_id", contact_id="src.history_contact_id", date="src.date",
            kind="""CASE WHEN src.message_type = 'email'
                              OR (SELECT author.commercial_partner_id FROM res_partner author
                                  WHERE author.id = src.author_id) = src.history_partner_id THEN 'email_in'
                         WHEN src.subtype_id = (SELECT res_id FROM ir_model_data
                                                WHERE module = 'mail' AND name = 'mt_note') THEN 'note'
                         WHEN EXISTS (SELECT 1 FROM message_attachment_rel r
                                      WHERE r.message_id = src.id) THEN 'letter'
                         ELSE 'email_out' END""",
            name="coalesce(nullif(src.subject, ''), src.record_name, '')",
            body=self._preview("src.body"),
            user_id="(SELECT u.id FROM res_users u WHERE u.partner_id = src.author_id ORDER BY u.id LIMIT 1)",
            res_model="src.model", res_id="src.res_id")

    @api.model
    def _source_meetings(self):
        """Meetings with the customer as attendee: one row per meeting and customer."""
        return self._history_source(
            2, """calendar_attendee src
                  JOIN res_partner att ON att.id = src.partner_id
                  JOIN calendar_event ev ON ev.id = src.event_id
                  WHERE ev.active
                    AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = src.partner_id AND NOT u.share)
                    AND NOT EXISTS (SELECT 1 FROM calendar_attendee other
                                    JOIN res_partner op ON op.id = other.partner_id
                                    WHERE other.event_id = src.event_id AND other.id < src.id
                                      AND op.commercial_partner_id = att.commercial_partner_id)""",
            partner_id="att.commercial_partner_id", contact_id="src.partner_id", date="ev.start",
            kind="'meeting'", name="ev.name", body=self._preview("ev.description"), user_id="ev.user_id",
            res_model="'calendar.event'", res_id="ev.id")

    @api.model
    def _source_activities(self):
        """Open activities (tasks) on the customer or its documents: dated when they were scheduled (the history
        tells what happened when), their deadline a date of its own."""
        return self._history_source(
            3, """mail_activity src
                  LEFT JOIN mail_activity_type typ ON typ.id = src.activity_type_id
                  WHERE src.history_partner_id IS NOT NULL""",
            partner_id="src.history_partner_id", contact_id="src.history_contact_id",
            date="src.create_date", kind="'task'", name="coalesce(nullif(src.summary, ''), typ.name, '')",
            body=self._preview("src.note"), user_id="src.user_id", res_model="src.res_model",
            res_id="src.res_id", state="'open'", date_deadline="src.date_deadline")

    @api.model
    def _source_sale_orders(self):
        return self._history_source(
            4, """sale_order src
                  JOIN res_partner p ON p.id = src.partner_id
                  LEFT JOIN product_pricelist pl ON pl.id = src.pricelist_id""",
            partner_id="p.commercial_partner_id", contact_id="src.partner_id", date="src.date_order",
            kind="CASE WHEN src.state IN ('draft', 'sent') THEN 'quotation' ELSE 'sale_order' END",
            name="src.name", body="coalesce(src.client_order_ref, '')", user_id="src.user_id",
            res_model="'sale.order'", res_id="src.id", amount="src.amount_total", currency_id="pl.currency_id",
            state="src.state", date_deadline="src.validity_date", company_id="src.company_id")

    @api.model
    def _source_invoices(self):
        return self._history_source(
            5, """account_invoice src
                  WHERE src.type IN ('out_invoice', 'out_refund') AND src.state != 'cancel'""",
            partner_id="src.commercial_partner_id", contact_id="src.partner_id",
            date="coalesce(src.date_invoice::timestamp, src.create_date)",
            kind="CASE WHEN src.type = 'out_refund' THEN 'credit_note' ELSE 'invoice' END",
            name="coalesce(src.number, src.reference, '')", body="coalesce(src.name, '')",
            user_id="src.user_id", res_model="'account.invoice'", res_id="src.id", amount="src.amount_total",
            currency_id="src.currency_id", state="src.state", date_deadline="src.date_due",
            company_id="src.company_id")

    @api.model
    def _source_insights(self):
        return self._history_source(
            6, """crm_customer_insight src
                  JOIN res_partner p ON p.id = src.partner_id""",
            partner_id="p.commercial_partner_id", contact_id="src.partner_id", date="src.date",
            kind="'insight'", name="left(%s, 80)" % self._preview("src.text"), body=self._preview("src.text"),
            user_id="src.user_id", res_model="'crm.customer.insight'", res_id="src.id", state="src.sentiment",
            company_id="src.company_id")
