# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How telephone systems name an agent: sipgate user id, extension, click-to-dial device."""
from odoo import fields, models


class ResUsers(models.Model):
    """How telephone systems name an agent: sipgate user id, extension, click-to-dial device."""

    _inherit = "res.users"

    sipgate_user_id = fields.Char("sipgate User ID", copy=False, index=True,
                                  help="The user id sipgate sends in its webhooks, e.g. w0.")
    sipgate_device_id = fields.Char("sipgate Device ID", copy=False,
                                    help="The phone that rings first on click-to-dial, e.g. e0 or p0.")
    phone_extension = fields.Char("Extension", copy=False, index=True,
                                  help="Internal extension of the agent (Placetel, 3CX, Asterisk).")
