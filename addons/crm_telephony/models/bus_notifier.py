# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screen pops on the bus without a new database connection per call.

`bus.bus.sendmany` wakes the long-polling workers with `NOTIFY imbus` on the `postgres` database, and
opens (and closes) a connection for it every time: about 3 ms, a tenth of the webhook's budget. The
webhooks send the same NOTIFY through one connection per process, kept open and reopened when lost."""
import logging
import os
import random
import threading

import psycopg2

from odoo import sql_db
from odoo.addons.bus.models.bus import json_dump

_logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state = {"pid": None, "cnx": None}


def _connection():
    """The process's autocommit connection to `postgres` (a forked worker opens its own)."""
    cnx = _state["cnx"]
    if cnx is None or cnx.closed or _state["pid"] != os.getpid():
        _dbname, info = sql_db.connection_info_for("postgres")
        cnx = psycopg2.connect(**info)
        cnx.autocommit = True
        _state.update(pid=os.getpid(), cnx=cnx)
    return cnx


def _notify(channels):
    payload = json_dump(channels)
    with _lock:
        for attempt in (1, 2):
            try:
                with _connection().cursor() as cr:
                    cr.execute("NOTIFY imbus, %s", [payload])
                return
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                _state["cnx"] = None  # the server restarted or dropped us: reconnect once
                if attempt == 2:
                    _logger.warning("Could not wake the long-polling workers; the pop-up follows on "
                                    "their next poll")


def send(env, notifications):
    """Like `bus.bus.sendmany`: the messages become rows of bus.bus (one INSERT for all), the NOTIFY
    follows the commit."""
    channels = [channel for channel, _message in notifications]
    env.cr.execute("""
        INSERT INTO bus_bus (channel, message, create_uid, write_uid, create_date, write_date)
        SELECT channel, message, %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
        FROM unnest(%(channels)s::text[], %(messages)s::text[]) AS notification(channel, message)
    """, {"uid": env.uid, "channels": [json_dump(channel) for channel in channels],
          "messages": [json_dump(message) for _channel, message in notifications]})
    if random.random() < 0.01:
        env["bus.bus"].sudo().gc()
    if channels:
        env.cr.after("commit", lambda: _notify(channels))
