# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the shipped automated actions do when a customer's risk rises or payment grade falls."""
from datetime import datetime

from odoo import _, api, fields, models
from odoo.tools import html_escape

RISK_CALL_WORKING_DAYS = 2


class ResPartner(models.Model):
    """The code of the default `base.automation` rules (data/base_automation_data.xml): each rule calls one
    method on the partners whose value changed; consultants switch rules off or add their own."""

    _inherit = "res.partner"

    @api.multi
    def _crm_schedule_risk_call(self):
        """A call for the salesperson, due in two working days, the reasons in its note."""
        call_type = self.env.ref("mail.mail_activity_data_call")
        for partner in self:
            user = self._crm_responsible(partner)
            reader = partner.with_context(lang=user.lang)
            self.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": partner.id,
                "activity_type_id": call_type.id,
                "summary": reader._crm_text_risk_summary(),
                "note": self._crm_evaluation_note(reader, reader.customer_risk_reasons),
                "date_deadline": self._crm_working_days_ahead(partner, RISK_CALL_WORKING_DAYS),
                "user_id": user.id,
            })

    @api.multi
    def _crm_note_grade_drop(self):
        """An activity for the salesperson and a note in the customer's history."""
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        for partner in self:
            user = self._crm_responsible(partner)
            reader = partner.with_context(lang=user.lang)
            text = reader._crm_grade_drop_note()
            self.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": partner.id,
                "activity_type_id": todo_type.id,
                "summary": text,
                "note": self._crm_evaluation_note(reader, reader.customer_risk_reasons),
                "date_deadline": fields.Date.context_today(self),
                "user_id": user.id,
            })
            partner.message_post(body=html_escape(text), message_type="comment", subtype="mail.mt_note")

    def _crm_text_risk_summary(self):
        return _("Customer at risk: call them")

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

    def _crm_text_evaluation_link(self):
        return _("Evaluation of this month")

    @api.model
    def _crm_working_days_ahead(self, partner, days):
        """The date `days` working days after today in the company's working time (weekends skipped)."""
        calendar = (partner.company_id or self.env.user.company_id).resource_calendar_id
        start = fields.Datetime.from_string(fields.Date.context_today(self))
        planned = calendar.plan_days(days + 1, datetime.combine(start.date(), datetime.min.time())
                                     .replace(hour=12)) if calendar else False
        return fields.Date.to_string(planned.date()) if planned else fields.Date.context_today(self)
