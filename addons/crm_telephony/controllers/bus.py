# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.mail.controllers.bus import MailChatController


class TelephonyBusController(MailChatController):
    """Agents listen on their own telephony channel for screen pops (also across workers: bus.bus)."""

    def _poll(self, dbname, channels, last, options):
        if request.session.uid:
            channels = list(channels)
            channels.append((request.db, "crm.telephony", request.env.user.partner_id.id))
        return super()._poll(dbname, channels, last, options)
