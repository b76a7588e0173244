# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one writer of Odoo's mail and bus tables by SQL, for the paths where the ORM is too slow.

A deadline cron after a holiday may escalate a thousand steps, a switchboard may ring every few seconds:
one ORM create per activity, message or bus row (each with its own follow-up queries) does not fit their
budget. These methods write the same rows Odoo's ORM would write, set-based, and nothing else in the
add-ons writes those tables by hand. Everything that is not a hot path uses the ORM."""
import logging
import os
import random
import threading

import psycopg2
from psycopg2.extras import execute_values

from odoo import api, fields, models, sql_db, tools
from odoo.addons.bus.models.bus import json_dump

from .mail_message import HISTORY_TYPES

_logger = logging.getLogger(__name__)

_notify_lock = threading.Lock()
_notify_state = {"pid": None, "cnx": None}
PAGE_SIZE = 1000


def _notify_connection():
    """The process's autocommit connection to `postgres` (a forked worker opens its own)."""
    cnx = _notify_state["cnx"]
    if cnx is None or cnx.closed or _notify_state["pid"] != os.getpid():
        _dbname, info = sql_db.connection_info_for("postgres")
        cnx = psycopg2.connect(**info)
        cnx.autocommit = True
        _notify_state.update(pid=os.getpid(), cnx=cnx)
    return cnx


def _notify(channels):
    """`NOTIFY imbus` as `bus.bus.sendmany` sends it, through the kept connection (reconnect once)."""
    payload = json_dump(channels)
    with _notify_lock:
        for attempt in (1, 2):
            try:
                with _notify_connection().cursor() as cr:
                    cr.execute("NOTIFY imbus, %s", [payload])
                return
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                _notify_state["cnx"] = None  # the server restarted or dropped us: reconnect once
                if attempt == 2:
                    _logger.warning("Could not wake the long-polling workers; the message follows on "
                                    "their next poll")


