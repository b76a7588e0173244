# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The complaint in the customer portal: its address there and the customer's answers in its chatter."""
from odoo import api, models


class CrmComplaint(models.Model):
    """A portal user of the customer reads the complaint and answers in its chatter."""

    _name = "crm.complaint"
    _inherit = ["crm.complaint", "portal.mixin"]

    def _compute_portal_url(self):
        for complaint in self:
            complaint.portal_url = "/my/complaint/%d" % complaint.id

    @api.model
    def check_mail_message_access(self, res_ids, operation, model_name=None):
        """Portal users answer on the complaints they may read: they have no write access to them."""
        if operation == "create" and self.env.user.has_group("base.group_portal"):
            operation = "read"
        return super().check_mail_message_access(res_ids, operation, model_name=model_name)
