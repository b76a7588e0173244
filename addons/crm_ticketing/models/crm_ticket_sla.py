# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service-level clock on tickets: its policy, its working time, its pauses and its escalation."""
from odoo import _, api, fields, models
from odoo.tools import html_escape


class CrmTicket(models.Model):
    """The ticket's targets come from the most specific policy of its type; the clock stands still in the
    stages flagged "waiting for customer" and stops in the closed ones."""

    _name = "crm.ticket"
    _inherit = ["crm.ticket", "crm.sla.mixin"]

    sla_policy_id = fields.Many2one("crm.sla.policy", "Service-Level Policy", readonly=True, copy=False,
                                    index=True)

    @api.multi
    def message_post(self, body="", subject=None, message_type="notification", subtype=None, parent_id=False,
                     attachments=None, content_subtype="html", **kwargs):
        message = super().message_post(body=body, subject=subject, message_type=message_type, subtype=subtype,
                                       parent_id=parent_id, attachments=attachments,
                                       content_subtype=content_subtype, **kwargs)
        self._sla_register_answer(message)
        return message

    def _sla_trigger_fields(self):
        return ["stage_id", "type_id", "priority", "partner_id", "maintenance_plan_id", "date_start",
                "company_id"]

    def _sla_targets(self):
        matches = self.env["crm.sla.policy"].sudo()._match(self)
        targets = {}
        for ticket in self:
            policy = matches.get(ticket.id)
            if ticket.sla_policy_id != policy:
                ticket.sudo().write({"sla_policy_id": policy.id if policy else False})
            if policy:
                targets[ticket.id] = (policy.response_hours, policy.resolution_hours,
                                      policy.at_risk_percent / 100.0)
        return targets

    def _sla_start(self):
        return self.date_start

    def _sla_timeline(self, start):
        return self._timeline(fields.Datetime.to_string(start))

    def _sla_is_waiting(self):
        return self.stage_id.is_waiting

    def _sla_is_closed(self):
        return self.stage_id.is_closed

    def _sla_escalate(self, rows):
        """An activity for the team manager and a message in the chatter per ticket, written set-based."""
        status = dict(rows)
        tickets = self.with_context(prefetch_fields=False).browse(list(status))
        deadlines = {row["id"]: row["sla_deadline"] for row in tickets.read(["sla_deadline"])}
        activity_type = self.env.ref("crm_ticketing.mail_activity_data_sla")
        today = fields.Date.context_today(self)
        labels = dict(self._fields["sla_status"]._description_selection(self.env))
        summary = _("Service level %(status)s")
        note = _("<p>%(ticket)s: service level %(status)s, due on %(deadline)s.</p>")
        body = _("<p>Service level %(status)s (due on %(deadline)s). Escalated to %(manager)s.</p>")
        activities, messages = [], []
        for ticket in tickets:
            manager = ticket._escalation_user()
            values = {"ticket": html_escape(ticket.name), "status": html_escape(labels[status[ticket.id]]),
                      "deadline": deadlines[ticket.id] or "-", "manager": html_escape(manager.name)}
            activities.append({
                "res_id": ticket.id, "res_name": ticket.name, "activity_type_id": activity_type.id,
                "summary": summary % values, "date_deadline": today, "user_id": manager.id,
                "note": note % values,
            })
            messages.append({
                "res_id": ticket.id, "record_name": ticket.name, "partner_ids": manager.partner_id.ids,
                "body": body % values,
            })
        writer = self.env["crm.bulk.writer"]
        writer._create_activities("crm.ticket", activities)
        writer._post_messages("crm.ticket", messages)
        tickets.invalidate_cache(["activity_ids", "message_ids"], tickets.ids)


class CrmTicketStep(models.Model):
    """The deadline check of the steps also moves the tickets' service-level clocks."""

    _inherit = "crm.ticket.step"

    @api.model
    def _cron_check_deadlines(self):
        result = super()._cron_check_deadlines()
        self.env["crm.ticket"]._sla_cron_update()
        return result
