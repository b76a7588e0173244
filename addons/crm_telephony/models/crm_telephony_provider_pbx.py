# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generic PBX events (Asterisk through scripts/ami_bridge.py, own scripts): JSON with the API key."""
from odoo import api, models

from .webhook_parsers import parse_pbx


class CrmTelephonyProviderPbx(models.AbstractModel):
    """{"event": ring|answer|hangup, "call_id", "direction", "from", "to", "agent", "parent_call_id",
    "result", "duration"} posted to /crm_telephony/events (webhook_parsers.parse_pbx reads it).
    Authenticated by the company's API key (crm.telephony.provider's `_authenticate`)."""

    _name = "crm.telephony.provider.pbx"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: PBX (API)"

    @api.model
    def _parse(self, raw):
        return parse_pbx(raw)
