# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A new complaint is one of the processes started for a contact (e.g. from the phone's pop-up)."""
from odoo import _, api, models


class ResPartner(models.Model):
    """"New complaint" among the contact's new processes, received by phone when it comes from a call."""

    _inherit = "res.partner"

    @api.multi
    def _crm_new_process_actions(self, origin=None):
        defaults = {"channel": "phone"} if origin is not None and origin._name == "crm.telephony.call" else {}
        return super()._crm_new_process_actions(origin) + self._crm_new_process_action(
            "crm.complaint", _("New complaint"), defaults)
