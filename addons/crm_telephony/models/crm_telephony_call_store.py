# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The call rows a telephone system's events read and write: one SQL statement each."""
from datetime import datetime

from odoo import api, fields, models
from odoo.models import MAGIC_COLUMNS

from .crm_telephony_call import call_state

# what an event needs to know of its call (and what the pop-up's bus message shows of it)
KNOWN_COLUMNS = ("state", "direction", "number", "number_e164", "line_number", "date_start", "name", "notes",
                 "match_count", "partner_id", "user_id", "date_answer", "date_end", "result", "duration")
# who gets a call's bus message: the partners of its agent and of the agents it rings at
AGENT_PARTNERS_SQL = """ARRAY(SELECT DISTINCT partner_id FROM res_users WHERE id = call.user_id OR id IN (
    SELECT user_id FROM crm_telephony_call_target_user_rel WHERE call_id = call.id) ORDER BY partner_id)"""
KNOWN_SQL = """
    SELECT {columns}, partner.name, partner.display_name,
           ARRAY(SELECT user_id FROM crm_telephony_call_target_user_rel WHERE call_id = call.id ORDER BY user_id),
           {agent_partners}
    FROM crm_telephony_call call LEFT JOIN res_partner partner ON partner.id = call.partner_id
    WHERE call.provider = %s AND call.provider_call_id = %s AND call.company_id = %s
    FOR UPDATE OF call
""".format(columns=", ".join("call." + name for name in ("id",) + KNOWN_COLUMNS), agent_partners=AGENT_PARTNERS_SQL)


