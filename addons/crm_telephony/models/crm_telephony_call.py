# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The call log: one record per telephone call, its state following from the recorded times."""
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .phone_number import is_mobile
from .res_partner import LINKABLE

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
    ("no_end", "No end event"),  # closed by the time-out cron: a real hang-up arriving later still counts
]
NO_END = "no_end"
RING_TIMEOUT_PARAM = "crm_telephony.ring_timeout_minutes"
DEFAULT_RING_TIMEOUT = 10  # minutes
ANSWERED_TIMEOUT = timedelta(hours=8)
STATE_COLORS = {"ringing": 3, "answered": 10, "missed": 1, "done": 0}


def _as_datetime(value):
    return value if isinstance(value, datetime) else fields.Datetime.from_string(value)


def call_state(date_answer, date_end, result):
    """The state of a call from its times: ringing until answered or ended; ended without answer (and
    not completed or forwarded elsewhere) is missed."""
    if not date_end:
        return "answered" if date_answer else "ringing"
    if date_answer or result in ("completed", "forwarded"):
        return "done"
    return "missed"


class CrmTelephonyCall(models.Model):
    """One telephone call, incoming or outgoing, fed by the telephone system's events or typed in.

    The state follows from the recorded times, so events applied in any order, or twice, end in the
    same call: ringing until answered or ended; ended without answer = missed. The events are applied by
    crm.telephony.call.event, the pop-up is built by crm.telephony.screen.pop, click-to-dial is
    crm.telephony.dial."""

    _name = "crm.telephony.call"
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
    target_user_ids = fields.Many2many("res.users", "crm_telephony_call_target_user_rel", "call_id", "user_id",
                                       "Ringing At", help="The agents the call was offered to.")
    provider = fields.Selection([
        ("sipgate", "sipgate"), ("placetel", "Placetel"), ("3cx", "3CX"), ("pbx", "PBX (API)"),
        ("manual", "Manual"),
    ], required=True, default="manual", index=True)
    provider_call_id = fields.Char("Provider Call ID", copy=False, readonly=True)
    parent_id = fields.Many2one("crm.telephony.call", "Previous Leg", index=True, ondelete="set null",
                                help="The call this one was transferred or forwarded from.")
    child_ids = fields.One2many("crm.telephony.call", "parent_id", "Next Legs")
    date_start = fields.Datetime("Start", required=True, default=fields.Datetime.now, index=True)
    date_answer = fields.Datetime("Answered")
    date_end = fields.Datetime("End")
    duration = fields.Integer("Duration (s)", group_operator="sum")
    notes = fields.Html("Notes", help="The note pad of the call; it is saved while you type.")
    result = fields.Selection(RESULTS, track_visibility="onchange")
    result_ref = fields.Reference("_selection_result_ref", "Outcome", track_visibility="onchange",
                                  help="What came of the call: the complaint, service ticket... made from its pop-up.")
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
            call.state = call_state(call.date_answer, call.date_end, call.result)
            call.commercial_partner_id = other.partner_id.commercial_partner_id.id

    @api.model
    def _selection_result_ref(self):
        """The models of the processes a call may start (res.partner._crm_new_process_actions)."""
        models = [action["model"] for action in self.env["res.partner"].sudo()._crm_new_process_actions()]
        return [(model, self.env["ir.model"]._get(model).name) for model in models]

    @api.depends("state")
    def _compute_color(self):
        for call in self:
            call.color = STATE_COLORS.get(call.state, 0)

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
        """A new contact with the caller's number (a mobile one as mobile), a person of the company when
        the call came from its switchboard; it becomes the call's contact once saved."""
        self.ensure_one()
        number = self.number_e164 or self.number
        context = {"default_mobile" if is_mobile(self.number_e164) else "default_phone": number,
                   "crm_telephony_call_id": self.id}
        if self.partner_id.is_company:
            context.update(default_parent_id=self.partner_id.id, default_is_company=False)
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    @api.multi
    def action_set_caller(self, partner_id):
        """The agent picks the caller among several matching contacts (pop-up button); `partner_id` is the id
        of a contact the agent may read."""
        self.ensure_one()
        if not isinstance(partner_id, int) or isinstance(partner_id, bool) or \
                not self.env["res.partner"].browse(partner_id).exists():
            raise ValidationError(_("Pick the caller among the existing contacts."))
        self.write({"partner_id": partner_id})
        return True

    @api.multi
    def action_set_result(self, model, res_id):
        """The pop-up saved a new `model` record (a complaint, a ticket...) for this call."""
        self.ensure_one()
        self.write({"result_ref": "%s,%d" % (model, res_id)})
        return True

    @api.multi
    def action_end(self):
        """Close a call by hand (a call whose hang-up the telephone system never sent)."""
        now = fields.Datetime.now()
        for call in self.filtered(lambda c: not c.date_end):
            call.write({"date_end": now, "result": call.result or ("completed" if call.date_answer else False),
                        "duration": call._duration(call.date_answer, now)})
        return True

    @api.model
    def _cron_close_unended_calls(self):
        """Close the calls whose end event never came, so they leave the customer file's open processes
        and the pop-up: ringing longer than the time-out of the Settings (missed, with the usual call-back
        task), answered longer than 8 hours (done). Two searches and one write; running again
        changes nothing, and a real hang-up that arrives later replaces the end (crm.telephony.call.event)."""
        now = fields.Datetime.from_string(fields.Datetime.now())
        ringing_since = now - timedelta(minutes=self._ring_timeout_minutes())
        ringing = self.search([("state", "=", "ringing"), ("date_end", "=", False),
                               ("date_start", "<", fields.Datetime.to_string(ringing_since))])
        answered = self.search([("state", "=", "answered"), ("date_end", "=", False),
                                ("date_answer", "<", fields.Datetime.to_string(now - ANSWERED_TIMEOUT))])
        closed = ringing | answered
        if closed:  # the duration stays unknown (0), as the end is
            closed.write({"date_end": fields.Datetime.to_string(now), "result": NO_END})
        events = self.env["crm.telephony.call.event"]
        for call in ringing:
            events._after_state_change(call, "ringing")
        for call in answered:
            events._after_state_change(call, "answered")
        return len(ringing) + len(answered)

    @api.model
    def _ring_timeout_minutes(self):
        """After how many minutes of ringing a call without end event counts as missed (Settings)."""
        minutes = self.env["ir.config_parameter"].sudo().get_param(RING_TIMEOUT_PARAM, "")
        return int(minutes) if minutes.isdigit() and int(minutes) > 0 else DEFAULT_RING_TIMEOUT

    @api.model
    def _caller_values(self, e164):
        """`partner_id` and `match_count` of a call with the other party's number `e164`: the caller when
        the best match names one contact for sure; several equal matches leave the choice to the agent,
        and an uncertain one is only offered, never linked."""
        matches = self.env["res.partner"]._phone_lookup_e164(e164) if e164 else []
        best = [match for match in matches if match["score"] == matches[0]["score"]]
        linked = len(best) == 1 and best[0]["match"] in LINKABLE
        return {"partner_id": best[0]["id"] if linked else False, "match_count": len(matches)}

    @staticmethod
    def _duration(date_answer, date_end):
        """Seconds from the answer to the end; 0 while either is unknown."""
        if not date_answer or not date_end:
            return 0
        delta = fields.Datetime.from_string(date_end) - fields.Datetime.from_string(date_answer)
        return max(int(delta.total_seconds()), 0)
