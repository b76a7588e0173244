# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime

import requests
from psycopg2 import IntegrityError, errorcodes

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import bus_notifier
from .phone_number import provider_to_e164

_logger = logging.getLogger(__name__)

RESULTS = [
    ("completed", "Completed"),
    ("busy", "Busy"),
    ("cancelled", "Caller hung up"),
    ("no_answer", "No answer"),
    ("voicemail", "Voicemail"),
    ("congestion", "Network congestion"),
    ("not_found", "Number not reachable"),
    ("forwarded", "Forwarded"),
    ("failed", "Failed"),
]
HISTORY_ENTRIES = 5
POP_CALL_FIELDS = ["state", "direction", "number", "number_e164", "line_number", "date_start", "name", "notes",
                   "match_count"]
DIAL_TIMEOUT = 10


def _as_datetime(value):
    return value if isinstance(value, datetime) else fields.Datetime.from_string(value)


class CrmPhonecall(models.Model):
    """One telephone call, incoming or outgoing, fed by the telephone system's events or typed in.

    The state follows from the recorded times, so events applied in any order, or twice, end in the
    same call: ringing until answered or ended; ended without answer = missed."""

    _name = "crm.phonecall"
    _description = "Phone Call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char("Subject", required=True, default=lambda self: _("Call"), track_visibility="onchange")
    direction = fields.Selection([("in", "Incoming"), ("out", "Outgoing")], required=True, default="in",
                                 index=True)
    state = fields.Selection([
        ("ringing", "Ringing"), ("answered", "Answered"), ("missed", "Missed"), ("done", "Done"),
    ], compute="_compute_state_customer", store=True, index=True, track_visibility="onchange")
    number = fields.Char("Number", help="The other party's number, as the telephone system sent it.")
    number_e164 = fields.Char("Number (E.164)", index=True)
    line_number = fields.Char("Our Number", help="Our number that was called, or that called out.")
    partner_id = fields.Many2one("res.partner", "Contact", index=True, track_visibility="onchange")
    commercial_partner_id = fields.Many2one("res.partner", "Customer", compute="_compute_state_customer",
                                            store=True, index=True)
    match_count = fields.Integer("Matching Contacts", readonly=True,
                                 help="How many contacts have this number (more than one: pick the caller).")
    user_id = fields.Many2one("res.users", "Agent", index=True, track_visibility="onchange")
    target_user_ids = fields.Many2many("res.users", "crm_phonecall_target_user_rel", "call_id", "user_id",
                                       "Ringing At", help="The agents the call was offered to.")
    provider = fields.Selection([
        ("sipgate", "sipgate"), ("placetel", "Placetel"), ("3cx", "3CX"), ("pbx", "PBX (API)"),
        ("manual", "Manual"),
    ], required=True, default="manual", index=True)
    provider_call_id = fields.Char("Provider Call ID", copy=False, readonly=True)
    parent_id = fields.Many2one("crm.phonecall", "Previous Leg", index=True, ondelete="set null",
                                help="The call this one was transferred or forwarded from.")
    child_ids = fields.One2many("crm.phonecall", "parent_id", "Next Legs")
    date_start = fields.Datetime("Start", required=True, default=fields.Datetime.now, index=True)
    date_answer = fields.Datetime("Answered")
    date_end = fields.Datetime("End")
    duration = fields.Integer("Duration (s)", group_operator="sum")
    notes = fields.Html("Notes", help="The note pad of the call; it is saved while you type.")
    result = fields.Selection(RESULTS, track_visibility="onchange")
    company_id = fields.Many2one("res.company", required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        ("provider_call_unique", "UNIQUE(provider, provider_call_id, company_id)",
         "A call of the telephone system is logged only once."),
        ("dates_in_order", "CHECK(date_end IS NULL OR date_end >= date_start)",
         "A call cannot end before it started."),
    ]

    @api.depends("date_answer", "date_end", "result", "partner_id.commercial_partner_id")
    def _compute_state_customer(self):
        """The state from the call's times, and the customer (the contact's company, as a related field
        would give it). One method so a new call is written once for both; the contact is read for that
        one column, as res.partner is wide and this runs for every call a telephone system reports."""
        narrow = self.sudo().with_context(prefetch_fields=False)
        for call, other in zip(self, narrow):
            if not call.date_end:
                call.state = "answered" if call.date_answer else "ringing"
            elif call.date_answer or call.result in ("completed", "forwarded"):
                call.state = "done"
            else:
                call.state = "missed"
            call.commercial_partner_id = other.partner_id.commercial_partner_id.id

    @api.depends("state")
    def _compute_color(self):
        colors = {"ringing": 3, "answered": 10, "missed": 1, "done": 0}
        for call in self:
            call.color = colors.get(call.state, 0)

    @api.model
    def _check_dates(self, date_start, date_end):
        """On the values written rather than as @api.constrains, which would read every new call back
        (the telephone systems' webhooks create them); the table has the same CHECK as a safety net."""
        if date_start and date_end and _as_datetime(date_end) < _as_datetime(date_start):
            raise ValidationError(_("A call cannot end before it started."))

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.number:
            self.number = self.partner_id.phone or self.partner_id.mobile

    @api.model
    def create(self, values):
        self._check_dates(values.get("date_start") or fields.Datetime.now(), values.get("date_end"))
        return super().create(values)

    @api.multi
    def write(self, values):
        if "date_start" in values or "date_end" in values:
            for call in self:
                self._check_dates(values.get("date_start", call.date_start), values.get("date_end", call.date_end))
        return super().write(values)

    @api.multi
    def action_open_customer_file(self):
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("The caller is not known yet: create or pick the contact first."))
        return self.partner_id.action_open_customer_file()

    @api.multi
    def action_create_contact(self):
        """A new contact with the caller's number, linked to the call once saved."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"default_phone": self.number_e164 or self.number, "crm_phonecall_id": self.id},
        }

    @api.multi
    def action_set_caller(self, partner_id):
        """The agent picks the caller among several matching contacts (pop-up button)."""
        self.ensure_one()
        self.write({"partner_id": partner_id})
        return True

    @api.multi
    def action_end(self):
        """Close a call by hand (a call whose hang-up the telephone system never sent)."""
        now = fields.Datetime.now()
        for call in self.filtered(lambda c: not c.date_end):
            call.write({"date_end": now, "result": call.result or ("completed" if call.date_answer else False),
                        "duration": call._duration(call.date_answer, now)})
        return True

    # ------------------------------------------------------------------ events of the telephone systems

    @api.model
    def _apply_event(self, company, event):
        """Apply one normalised event (see crm.telephony.webhook) idempotently; returns the call.

        Keys: provider, call_id, kind (ring|answer|hangup|journal), direction, from, to, agents,
        answered_by, result, duration, parent_call_id, date_start, date_answer, date_end."""
        call = self._provider_call(company, event["provider"], event["call_id"])
        created = False
        if not call:
            try:
                with self.env.cr.savepoint():
                    call = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True).create(
                        self._values_from_event(company, event))
                created = True
            except IntegrityError as error:
                if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                    raise
                # the same call created by a parallel request: use that one
                call = self._provider_call(company, event["provider"], event["call_id"])
        before = call.state
        updates = call._updates_from_event(company, event)
        if updates:
            call.write(updates)
        if created or updates:
            call._after_state_change(before if not created else None)
        return call

    @api.model
    def _provider_call(self, company, provider, call_id):
        """The call with the telephone system's id, unique per provider and company (one index lookup)."""
        self.env.cr.execute("""
            SELECT id FROM crm_phonecall WHERE provider = %s AND provider_call_id = %s AND company_id = %s
        """, [provider, call_id, company.id])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _call_back_user(self):
        """Who calls back a missed call: the customer's salesperson, else the agent the call was for. The
        contact is read as superuser: an agent may have named one the webhook user cannot read."""
        contact = self.sudo().partner_id
        salesperson = contact.user_id or contact.commercial_partner_id.user_id
        return self.env["res.users"].browse(salesperson.id) or self.user_id or self.target_user_ids[:1]

    @api.model
    def _values_from_event(self, company, event):
        inbound = event.get("direction", "in") == "in"
        number = event.get("from") if inbound else event.get("to")
        e164 = provider_to_e164(number, company._telephony_locale(company.id)[0])
        matches = self.env["res.partner"]._phone_lookup_e164(e164) if e164 else []
        agents = self._resolve_agents(company, event.get("agents"))
        now = fields.Datetime.now()
        values = {
            "name": (_("Call from %s") if inbound else _("Call to %s")) % (number or _("unknown number")),
            "provider": event["provider"],
            "provider_call_id": event["call_id"],
            "direction": "in" if inbound else "out",
            "number": number or False,
            "number_e164": e164 or False,
            "line_number": (event.get("to") if inbound else event.get("from")) or False,
            "partner_id": self._best_match(matches),
            "match_count": len(matches),
            "company_id": company.id,
            "date_start": event.get("date_start") or now,
            "target_user_ids": [(6, 0, agents.ids)],
            "user_id": agents.id if len(agents) == 1 else False,
        }
        if event.get("parent_call_id"):
            values["parent_id"] = self._provider_call(company, event["provider"], event["parent_call_id"]).id
        if not agents and inbound:
            values["target_user_ids"] = [(6, 0, self._fallback_agents(company).ids)]
        return values

    def _updates_from_event(self, company, event):
        """What the event adds to the call; empty when it brings nothing new (a repeated event)."""
        kind = event["kind"]
        updates = {}
        if kind == "ring" and not self.user_id:
            agents = self._resolve_agents(company, event.get("agents"))
            if agents and agents != self.target_user_ids:
                updates["target_user_ids"] = [(6, 0, agents.ids)]
                if len(agents) == 1:
                    updates["user_id"] = agents.id
        answer_time = event.get("date_answer") or (fields.Datetime.now() if kind == "answer" else None)
        end_time = event.get("date_end") or (fields.Datetime.now() if kind == "hangup" else None)
        if answer_time and not self.date_answer and kind in ("answer", "journal"):
            if self.date_end and answer_time > self.date_end:
                answer_time = self.date_end  # the answer arrived after the hang-up
            updates["date_answer"] = answer_time
            answered_by = self._resolve_agents(company, event.get("answered_by") or event.get("agents"))
            if len(answered_by) == 1 and answered_by != self.user_id:
                updates["user_id"] = answered_by.id
        if end_time and not self.date_end and kind in ("hangup", "journal"):
            updates["date_end"] = end_time
            if event.get("result") and not self.result:
                updates["result"] = event["result"]
        if kind in ("hangup", "journal") and not self.duration:
            duration = event.get("duration")
            if duration is None:
                duration = self._duration(updates.get("date_answer") or self.date_answer,
                                          updates.get("date_end") or self.date_end)
            if duration:
                updates["duration"] = duration
        elif "date_answer" in updates and self.date_end and not self.duration:
            updates["duration"] = self._duration(updates["date_answer"], self.date_end)
        return updates

    @staticmethod
    def _duration(date_answer, date_end):
        if not date_answer or not date_end:
            return 0
        delta = fields.Datetime.from_string(date_end) - fields.Datetime.from_string(date_answer)
        return max(int(delta.total_seconds()), 0)

    def _after_state_change(self, before):
        """Missed incoming call: a call-back task; answered after all: the task goes. Agents are told."""
        self.ensure_one()
        if self.state == before:
            if self.state == "missed":  # the agent became known after the hang-up
                activities = self._callback_activities()
                user = self._call_back_user()
                if user and activities and activities.user_id != user:
                    activities.write({"user_id": user.id})
            return
        if self.state == "missed" and self.direction == "in":
            self._create_callback_activity()
        elif before == "missed":
            self._callback_activities().unlink()
        self._notify_agents("ring" if before is None and self.state == "ringing" else "update")

    def _callback_activities(self):
        activity_type = self.env.ref("crm_telephony.mail_activity_data_call_back")
        return self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _create_callback_activity(self):
        """Due today, for the customer's salesperson, else the agent the call was for."""
        if self._callback_activities():
            return
        user = self._call_back_user()
        if not user:
            return
        self.activity_schedule_call_back(user)

    def activity_schedule_call_back(self, user):
        activity_type = self.env.ref("crm_telephony.mail_activity_data_call_back")
        return self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "summary": _("Call back %s") % (self.sudo().partner_id.display_name or self.number
                                            or _("unknown number")),
            "date_deadline": fields.Date.context_today(self),
            "user_id": user.id,
        })

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
        group = company.telephony_fallback_group_id
        return group.users.filtered(lambda u: company in u.company_ids and not u.share) if group else \
            self.env["res.users"]

    @staticmethod
    def _best_match(matches):
        """The caller when the best rank names one contact; several equal matches: the agent picks."""
        if not matches:
            return False
        best = [m for m in matches if m["match"] == matches[0]["match"]]
        return best[0]["id"] if len(best) == 1 else False

    # ------------------------------------------------------------------ screen pop

    def _notify_agents(self, kind):
        """Bus message to every agent the call rings at.

        The message is light (`partial`): the call and the caller's name, which whoever may read the call
        sees on it anyway. The pop-up shows at once and asks for the rest (matches, payment grade, open
        processes, history) with the agent's own access rights (get_screen_pop), so the telephone system
        gets its answer without waiting for every module's open processes."""
        self.env.cr.execute("""
            SELECT DISTINCT partner_id FROM res_users
            WHERE id IN (SELECT user_id FROM crm_phonecall WHERE id = %(call)s
                         UNION ALL SELECT user_id FROM crm_phonecall_target_user_rel WHERE call_id = %(call)s)
            ORDER BY partner_id
        """, {"call": self.id})
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        if not partner_ids:
            return
        payload = self._screen_pop_payload(kind, full=False)
        bus_notifier.send(self.env, [[(self.env.cr.dbname, "crm.telephony", partner_id), payload]
                                     for partner_id in partner_ids])

    @api.multi
    def get_screen_pop(self):
        """The pop-up contents for the current user (the web client asks again after a reload)."""
        self.ensure_one()
        return self._screen_pop_payload("update")

    def _screen_pop_payload(self, kind, full=True):
        self.ensure_one()
        call = self.read(POP_CALL_FIELDS, load="_classic_write")[0]
        payload = {
            "type": kind,
            "call": dict({name: call[name] or "" for name in POP_CALL_FIELDS}, id=self.id,
                         match_count=call["match_count"]),
            "caller": False, "matches": [], "open_processes": [], "history": [], "partial": not full,
        }
        partner = self.partner_id
        if not full:
            if partner:  # the name the call shows to its readers (Odoo names a many2one as superuser)
                payload["caller"] = partner.sudo().read(["name", "display_name"])[0]
            return payload
        if self.number_e164 and not partner:
            payload["matches"] = self.env["res.partner"]._phone_lookup_e164(self.number_e164, limit=10)
        if not partner:
            return payload
        customer = partner.commercial_partner_id
        grades = dict(customer._fields["payment_grade"]._description_selection(self.env))
        payload["caller"] = {
            "id": partner.id, "name": partner.name, "display_name": partner.display_name,
            "company": customer.name if customer != partner else "", "customer_id": customer.id,
            "payment_grade": customer.payment_grade or "",
            "payment_grade_label": grades.get(customer.payment_grade, ""),
            "salesperson": customer.user_id.name or "",
        }
        payload["open_processes"] = customer._crm_open_processes()[:10]
        kinds = dict(self.env["crm.contact.history"]._fields["kind"]._description_selection(self.env))
        payload["history"] = [{
            "date": row["date"], "kind": kinds.get(row["kind"], row["kind"]), "name": row["name"] or "",
            "body": (row["body"] or "")[:120],
        } for row in self.env["crm.contact.history"].search_read(
            [("partner_id", "=", customer.id)], ["date", "kind", "name", "body"], limit=HISTORY_ENTRIES)]
        return payload

    # ------------------------------------------------------------------ click-to-dial

    @api.model
    def dial(self, number, partner=None):
        """Start a call through sipgate (POST /v2/sessions/calls): sipgate rings the agent's device, then
        the number. Logs the outgoing call; errors of the API become messages the agent understands."""
        user = self.env.user
        company = user.company_id
        settings = company.sudo()
        if not (settings.sipgate_token_id and settings.sipgate_token):
            raise UserError(_("Click-to-dial is not set up: enter the sipgate token in the Settings."))
        if not user.sipgate_device_id:
            raise UserError(_("Enter your sipgate device (e.g. e0) in your user preferences to dial."))
        company_region = company._telephony_locale(company.id)[0]
        e164 = provider_to_e164(number, (partner.country_id.code if partner else None) or company_region)
        if not e164:
            raise UserError(_("%s is not a phone number that can be dialled.") % number)
        url = (settings.sipgate_api_url or "https://api.sipgate.com").rstrip("/") + "/v2/sessions/calls"
        body = {"deviceId": user.sipgate_device_id, "caller": user.sipgate_device_id, "callee": e164}
        if company.phone:
            caller_id = provider_to_e164(company.phone, company_region)
            if caller_id:
                body["callerId"] = caller_id
        try:
            response = requests.post(url, json=body, auth=(settings.sipgate_token_id, settings.sipgate_token),
                                     headers={"Accept": "application/json"}, timeout=DIAL_TIMEOUT)
        except requests.RequestException as error:
            _logger.warning("sipgate click-to-dial failed: %s", type(error).__name__)
            raise UserError(_("sipgate cannot be reached right now. Please try again or dial by hand."))
        if response.status_code != 200:
            raise UserError(self._dial_error_message(response.status_code))
        try:
            session_id = response.json().get("sessionId")
        except ValueError:
            session_id = None
        matches = self.env["res.partner"]._phone_lookup_e164(e164)
        return self.create({
            "name": _("Call to %s") % (partner.display_name if partner else number),
            "direction": "out",
            "provider": "sipgate",
            "provider_call_id": session_id or False,
            "number": number,
            "number_e164": e164,
            "partner_id": partner.id if partner else self._best_match(matches),
            "match_count": len(matches),
            "user_id": user.id,
            "target_user_ids": [(6, 0, user.ids)],
        })

    @api.model
    def _dial_error_message(self, status):
        messages = {
            400: _("sipgate refused the call: the number or the device is not valid."),
            401: _("sipgate did not accept the token: check the token ID and token in the Settings."),
            402: _("The sipgate account has no credit left: top it up to make calls."),
            403: _("sipgate does not allow this call: the token needs the scope sessions:calls:write "
                   "and the device must belong to the token's user."),
            415: _("sipgate did not understand the request (unsupported media type). Please contact your "
                   "administrator."),
        }
        return messages.get(status, _("sipgate could not start the call (HTTP %s).") % status)

    @api.model
    def _date(self, value):
        """An Odoo datetime string from a provider timestamp (ISO 8601 or 'YYYY-MM-DD HH:MM:SS', UTC)."""
        if not value:
            return None
        text = str(value).strip().replace("T", " ").rstrip("Z")
        for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
            try:
                return fields.Datetime.to_string(datetime.strptime(text[:26], fmt))
            except ValueError:
                continue
        raise ValueError("unreadable time %r" % value)
