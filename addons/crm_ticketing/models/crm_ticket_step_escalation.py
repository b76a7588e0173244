# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deadline check: steps past their deadline are flagged and escalated once to the team manager."""
from collections import defaultdict

from psycopg2.extras import execute_values

from odoo import _, api, fields, models, tools
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
        super().init()
        # The deadline cron reads only steps worked on now and not yet marked overdue: its cost follows
        # the newly overdue steps, not all open steps.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS crm_ticket_step_open_deadline_idx
                ON crm_ticket_step (state, date_deadline) WHERE NOT coalesce(is_overdue, false)
        """)

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

        Written with a few set-based statements instead of one ORM create per activity and message: a
        morning after a holiday may bring a thousand overdue steps, and the check must stay in seconds."""
        if not self:
            return
        # read only the few fields used, in batches over these steps and tickets alone
        self = self.with_context(prefetch_fields=False).with_prefetch()
        cr = self.env.cr
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        cr.execute("""
            UPDATE crm_ticket_step SET is_overdue = true, date_escalated = %s, write_uid = %s, write_date = %s
            WHERE id IN %s
        """, [now, self.env.uid, now, tuple(self.ids)])
        tickets = self.mapped("ticket_id")
        cr.execute("""
            UPDATE crm_ticket SET is_escalated = true,
                   activity_date_deadline = least(coalesce(activity_date_deadline, %s), %s)
            WHERE id IN %s
        """, [today, today, tuple(tickets.ids)])
        activity_type = self.env.ref("crm_ticketing.mail_activity_data_escalation")
        note_subtype = self.env.ref("mail.mt_note")
        model_id = self.env["ir.model"]._get_id("crm.ticket")
        author = self.env.user.partner_id
        summary = _("Overdue: %s")
        note = _("<p>Step \"%(step)s\" of %(ticket)s was due on %(deadline)s (responsible: %(user)s).</p>")
        body = _("Deadline missed: %(steps)s. Escalated to %(manager)s.")
        by_ticket = defaultdict(list)
        for step in self:
            by_ticket[step.ticket_id].append(step)
        activities, messages, managers = [], [], {}
        for ticket, steps in by_ticket.items():
            managers[ticket.id] = manager = ticket._escalation_user()
            customer = ticket.partner_id
            history = (customer.commercial_partner_id.id or None, customer.id or None)
            for step in steps:
                activities.append((
                    model_id, "crm.ticket", ticket.id, ticket.name, activity_type.id, summary % step.name,
                    note % {"step": html_escape(step.name), "ticket": html_escape(ticket.name),
                            "deadline": step.date_deadline, "user": html_escape(step.user_id.name or "-")},
                    today, manager.id, self.env.uid, now, self.env.uid, now) + history)
            messages.append((
                "<p>%s</p>" % body % {"steps": html_escape(", ".join(step.name for step in steps)),
                                      "manager": html_escape(manager.name)},
                now, "crm.ticket", ticket.id, ticket.name, "comment", note_subtype.id, author.id,
                author.email_formatted or None, tools.generate_tracking_message_id(ticket.id),
                self.env.uid, now, self.env.uid, now) + history)
        execute_values(cr._obj, """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, summary, note,
                                       date_deadline, user_id, create_uid, create_date, write_uid, write_date,
                                       history_partner_id, history_contact_id)
            VALUES %s
        """, activities, page_size=1000)
        message_ids = execute_values(cr._obj, """
            INSERT INTO mail_message (body, date, model, res_id, record_name, message_type, subtype_id, author_id,
                                      email_from, message_id, create_uid, create_date, write_uid, write_date,
                                      history_partner_id, history_contact_id)
            VALUES %s RETURNING id, res_id
        """, messages, page_size=1000, fetch=True)
        # the manager is a recipient of the message and finds it in the inbox (needaction)
        recipients = [(message_id, managers[ticket_id].partner_id.id) for message_id, ticket_id in message_ids]
        execute_values(cr._obj, "INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id) "
                                "VALUES %s", recipients, page_size=1000)
        execute_values(cr._obj, "INSERT INTO mail_message_res_partner_needaction_rel "
                                "(mail_message_id, res_partner_id, is_read, is_email) VALUES %s",
                       [(message_id, partner_id, False, False) for message_id, partner_id in recipients],
                       page_size=1000)
        self.invalidate_cache(["is_overdue", "date_escalated"], self.ids)
        tickets.invalidate_cache(["is_escalated", "activity_date_deadline", "activity_ids", "message_ids"],
                                 tickets.ids)
