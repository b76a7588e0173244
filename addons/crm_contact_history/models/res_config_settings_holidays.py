# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings: the Bundesland whose public holidays the company's working calendar keeps."""
from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    """The company's holiday state, and a button that writes its holidays at once."""

    _inherit = "res.config.settings"

    holiday_state = fields.Selection(related="company_id.holiday_state")

    @api.multi
    def action_write_public_holidays(self):
        self.ensure_one()
        return self.company_id.action_write_public_holidays()
