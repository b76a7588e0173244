# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the shipped automated actions do when a customer's risk rises or payment grade falls."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import html_escape

RISK_CALL_WORKING_DAYS = 2


class ResPartner(models.Model):
    """The code of the default `base.automation` rules (data/base_automation_data.xml): each rule calls one
    method on the partners whose value changed; consultants switch rules off or add their own.

    The nightly job may raise hundreds of risks at once: the tasks and notes go through
    `crm.bulk.writer` (an ORM create of an activity also makes its user follow the customer, 140 ms)."""

    _inherit = "res.partner"

    @api.multi
    def _crm_schedule_risk_call(self):
        """A call for the salesperson, due in two working days, the reasons in its note."""
        call_type = self.env.ref("mail.mail_activity_data_call")
        values = []
        for partner in self:
            reader = partner._crm_reader()
            values.append({
                "res_id": partner.id, "activity_type_id": call_type.id, "summary": reader._crm_text_risk_summary(),
                "note": self._crm_evaluation_note(reader, reader.customer_risk_reasons),
                "date_deadline": self._crm_working_days_ahead(partner, RISK_CALL_WORKING_DAYS),
                "user_id": self._crm_responsible(partner).id,
            })
        self.env["crm.bulk.writer"]._create_activities("res.partner", values)

    @api.multi
    def _crm_note_grade_drop(self):
        """An activity for the salesperson and a note in the customer's history."""
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(self)
        activities, messages = [], []
        for partner in self:
            reader = partner._crm_reader()
            text = reader._crm_grade_drop_note()
            activities.append({
                "res_id": partner.id, "activity_type_id": todo_type.id, "summary": text,
                "note": self._crm_evaluation_note(reader, reader.customer_risk_reasons), "date_deadline": today,
                "user_id": self._crm_responsible(partner).id,
            })
            messages.append({"res_id": partner.id, "body": "<p>%s</p>" % html_escape(text)})
        self.env["crm.bulk.writer"]._create_activities("res.partner", activities)
        self.env["crm.bulk.writer"]._post_messages("res.partner", messages)

    def _crm_text_risk_summary(self):
        return _("Customer at risk: call them")

    def _crm_text_evaluation_link(self):
        return _("Evaluation of this month")

    def _crm_reader(self):
        """The customer as its salesperson reads it: texts in their language."""
        return self.with_context(lang=self._crm_responsible(self).lang)

    @api.model
    def _crm_responsible(self, partner):
        """The salesperson of the customer, else the leader of its sales team, else the current user."""
        return partner.user_id or partner.team_id.user_id or self.env.user

    @api.model
    def _crm_evaluation_note(self, partner, reasons):
        """The note of an evaluation's action: the reasons and a link to the month's evaluation."""
        snapshot = self.env["crm.customer.evaluation"].search([("partner_id", "=", partner.id)], limit=1)
        lines = "".join("<li>%s</li>" % html_escape(line) for line in (reasons or "").splitlines())
        link = ('<p><a href="#model=crm.customer.evaluation&amp;id=%d">%s</a></p>' % (
            snapshot.id, html_escape(partner._crm_text_evaluation_link())) if snapshot else "")
        return (lines and "<ul>%s</ul>" % lines) + link

    @api.model
    def _crm_working_days_ahead(self, partner, days):
        """The date `days` working days after today: days on which the company's working time has hours
        and no company-wide leave. Two small queries: the actions of the nightly run call it once per customer,
        and a German calendar carries years of public holidays."""
        calendar = (partner.company_id or self.env.user.company_id).resource_calendar_id
        day = fields.Date.from_string(fields.Date.context_today(self))
        if not calendar:
            return fields.Date.to_string(day + timedelta(days=days))
        self.env.cr.execute("SELECT DISTINCT dayofweek FROM resource_calendar_attendance WHERE calendar_id = %s",
                            [calendar.id])
        weekdays = {int(dayofweek) for (dayofweek,) in self.env.cr.fetchall()} or set(range(5))
        self.env.cr.execute("""SELECT date_from::date::text, date_to::date::text FROM resource_calendar_leaves
                               WHERE calendar_id = %s AND resource_id IS NULL AND date_to >= %s""",
                            [calendar.id, fields.Date.to_string(day)])
        leaves = self.env.cr.fetchall()
        left = days
        while left > 0:
            day += timedelta(days=1)
            text = fields.Date.to_string(day)
            if day.weekday() in weekdays and not any(start <= text <= end for start, end in leaves):
                left -= 1
        return fields.Date.to_string(day)
