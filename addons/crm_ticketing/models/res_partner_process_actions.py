# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A new service ticket is one of the processes started for a contact, linked to the call it came from."""
from odoo import _, api, models


class ResPartner(models.Model):
    """"New service ticket" among the contact's new processes (the call records the ticket as its outcome)."""

    _inherit = "res.partner"

    @api.multi
    def _crm_new_process_actions(self, origin=None):
        return super()._crm_new_process_actions(origin) + self._crm_new_process_action(
            "crm.ticket", _("New service ticket"), {})
