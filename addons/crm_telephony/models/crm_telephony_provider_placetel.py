# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Placetel notifications: form posts signed with the shared secret (HMAC-SHA256, X-Placetel-Signature)."""
from odoo import api, models

from .webhook_parsers import parse_placetel
from .webhook_signature import hmac_sha256_hex, same_secret


class CrmTelephonyProviderPlacetel(models.AbstractModel):
    """IncomingCall, OutgoingCall, CallAccepted and HungUp of Placetel; agents by extension (`peer`)."""

    _name = "crm.telephony.provider.placetel"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: Placetel"

    @api.model
    def _authenticate(self, raw, headers, company_id=None):
        """The company whose Placetel secret signed the raw body."""
        given = headers.get("X-Placetel-Signature", "").strip().lower()
        return self._company_with_secret("placetel_secret", company_id,
                                         lambda secret: same_secret(hmac_sha256_hex(secret, raw), given))

    @api.model
    def _parse(self, raw):
        return parse_placetel(raw)
