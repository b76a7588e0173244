# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deadline check: steps past their deadline are flagged and escalated once to the team manager."""
from collections import OrderedDict, defaultdict

from odoo import _, api, fields, models
from odoo.tools import html_escape

from .crm_ticket_step import ACTIVE_STATES


class CrmTicketStep(models.Model):
    """A scheduled action runs the check every few minutes; its cost follows the newly overdue steps."""

    _inherit = "crm.ticket.step"

    is_overdue = fields.Boolean("Overdue", readonly=True, copy=False,
                                help="Its deadline passed before it was done; the team manager was alerted.")
    date_escalated = fields.Datetime("Escalated on", readonly=True, copy=False)

    @api.model_cr
    def init(self):
        result = super().init()
        # The deadline cron reads only steps worked on now and not yet marked overdue: its cost follows
        # the newly overdue steps, not all open steps.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_ticket_step_open_deadline_idx
                ON crm_ticket_step (state, date_deadline) WHERE NOT coalesce(is_overdue, false)
        """)
        return result

    @api.multi
    def write(self, values):
        if values.get("date_deadline") and values["date_deadline"] > fields.Datetime.now():
            values = dict(values, is_overdue=False)  # a new deadline may be escalated again once passed
        return super().write(values)

    @api.model
    def _cron_check_deadlines(self):
        """Mark the steps past their deadline and escalate each once to the team manager.

        One indexed query finds only steps not yet marked overdue: running it again finds nothing more,
        and its cost follows the number of newly overdue steps, not the number of open steps."""
        self.env.cr.execute("""
            SELECT id FROM crm_ticket_step
            WHERE state IN %s AND date_deadline < %s AND NOT coalesce(is_overdue, false)
            ORDER BY date_deadline
        """, [ACTIVE_STATES, fields.Datetime.now()])
        overdue = self.browse([row[0] for row in self.env.cr.fetchall()])
        if overdue:
            overdue._escalate()
        return len(overdue)

    def _escalate(self):
        """Flag steps and tickets; the team manager gets an activity per step and a message per ticket.

        Written set-based (our two UPDATEs, the rows of Odoo's mail tables through crm.bulk.writer) instead
        of one ORM create per activity and message: a morning after a holiday may bring a thousand overdue
        steps, and the check must stay well under a second."""
        if not self:
            return
        # one read of the few step fields used (a thousand steps walked field by field through the record
        # cache cost more than all the inserts); the tickets, a few hundred, through the ORM
        steps = self.read(["name", "date_deadline", "user_id", "ticket_id"], load="_classic_write")
        tickets = self.env["crm.ticket"].with_context(prefetch_fields=False).browse(
            list(OrderedDict.fromkeys(step["ticket_id"] for step in steps)))
        responsible = {user.id: user.name for user in self.env["res.users"].browse(
            {step["user_id"] for step in steps if step["user_id"]})}
        cr = self.env.cr
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        cr.execute("""
            UPDATE crm_ticket_step SET is_overdue = true, date_escalated = %s, write_uid = %s, write_date = %s
            WHERE id IN %s
        """, [now, self.env.uid, now, tuple(self.ids)])
        cr.execute("""
            UPDATE crm_ticket SET is_escalated = true,
                   activity_date_deadline = least(coalesce(activity_date_deadline, %s), %s)
            WHERE id IN %s
        """, [today, today, tuple(tickets.ids)])
        activity_type = self.env.ref("crm_ticketing.mail_activity_data_escalation")
        summary = _("Overdue: %s")
        note = _("<p>Step \"%(step)s\" of %(ticket)s was due on %(deadline)s (responsible: %(user)s).</p>")
        body = _("Deadline missed: %(steps)s. Escalated to %(manager)s.")
        by_ticket = defaultdict(list)
        for step in steps:
            by_ticket[step["ticket_id"]].append(step)
        activities, messages = [], []
        for ticket in tickets:
            manager = ticket._escalation_user()
            for step in by_ticket[ticket.id]:
                activities.append({
                    "res_id": ticket.id, "res_name": ticket.name, "activity_type_id": activity_type.id,
                    "summary": summary % step["name"], "date_deadline": today, "user_id": manager.id,
                    "note": note % {"step": html_escape(step["name"]), "ticket": html_escape(ticket.name),
                                    "deadline": step["date_deadline"],
                                    "user": html_escape(responsible.get(step["user_id"]) or "-")},
                })
            names = html_escape(", ".join(step["name"] for step in by_ticket[ticket.id]))
            messages.append({
                "res_id": ticket.id, "record_name": ticket.name, "partner_ids": manager.partner_id.ids,
                "body": "<p>%s</p>" % body % {"steps": names, "manager": html_escape(manager.name)},
            })
        writer = self.env["crm.bulk.writer"]
        writer._create_activities("crm.ticket", activities)
        writer._post_messages("crm.ticket", messages)  # the manager finds it in the inbox (needaction)
        self.invalidate_cache(["is_overdue", "date_escalated"], self.ids)
        tickets.invalidate_cache(["is_escalated", "activity_date_deadline", "activity_ids", "message_ids"],
                                 tickets.ids)
