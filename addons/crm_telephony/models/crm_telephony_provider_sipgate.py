# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""sipgate.io push API: form posts signed by sipgate's RSA key (X-Sipgate-Signature)."""
from odoo import api, models

from .webhook_parsers import parse_sipgate
from .webhook_signature import verify_rsa_sha256


class CrmTelephonyProviderSipgate(models.AbstractModel):
    """newCall, answer and hangup of sipgate.io; the answer to newCall asks for the other two
    (controllers/main.py)."""

    _name = "crm.telephony.provider.sipgate"
    _inherit = "crm.telephony.provider"
    _description = "Telephone System: sipgate"

    @api.model
    def _authenticate(self, raw, headers, company_id=None):
        """The company whose sipgate key (or the key sipgate publishes, shipped) signed the raw body."""
        signature = headers.get("X-Sipgate-Signature", "")
        return self._company_with_secret("sipgate_public_key", company_id,
                                         lambda pem: verify_rsa_sha256(raw, signature, pem))

    @api.model
    def _parse(self, raw):
        return parse_sipgate(raw)
