# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Complaints of A customers open too long go to the complaints manager (a timed automated action)."""
from odoo import _, api, fields, models


class CrmComplaint(models.Model):
    """The code of the rule `base_automation_key_account_complaint` (data/base_automation_data.xml): an A
    customer's complaint still open N working days after it came in (the rule's delay, in Settings)."""

    _inherit = "crm.complaint"

    @api.multi
    def _crm_escalate_key_account(self):
        activity_type = self.env.ref("crm_complaints.mail_activity_type_complaint_escalation")
        for complaint in self:
            manager = complaint.team_id.user_id or self._crm_complaints_manager()
            if not manager:
                continue
            self.env["mail.activity"].create({
                "res_model_id": self.env["ir.model"]._get_id("crm.complaint"),
                "res_id": complaint.id,
                "activity_type_id": activity_type.id,
                "summary": _("A customer waiting: complaint %s is still open") % complaint.name,
                "note": _("%(customer)s is an A customer; the complaint came in on %(date)s.") % {
                    "customer": complaint.commercial_partner_id.display_name,
                    "date": complaint.create_date[:10]},
                "date_deadline": fields.Date.context_today(self),
                "user_id": manager.id,
            })

    @api.model
    def _crm_complaints_manager(self):
        """The first complaints manager who is a real user (not the superuser)."""
        group = self.env.ref("crm_complaints.group_crm_complaints_manager")
        return group.users.filtered(lambda user: user.id != 1 and user.active)[:1] or self.env.user
