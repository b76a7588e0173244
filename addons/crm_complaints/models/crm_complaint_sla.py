# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service-level clock on complaints: its policy, its working time, its pauses and its escalation."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmComplaint(models.Model):
    """The complaint's targets come from the most specific complaint policy; the clock stands still in the
    stages flagged "waiting for customer" and stops in the closing ones. The hourly escalation job of the
    complaints moves the clocks and escalates each new status once."""

    _name = "crm.complaint"
    _inherit = ["crm.complaint", "crm.sla.mixin"]

    sla_policy_id = fields.Many2one("crm.complaint.service.level", "Service-Level Policy", readonly=True,
                                    copy=False, index=True)

    @api.model
    def _cron_escalate_overdue(self):
        result = super()._cron_escalate_overdue()
        self._sla_cron_update()
        return result

    def _message_post_after_hook(self, message):
        self._sla_register_answer(message)
        return super()._message_post_after_hook(message)

    def _sla_trigger_fields(self):
        return ["stage_id", "category_id", "severity", "partner_id", "company_id"]

    def _sla_timeline(self, start):
        """The working time of the company's calendar, read in the company's time zone (else the user's)."""
        company = self.company_id or self.env.user.company_id
        calendar = company.resource_calendar_id
        if not calendar:
            raise UserError(_("Company %s has no working calendar: set one to count service levels in "
                              "working hours.") % company.name)
        return calendar._crm_timeline(start, company.partner_id.tz or self.env.user.tz or "UTC")

    def _sla_escalation_users(self, ids):
        """The team manager, else the responsible, else the administrator; for many complaints in one query."""
        self.env.cr.execute("""
            SELECT c.id, coalesce(team.user_id, c.user_id, %s)
            FROM crm_complaint c LEFT JOIN crm_team team ON team.id = c.team_id
            WHERE c.id IN %s
        """, [self.env.ref("base.user_root").id, tuple(ids)])
        return dict(self.env.cr.fetchall())

    def _sla_activity_type(self):
        return self.env.ref("crm_complaints.mail_activity_type_complaint_sla")
