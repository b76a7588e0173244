# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A new service ticket is one of the processes started for a contact, linked to the call it came from."""
from odoo import _, api, models


class ResPartner(models.Model):
    """"New service ticket" among the contact's new processes; the ticket keeps its origin (call_res_*)."""

    _inherit = "res.partner"

    @api.multi
    def _crm_new_process_actions(self, origin=None):
        defaults = {"call_res_model": origin._name, "call_res_id": origin.id,
                    "call_ref": origin.display_name} if origin is not None else {}
        return super()._crm_new_process_actions(origin) + self._crm_new_process_action(
            "crm.ticket", _("New service ticket"), defaults)
