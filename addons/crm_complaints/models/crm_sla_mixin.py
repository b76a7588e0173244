# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service-level clock: first response and resolution deadlines in working hours, paused while waiting."""
from odoo import _, api, fields, models
from odoo.tools import html_escape

SLA_STATUSES = [
    ("none", "No Service Level"), ("on_track", "On Track"), ("at_risk", "At Risk"), ("breached", "Breached"),
    ("met", "Met"),
]
RUNNING = ("on_track", "at_risk")  # the statuses the scheduler still moves


class CrmSlaMixin(models.AbstractModel):
    """A clock for any customer case. The model using it has a Many2one `sla_policy_id` to its policies (a
    crm.sla.policy.mixin) and a `stage_id` whose flags say whether it waits for the customer or is closed; it
    says its working time (`_sla_timeline`), which fields change its policy or state (`_sla_trigger_fields`)
    and who hears of an escalation (`_sla_escalation_users`, `_sla_activity_type`), and passes its posted
    messages to `_sla_register_answer`; the mixin keeps the policy, the deadlines and the status. Tickets
    (crm_ticketing) and complaints use it.

    Deadlines are counted in working hours from `_sla_start()`, plus the working hours spent waiting for
    the customer. The status moves forward only (on track, at risk, breached); a breached case stays
    breached, a case closed in time is met. The scheduler moves the running clocks in one UPDATE."""

    _name = "crm.sla.mixin"
    _description = "Service-Level Clock"

    sla_status = fields.Selection(SLA_STATUSES, "Service Level", default="none", readonly=True,
                                  copy=False, index=True)
    sla_deadline = fields.Datetime("Service Level Deadline", readonly=True, copy=False,
                                   help="The first response deadline until the customer got an answer, then "
                                        "the resolution deadline.")
    sla_risk_date = fields.Datetime("At Risk From", readonly=True, copy=False)
    sla_response_deadline = fields.Datetime("First Response Due", readonly=True, copy=False)
    sla_resolution_deadline = fields.Datetime("Resolution Due", readonly=True, copy=False)
    sla_date_first_response = fields.Datetime("First Response", readonly=True, copy=False,
                                              help="The first public answer to the customer.")
    sla_paused_since = fields.Datetime("Waiting for Customer Since", readonly=True, copy=False,
                                       help="The clock stands still while we wait for the customer.")
    sla_paused_hours = fields.Float("Hours Waiting for Customer", readonly=True, copy=False,
                                    help="Working hours spent waiting for the customer: the deadlines move "
                                         "by as much.")
    sla_escalated = fields.Selection(SLA_STATUSES, "Escalated at", readonly=True, copy=False,
                                     help="The status last escalated to the manager; each status once.")

    @api.model_cr
    def init(self):
        result = super().init()
        if self._abstract:
            return result
        # the scheduler reads only running clocks whose next moment passed, and unescalated statuses
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS {table}_sla_risk_idx ON {table} (sla_risk_date)
                WHERE sla_status = 'on_track' AND sla_paused_since IS NULL;
            CREATE INDEX IF NOT EXISTS {table}_sla_deadline_idx ON {table} (sla_deadline)
                WHERE sla_status IN ('on_track', 'at_risk') AND sla_paused_since IS NULL;
            CREATE INDEX IF NOT EXISTS {table}_sla_escalate_idx ON {table} (id)
                WHERE sla_status IN ('at_risk', 'breached') AND sla_escalated IS DISTINCT FROM sla_status;
        """.format(table=self._table))  # the table name is the model's, never user input
        return result

    @api.model
    def create(self, values):
        record = super().create(values)
        record._sla_update_clock({record.id: (False, False)})
        return record

    @api.multi
    def write(self, values):
        if not set(values) & set(self._sla_trigger_fields()):
            return super().write(values)
        before = {record.id: (record._sla_is_waiting(), record._sla_is_closed()) for record in self}
        result = super().write(values)
        self._sla_update_clock(before)
        return result

    @api.model
    def _sla_cron_update(self):
        """Move the running clocks whose risk moment or deadline passed, then escalate each new status once.

        One UPDATE over the partial indexes: the cost follows the cases whose status changes, not the
        number of open cases."""
        now = fields.Datetime.now()
        self.env.cr.execute("""
            UPDATE {table} SET sla_status = CASE WHEN sla_deadline <= %(now)s THEN 'breached' ELSE 'at_risk' END
            WHERE sla_paused_since IS NULL AND (
                (sla_status = 'on_track' AND sla_risk_date <= %(now)s)
                OR (sla_status IN ('on_track', 'at_risk') AND sla_deadline <= %(now)s))
            RETURNING id
        """.format(table=self._table), {"now": now})
        changed = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_cache(["sla_status"], changed)
        self.env.cr.execute("""
            SELECT id, sla_status FROM {table}
            WHERE sla_status IN ('at_risk', 'breached') AND sla_escalated IS DISTINCT FROM sla_status
            ORDER BY id
        """.format(table=self._table))
        to_escalate = self.env.cr.fetchall()
        if to_escalate:
            self._sla_escalate(to_escalate)
            self.env.cr.execute("UPDATE {table} SET sla_escalated = sla_status WHERE id IN %s".format(
                table=self._table), [tuple(row[0] for row in to_escalate)])
            self.invalidate_cache(["sla_escalated"], [row[0] for row in to_escalate])
        return len(changed)

    def _sla_update_clock(self, before):
        """Pause, resume, close or re-plan after a change; `before`: {id: (was waiting, was closed)}."""
        now = fields.Datetime.now()
        for record in self:
            was_waiting, was_closed = before.get(record.id, (False, False))
            waiting, closed = record._sla_is_waiting(), record._sla_is_closed()
            values = {}
            if record.sla_paused_since and (not waiting or closed):
                paused = record._sla_timeline(fields.Datetime.from_string(record.sla_paused_since))
                values.update(sla_paused_since=False, sla_paused_hours=record.sla_paused_hours + (
                    paused.hours_until(fields.Datetime.from_string(now))))
            elif waiting and not was_waiting and not closed:
                values["sla_paused_since"] = now
            if values:
                record.sudo().write(values)
            if closed and not was_closed:
                record._sla_close(now)
            elif not closed:
                record._sla_plan()

    def _sla_plan(self):
        """Deadlines and status from the targets, the start and the paused hours (the status of a waiting
        case stands still; a breached case stays breached)."""
        targets = self._sla_targets()
        now = fields.Datetime.now()
        for record in self:
            response, resolution, risk_share = targets.get(record.id) or (0.0, 0.0, 0.0)
            if not (response or resolution):
                if record.sla_status != "none":
                    record.sudo().write({"sla_status": "none", "sla_deadline": False, "sla_risk_date": False,
                                         "sla_response_deadline": False, "sla_resolution_deadline": False})
                continue
            timeline = record._sla_timeline(fields.Datetime.from_string(record._sla_start()))
            paused = record.sla_paused_hours

            def due(hours):
                moment = timeline.at(hours + paused) if hours else None
                return fields.Datetime.to_string(moment) if moment else False

            target = response if response and not record.sla_date_first_response else resolution
            values = {
                "sla_response_deadline": due(response),
                "sla_resolution_deadline": due(resolution),
                "sla_deadline": due(target),
                "sla_risk_date": due(target * risk_share),
            }
            status = record.sla_status
            if response and record.sla_date_first_response and values["sla_response_deadline"] and (
                    record.sla_date_first_response > values["sla_response_deadline"]):
                status = "breached"  # answered late: the scheduler had not seen it yet
            if status != "breached" and not record.sla_paused_since:
                status = record._sla_status_at(now, values)
            values["sla_status"] = status
            if status == "on_track":
                values["sla_escalated"] = False  # a new target may be escalated again once at risk
            record.sudo().write(values)

    @staticmethod
    def _sla_status_at(now, values):
        if values["sla_deadline"] and values["sla_deadline"] <= now:
            return "breached"
        if values["sla_risk_date"] and values["sla_risk_date"] <= now:
            return "at_risk"
        return "on_track"

    def _sla_close(self, now):
        """A case closed before its resolution deadline met its service level."""
        for record in self.filtered(lambda r: r.sla_status in RUNNING):
            deadline = record.sla_resolution_deadline or record.sla_deadline
            record.sudo().write({"sla_status": "breached" if deadline and deadline < now else "met"})

    def _sla_register_answer(self, message):
        """Called by the model's message_post: the first public answer stops the response clock."""
        if len(self) == 1 and not self.sla_date_first_response and self.sla_status != "none" and (
                self._sla_is_public_answer(message)):
            self.sudo().write({"sla_date_first_response": fields.Datetime.now()})
            self._sla_plan()

    def _sla_is_public_answer(self, message):
        """A comment to the customer written by one of us (not an internal note, not the customer's mail)."""
        author_users = message.author_id.user_ids
        return (message.subtype_id == self.env.ref("mail.mt_comment")
                and message.message_type in ("comment", "email")
                and author_users and not all(user.share for user in author_users))

    # the hooks of the model using the clock
    def _sla_trigger_fields(self):
        return []

    def _sla_targets(self):
        """{id: (response hours, resolution hours, share of the target after which it is at risk)} from the
        most specific policy of each case, which the case keeps in `sla_policy_id`."""
        Policy = self.env[self._fields["sla_policy_id"].comodel_name].sudo()
        matches = Policy._sla_match(self)
        targets, moved = {}, {}
        for case in self:
            policy = matches.get(case.id) or Policy
            if case.sla_policy_id != policy:
                moved[policy] = moved.get(policy, self.browse()) | case
            if policy:
                targets[case.id] = (policy.response_hours, policy.resolution_hours, policy.at_risk_percent / 100.0)
        for policy, cases in moved.items():  # one write per policy, not per case
            cases.sudo().write({"sla_policy_id": policy.id})
        return targets

    def _sla_start(self):
        return self.create_date

    def _sla_timeline(self, start):
        """A working_time.WorkingTimeline from `start` (naive UTC datetime)."""
        raise NotImplementedError

    def _sla_is_waiting(self):
        return self.stage_id.is_waiting

    def _sla_is_closed(self):
        return self.stage_id.is_closed

    def _sla_escalation_users(self, ids):
        """{case id: id of the manager alerted when its service level is at risk or breached}, for the
        cases `ids` at once (one query: the escalation of thousands of cases reads no record one by one)."""
        raise NotImplementedError

    def _sla_activity_type(self):
        """The mail.activity.type of the escalation activity."""
        raise NotImplementedError

    def _sla_escalate(self, rows):
        """Alert the managers of `rows` ([(id, new status)]): an activity for the manager and a message in
        the chatter per case, written set-based. Cases and managers are read with one query each."""
        status = dict(rows)
        self.env.cr.execute("SELECT id, name, sla_deadline FROM {table} WHERE id IN %s ORDER BY id".format(
            table=self._table), [tuple(status)])  # the table name is the model's, never user input
        cases = self.env.cr.fetchall()
        managers = self._sla_escalation_users([row[0] for row in cases])
        users = {user.id: user for user in self.env["res.users"].sudo().browse(set(managers.values()))}
        activity_type = self._sla_activity_type()
        today = fields.Date.context_today(self)
        labels = dict(self._fields["sla_status"]._description_selection(self.env))
        summary = _("Service level %(status)s")
        note = _("<p>%(case)s: service level %(status)s, due on %(deadline)s.</p>")
        body = _("<p>Service level %(status)s (due on %(deadline)s). Escalated to %(manager)s.</p>")
        activities, messages = [], []
        for case_id, name, deadline in cases:
            manager = users[managers[case_id]]
            values = {"case": html_escape(name), "status": html_escape(labels[status[case_id]]),
                      "deadline": deadline or "-",
                      "manager": html_escape(manager.name)}
            activities.append({
                "res_id": case_id, "res_name": name, "activity_type_id": activity_type.id,
                "summary": summary % values, "date_deadline": today, "user_id": manager.id,
                "note": note % values,
            })
            messages.append({
                "res_id": case_id, "record_name": name, "partner_ids": manager.partner_id.ids,
                "body": body % values,
            })
        writer = self.env["crm.bulk.writer"]
        writer._create_activities(self._name, activities)
        writer._post_messages(self._name, messages)
        self.invalidate_cache(["activity_ids", "message_ids"], list(status))