class CrmBulkWriter(models.AbstractModel):
    """Set-based inserts of activities, chatter messages and bus notifications (see the module docstring)."""

    _name = "crm.bulk.writer"
    _description = "Bulk Writer of Messages, Activities and Bus Notifications"

    @api.model
    def _create_activities(self, model, values_list):
        """Insert activities on records of `model`; returns their ids in the order of `values_list`.

        Each dict: res_id, activity_type_id, summary, note (HTML, escaped by the caller), date_deadline,
        user_id, optionally res_name. The history customer of each activity is set as mail.activity's
        create() would set it."""
        if not values_list:
            return []
        now, uid = fields.Datetime.now(), self.env.uid
        model_id = self.env["ir.model"]._get_id(model)
        names = self._record_names(model, [v["res_id"] for v in values_list if not v.get("res_name")])
        customers = self._history_customers(model, [v["res_id"] for v in values_list])
        rows = [(
            model_id, model, v["res_id"], v.get("res_name") or names.get(v["res_id"]), v["activity_type_id"],
            v.get("summary"), v.get("note"), v["date_deadline"], v["user_id"], uid, now, uid, now,
        ) + customers.get(v["res_id"], (None, None)) for v in values_list]
        returned = execute_values(self.env.cr._obj, """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary, note,
                                       date_deadline, user_id, create_uid, create_date, write_uid, write_date,
                                       history_partner_id, history_contact_id)
            VALUES %s RETURNING id
        """, rows, page_size=PAGE_SIZE, fetch=True)
        return [row[0] for row in returned]

    @api.model
    def _post_messages(self, model, values_list):
        """Insert chatter messages on records of `model`; returns their ids in the order of `values_list`.

        Each dict: res_id, body (HTML, escaped by the caller), optionally record_name, subtype_xmlid
        (default mail.mt_note), message_type (default comment), author_id (default the user's partner) and
        partner_ids: recipients, who also find the message unread in their inbox."""
        if not values_list:
            return []
        cr, now, uid = self.env.cr, fields.Datetime.now(), self.env.uid
        names = self._record_names(model, [v["res_id"] for v in values_list if not v.get("record_name")])
        customers = self._history_customers(model, [v["res_id"] for v in values_list])
        own_partner_id = self.env.user.partner_id.id  # once: env.user costs a browse per call
        authors = self.env["res.partner"].browse({v.get("author_id") or own_partner_id for v in values_list})
        emails = {author.id: author.email_formatted or None for author in authors.sudo()}
        subtypes = {}
        rows = []
        for v in values_list:
            xmlid = v.get("subtype_xmlid", "mail.mt_note")
            if xmlid not in subtypes:
                subtypes[xmlid] = self.env.ref(xmlid).id
            author_id = v.get("author_id") or own_partner_id
            message_type = v.get("message_type", "comment")
            history = customers.get(v["res_id"], (None, None)) if message_type in HISTORY_TYPES else (None, None)
            rows.append((
                v["body"], now, model, v["res_id"], v.get("record_name") or names.get(v["res_id"]),
                message_type, subtypes[xmlid], author_id, emails.get(author_id),
                tools.generate_tracking_message_id(v["res_id"]), uid, now, uid, now,
            ) + history)
        message_ids = [row[0] for row in execute_values(cr._obj, """
            INSERT INTO mail_message (body, date, model, res_id, record_name, message_type, subtype_id, author_id,
                                      email_from, message_id, create_uid, create_date, write_uid, write_date,
                                      history_partner_id, history_contact_id)
            VALUES %s RETURNING id
        """, rows, page_size=PAGE_SIZE, fetch=True)]
        recipients = [(message_id, partner_id) for message_id, v in zip(message_ids, values_list)
                      for partner_id in set(v.get("partner_ids") or ())]
        if recipients:
            execute_values(cr._obj, "INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id) "
                                    "VALUES %s", recipients, page_size=PAGE_SIZE)
            execute_values(cr._obj, "INSERT INTO mail_message_res_partner_needaction_rel "
                                    "(mail_message_id, res_partner_id, is_read, is_email) VALUES %s",
                           [(message_id, partner_id, False, False) for message_id, partner_id in recipients],
                           page_size=PAGE_SIZE)
        return message_ids

    @api.model
    def _send_bus(self, notifications):
        """Like `bus.bus.sendmany([(channel, message), ...])`: one INSERT for all rows, and the NOTIFY
        after commit through one kept connection per process instead of a new connection each time.

        The rows have no author (create_uid, write_uid): nobody reads them, and Odoo 11's poll reads every
        field of the rows it hands out, naming each author through res.users: with an author, that was a
        third of the longpolling process's time under a switchboard's load."""
        if not notifications:
            return
        channels = [channel for channel, _message in notifications]
        self.env.cr.execute("""
            INSERT INTO bus_bus (channel, message, create_date, write_date)
            SELECT channel, message, now() at time zone 'UTC', now() at time zone 'UTC'
            FROM unnest(%(channels)s::text[], %(messages)s::text[]) AS notification(channel, message)
        """, {"channels": [json_dump(channel) for channel in channels],
              "messages": [json_dump(message) for _channel, message in notifications]})
        if random.random() < 0.01:
            self.env["bus.bus"].sudo().gc()
        self.env.cr.after("commit", lambda: _notify(channels))

    # ---------------------------------------------------------------- helpers

    def _record_names(self, model, res_ids):
        """{res_id: display name} read as superuser (the names Odoo stores on messages and activities)."""
        if not res_ids:
            return {}
        return dict(self.env[model].sudo().browse(list(set(res_ids))).name_get())

    def _history_customers(self, model, res_ids):
        """{res_id: (customer id, contact id)}: what mail_message.py / mail_activity.py set on create."""
        return self.env["crm.contact.history"]._resolve_partners(model, list(set(res_ids)))