class CrmTelephonyCallStore(models.AbstractModel):
    """The one writer of the calls the telephone systems report (crm.telephony.call.event decides what
    an event adds; this model stores it).

    A telephone system sends three events a call, hundreds a minute on a busy morning. Through the ORM a
    new call cost 27 statements and an answer 20: the record rules of the webhook user checked before and
    after each write, the stored state computed in a second UPDATE, the row read back. Here a new call is
    one INSERT (with the agents it rings at), an event of a known call one SELECT and one UPDATE, the state
    derived in the same statement by `call_state`, the function the call's own compute uses. Events of one
    call sent in parallel (ring and answer a few ms apart, maybe to two servers) wait for each other on the
    call's row (`_known` locks it); a second new call of the same id waits for the first one's INSERT and
    then applies its event to that call.

    Access: the webhook user's rights on calls are checked (`check_access_rights`); the rows are those of
    the company whose secret signed the event, the only company the webhook user of that company may
    write (its record rule). Nothing else stores a field that depends on a call's columns (only the
    call's own state and customer, set here). Defaults of fields other modules add apply as in `create`.
    The record cache of the calls written is invalidated, so the ORM reads them anew."""

    _name = "crm.telephony.call.store"
    _description = "Telephony Call Rows"

    @api.model
    def _known(self, company, provider, call_id):
        """The call of the telephone system's id as {column: value} in the ORM's formats (False for
        nothing, datetimes as strings), with `id`, `target_user_ids` and `caller` (id, name, display
        name: what the pop-up's bus message shows) and `agent_partner_ids` (the partners of the agents it
        rings at and of its agent: who gets the bus message), or None. One query; the row stays locked
        until the transaction ends, so what the event writes follows from what it read (the time-out cron
        closing the same call waits, or has committed and its end is read)."""
        self.env.cr.execute(KNOWN_SQL, [provider, call_id, company.id])
        row = self.env.cr.fetchone()
        if not row:
            return None
        known = {name: _from_column(value) for name, value in zip(("id",) + KNOWN_COLUMNS, row)}
        known["target_user_ids"], known["agent_partner_ids"] = list(row[-2]), list(row[-1])
        known["caller"] = {"id": known["partner_id"], "name": row[-4] or False, "display_name": row[-3] or False} \
            if known["partner_id"] else False
        return known

    @api.model
    def _agent_partner_ids(self, call_id):
        """The partners who get the bus message of the call `call_id` (as `_known` reads them)."""
        self.env.cr.execute("SELECT %s FROM crm_telephony_call call WHERE call.id = %%s" % AGENT_PARTNERS_SQL,
                            [call_id])
        row = self.env.cr.fetchone()
        return list(row[0]) if row else []

    @api.model
    def _call(self, known):
        """The known call as a record, its state in the record cache (what the webhook answers with)."""
        call = self.env["crm.telephony.call"].browse(known["id"])
        if "state" not in call._cache:
            call._cache.update(call._convert_to_cache({"state": known["state"]}, validate=False))
        return call

    @api.model
    def _insert(self, values):
        """A new call of `values` (stored fields, `target_user_ids` as a list of ids; defaults added as
        `create` adds them; the customer is the contact's commercial partner); the known call as `_known`
        gives it, or None when the call exists already (a parallel request stored it first). One
        statement."""
        calls = self.env["crm.telephony.call"]
        calls.check_access_rights("create")
        values = dict(values)
        targets = values.pop("target_user_ids", [])
        values.pop("commercial_partner_id", None)
        values = calls._add_missing_default_values(values)
        calls._check_dates(values.get("date_start"), values.get("date_end"))
        values["state"] = call_state(values.get("date_answer"), values.get("date_end"), values.get("result"))
        columns = [name for name in values if _is_column(calls, name)]
        columns += [name for name, field in calls._fields.items()
                    if field.type == "boolean" and _is_column(calls, name) and name not in values]
        params = {name: _to_column(calls, name, values.get(name, False)) for name in columns}
        params.update(uid=self.env.uid, targets=targets, contact=params.get("partner_id"))
        self.env.cr.execute("""
            WITH call AS (
                INSERT INTO crm_telephony_call ({columns}, commercial_partner_id,
                                                create_uid, write_uid, create_date, write_date)
                VALUES ({placeholders}, (SELECT commercial_partner_id FROM res_partner WHERE id = %(contact)s),
                        %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC')
                ON CONFLICT (provider, provider_call_id, company_id) DO NOTHING
                RETURNING id
            ), targets AS (
                INSERT INTO crm_telephony_call_target_user_rel (call_id, user_id)
                SELECT call.id, target.id FROM call, unnest(%(targets)s::int[]) AS target(id)
            )
            SELECT call.id, partner.name, partner.display_name,
                   ARRAY(SELECT DISTINCT partner_id FROM res_users WHERE id = %(agent)s OR id = ANY(%(targets)s::int[])
                         ORDER BY partner_id)
            FROM call LEFT JOIN res_partner partner ON partner.id = %(contact)s
        """.format(columns=", ".join('"%s"' % name for name in columns),
                   placeholders=", ".join("%%(%s)s" % name for name in columns)),
            dict(params, agent=params.get("user_id")))
        row = self.env.cr.fetchone()
        if not row:
            return None
        known = {name: _from_column(values.get(name, False)) for name in KNOWN_COLUMNS}
        known.update(id=row[0], target_user_ids=sorted(targets), agent_partner_ids=list(row[3]),
                     caller=False if not known["partner_id"] else {
                         "id": known["partner_id"], "name": row[1] or False, "display_name": row[2] or False})
        return known

    @api.model
    def _update(self, known, updates):
        """Write `updates` (stored fields; `target_user_ids` as a list of ids) to the known call and into
        `known`, with the state they give. One statement (two when the agents change: the agents no longer
        named leave, the new ones join, in one)."""
        calls = self.env["crm.telephony.call"]
        calls.check_access_rights("write")
        updates = dict(updates)
        targets = updates.pop("target_user_ids", None)
        calls._check_dates(known["date_start"], updates.get("date_end", known["date_end"]))
        after = dict(known, **updates)
        updates["state"] = call_state(after["date_answer"], after["date_end"], after["result"])
        self.env.cr.execute("""
            UPDATE crm_telephony_call SET {assignments}, write_uid = %(uid)s, write_date = now() at time zone 'UTC'
            WHERE id = %(id)s
        """.format(assignments=", ".join('"%s" = %%(%s)s' % (name, name) for name in updates)),
            dict({name: _to_column(calls, name, value) for name, value in updates.items()},
                 uid=self.env.uid, id=known["id"]))
        if targets is not None:
            self.env.cr.execute("""
                WITH gone AS (DELETE FROM crm_telephony_call_target_user_rel
                              WHERE call_id = %(id)s AND user_id <> ALL(%(targets)s::int[]))
                INSERT INTO crm_telephony_call_target_user_rel (call_id, user_id)
                SELECT %(id)s, target.id FROM unnest(%(targets)s::int[]) AS target(id)
                ON CONFLICT DO NOTHING
            """, {"id": known["id"], "targets": targets})
            updates["target_user_ids"] = sorted(targets)
        if "user_id" in updates or "target_user_ids" in updates:
            known.pop("agent_partner_ids", None)  # others get the bus message: crm.telephony.screen.pop asks
        known.update(updates)
        calls.invalidate_cache(ids=[known["id"]])
        return known

    @api.model
    def _set_activity_deadline(self, call_id):
        """The call's next activity deadline (mail.activity.mixin's stored related field) after an activity
        was written by SQL (crm.bulk.writer)."""
        self.env.cr.execute("""
            UPDATE crm_telephony_call SET activity_date_deadline = (
                SELECT min(date_deadline) FROM mail_activity WHERE res_model = 'crm.telephony.call' AND res_id = %(id)s)
            WHERE id = %(id)s
        """, {"id": call_id})


def _is_column(calls, name):
    field = calls._fields.get(name)
    return bool(field and field.store and field.column_type and name not in MAGIC_COLUMNS and name != "id")


def _to_column(calls, name, value):
    return calls._fields[name].convert_to_column(value, calls)


def _from_column(value):
    """A value as the ORM gives it: False for NULL, datetimes as 'YYYY-MM-DD HH:MM:SS'."""
    if value is None:
        return False
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    return value
