# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agents' own bus channel, on which their screen pops arrive."""
from odoo.http import request

from odoo.addons.mail.controllers.bus import MailChatController

from ..models.crm_telephony_screen_pop import BUS_CHANNEL


class TelephonyBusController(MailChatController):
    """Agents listen on their own telephony channel for screen pops (also across workers: bus.bus)."""

    def _poll(self, dbname, channels, last, options):
        if request.session.uid:
            channels = list(channels)
            channels.append((request.db, BUS_CHANNEL, request.env.user.partner_id.id))
        return super()._poll(dbname, channels, last, options)
