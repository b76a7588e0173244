# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Applying one normalised event of a telephone system to the call log: idempotent, in any order."""
from odoo import _, api, fields, models

from .crm_telephony_call import NO_END
from .phone_number import provider_to_e164

CALL_BACK_TYPE = "crm_telephony.mail_activity_data_call_back"


class CrmTelephonyCallEvent(models.AbstractModel):
    """Turns the events the webhooks normalise (see crm.telephony.webhook) into calls.

    An event is a dict with the keys provider, call_id, kind (ring|answer|hangup|journal), direction,
    from, to, agents, answered_by, result, duration, parent_call_id, date_start, date_answer, date_end.
    It only ever adds what the call does not know yet, so a repeated or late event changes nothing
    that is already recorded; the call's state follows from its times (crm.telephony.call)."""

    _name = "crm.telephony.call.event"
    _description = "Telephony Call Events"

    @api.model
    def _apply(self, company, event):
        """Apply `event` of `company`'s telephone system; returns the call (created when new).

        The call is read and written by crm.telephony.call.store: a new call is one INSERT, an event of a
        known call one SELECT and one UPDATE (the pop-up's bus message is built from the same values)."""
        store = self.env["crm.telephony.call.store"]
        known = store._known(company, event["provider"], event["call_id"])
        if known is None:
            values = self._new_call_values(company, event)
            new = dict(values, state=False, target_user_ids=values.get("target_user_ids") or [], new=True)
            values.update(self._call_updates(new, company, event))
            known = store._insert(values)
            if known is not None:
                call = store._call(known)
                self._after_state_change(call, None, known)
                return call
            # the same call stored by a parallel request: apply the event to that one
            known = store._known(company, event["provider"], event["call_id"])
        before = known["state"]
        updates = self._call_updates(known, company, event)
        if updates:
            store._update(known, updates)
            self._after_state_change(store._call(known), before, known)
        return store._call(known)

    @api.model
    def _provider_call(self, company, provider, call_id):
        """The call with the telephone system's id, unique per provider and company (one index lookup)."""
        self.env.cr.execute("""
            SELECT id FROM crm_telephony_call WHERE provider = %s AND provider_call_id = %s AND company_id = %s
        """, [provider, call_id, company.id])
        return self.env["crm.telephony.call"].browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _new_call_values(self, company, event):
        """The values of a call the event is the first news of (stored fields; `target_user_ids` a list of
        user ids). Modules add values by extending this."""
        inbound = event.get("direction", "in") == "in"
        number = event.get("from") if inbound else event.get("to")
        e164 = provider_to_e164(number, company._telephony_locale().region)
        agents = self._resolve_agents(company, event.get("agents"))
        values = dict(self.env["crm.telephony.call"]._caller_values(e164), **{
            "name": (_("Call from %s") if inbound else _("Call to %s")) % (number or _("unknown number")),
            "provider": event["provider"],
            "provider_call_id": event["call_id"],
            "direction": "in" if inbound else "out",
            "number": number or False,
            "number_e164": e164 or False,
            "line_number": (event.get("to") if inbound else event.get("from")) or False,
            "company_id": company.id,
            "date_start": event.get("date_start") or fields.Datetime.now(),
            "target_user_ids": agents.ids,
            "user_id": agents.id if len(agents) == 1 else False,
        })
        if event.get("parent_call_id"):
            values["parent_id"] = self._provider_call(company, event["provider"], event["parent_call_id"]).id
        if not agents and inbound:
            values["target_user_ids"] = self._fallback_agents(company).ids
        return values

    @api.model
    def _call_updates(self, call, company, event):
        """What the event adds to `call` (the values crm.telephony.call.store knows of it; `new`: the call
        the event is the first news of); empty when it brings nothing new (a repeated event)."""
        kind = event["kind"]
        updates = {}
        if kind == "ring" and not call["user_id"] and not call.get("new"):
            agents = self._resolve_agents(company, event.get("agents"))
            if agents and agents.ids != sorted(call["target_user_ids"]):
                updates["target_user_ids"] = agents.ids
                if len(agents) == 1:
                    updates["user_id"] = agents.id
        answer_time = event.get("date_answer") or (fields.Datetime.now() if kind == "answer" else None)
        end_time = event.get("date_end") or (fields.Datetime.now() if kind == "hangup" else None)
        timed_out = call.get("result") == NO_END  # closed by the time-out cron: the real end replaces that one
        if answer_time and not call.get("date_answer") and kind in ("answer", "journal"):
            if call.get("date_end") and not timed_out and answer_time > call["date_end"]:
                answer_time = call["date_end"]  # the answer arrived after the hang-up
            updates["date_answer"] = answer_time
            answered_by = self._resolve_agents(company, event.get("answered_by") or event.get("agents"))
            if len(answered_by) == 1 and answered_by.id != call["user_id"]:
                updates["user_id"] = answered_by.id
        if end_time and (not call.get("date_end") or timed_out) and kind in ("hangup", "journal"):
            updates["date_end"] = end_time
            if event.get("result") and (not call.get("result") or timed_out):
                updates["result"] = event["result"]
            elif timed_out:
                updates["result"] = False
        duration_of = self.env["crm.telephony.call"]._duration
        if kind in ("hangup", "journal") and not call.get("duration"):
            duration = event.get("duration")
            if duration is None:
                duration = duration_of(updates.get("date_answer") or call.get("date_answer"),
                                       updates.get("date_end") or call.get("date_end"))
            if duration:
                updates["duration"] = duration
        elif "date_answer" in updates and call.get("date_end") and not call.get("duration"):
            updates["duration"] = duration_of(updates["date_answer"], call["date_end"])
        return updates

    @api.model
    def _after_state_change(self, call, before, known=None):
        """Missed incoming call: a call-back task; answered after all: the task goes. Agents are told.
        `before` is the state before the event, None for a new call; `known`: the call's values as
        crm.telephony.call.store just wrote them (else they are read)."""
        state, direction = (known["state"], known["direction"]) if known else (call.state, call.direction)
        if state == before:
            if state == "missed":  # the agent became known after the hang-up
                activities = self._call_back_activities(call)
                user = self._call_back_user(call)
                if user and activities and activities.user_id != user:
                    activities.write({"user_id": user.id})
            return
        if state == "missed" and direction == "in":
            self._schedule_call_back(call)
        elif before == "missed":
            self._call_back_activities(call).unlink()
        self.env["crm.telephony.screen.pop"]._notify_agents(
            call, "ring" if before is None and state == "ringing" else "update", known)

    # ------------------------------------------------------------------ the call-back task of a missed call

    @api.model
    def _call_back_activities(self, call):
        activity_type = self.env.ref(CALL_BACK_TYPE)
        return call.activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type)

    @api.model
    def _schedule_call_back(self, call):
        """Due today (the next working day on a holiday or weekend), for the customer's salesperson, else
        the agent the call was for.

        Written as mail.activity's create writes it (the activity in the customer file, the call's next
        deadline, the bus message that updates the user's activity counter) by crm.bulk.writer: a busy
        switchboard misses a call every few seconds, and the ORM's create made the hang-up of a missed
        call cost four times any other event. Unlike create, it does not make the user follow the call."""
        facts = self._call_back_facts(call)
        if not facts or facts["scheduled"] or not facts["user_id"]:
            return
        today = fields.Date.context_today(call.with_context(tz=call.env.context.get("tz") or facts["tz"] or "UTC"))
        deadline = self.env["res.company"].browse(facts["company_id"])._crm_working_day(today)
        writer = self.env["crm.bulk.writer"]
        writer._create_activities(call._name, [{
            "res_id": call.id, "res_name": facts["name"], "activity_type_id": self.env.ref(CALL_BACK_TYPE).id,
            "summary": _("Call back %s") % (facts["caller"] or facts["number"] or _("unknown number")),
            "date_deadline": deadline, "user_id": facts["user_id"],
        }])
        self.env["crm.telephony.call.store"]._set_activity_deadline(call.id)
        if deadline <= fields.Date.today():  # as mail.activity's create tells the user's activity menu
            writer._send_bus([((self.env.cr.dbname, "res.partner", facts["user_partner_id"]),
                               {"type": "activity_updated", "activity_created": True})])
        call.invalidate_cache(["activity_ids", "activity_date_deadline"], call.ids)

    @api.model
    def _call_back_user(self, call):
        """Who calls back a missed call: the customer's salesperson, else the agent the call was for."""
        facts = self._call_back_facts(call)
        return self.env["res.users"].browse(facts["user_id"] if facts else [])

    @api.model
    def _call_back_facts(self, call):
        """What the call-back of `call` needs, in one query: the call's name, number and company, the
        caller's name, who calls back (the contact's or its company's salesperson, else the call's agent,
        else the first agent it rang at) and that user's partner, the current user's time zone (whose day is
        "today" when the context names none, as for fields.Date.context_today), and whether a call-back
        exists. The contact is read by SQL, as superuser would: an agent may have named one the webhook
        user cannot read."""
        self.env.cr.execute("""
            SELECT call.name, call.number, call.company_id, contact.display_name, back.user_id, users.partner_id,
                   (SELECT person.tz FROM res_users agent JOIN res_partner person ON person.id = agent.partner_id
                    WHERE agent.id = %(uid)s),
                   EXISTS(SELECT 1 FROM mail_activity WHERE res_model = %(model)s AND res_id = call.id
                                                        AND activity_type_id = %(type)s)
            FROM crm_telephony_call call
            LEFT JOIN res_partner contact ON contact.id = call.partner_id
            LEFT JOIN res_partner customer ON customer.id = contact.commercial_partner_id
            CROSS JOIN LATERAL (SELECT coalesce(contact.user_id, customer.user_id, call.user_id, (
                SELECT target.user_id FROM crm_telephony_call_target_user_rel target
                JOIN res_users agent ON agent.id = target.user_id
                JOIN res_partner person ON person.id = agent.partner_id
                WHERE target.call_id = call.id ORDER BY person.name, agent.login LIMIT 1)) AS user_id) back
            LEFT JOIN res_users users ON users.id = back.user_id
            WHERE call.id = %(id)s
        """, {"model": call._name, "type": self.env.ref(CALL_BACK_TYPE).id, "id": call.id, "uid": self.env.uid})
        row = self.env.cr.fetchone()
        if not row:
            return None
        return dict(zip(("name", "number", "company_id", "caller", "user_id", "user_partner_id", "tz", "scheduled"),
                        row))

    # ------------------------------------------------------------------ who the call is for

    @api.model
    def _resolve_agents(self, company, refs):
        """Active users of the company named by the telephone system: sipgate user ids, extensions or
        logins. One indexed query per event (the ORM search would add the user rule's company tree)."""
        users = self.env["res.users"]
        values = {key: [v for v in (refs or {}).get(key) or [] if v]
                  for key in ("sipgate_user_ids", "extensions", "logins")}
        if not any(values.values()):
            return users
        self.env.cr.execute("""
            SELECT u.id FROM res_users u
            JOIN res_company_users_rel rel ON rel.user_id = u.id AND rel.cid = %(company)s
            WHERE u.active AND (u.sipgate_user_id = ANY(%(sipgate_user_ids)s)
                                OR u.phone_extension = ANY(%(extensions)s) OR u.login = ANY(%(logins)s))
            ORDER BY u.id
        """, dict(values, company=company.id))
        return users.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _fallback_agents(self, company):
        """Calls no agent mapping matches ring at the members of the company's fallback group."""
        group = company.telephony_fallback_group_id
        return group.users.filtered(lambda u: company in u.company_ids and not u.share) if group else \
            self.env["res.users"]
