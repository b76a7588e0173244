# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A leave of the working calendar that is a public holiday written by the holidays job."""
from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    """Public holidays carry their day: the job finds its own leaves by it and leaves the others alone."""

    _inherit = "resource.calendar.leaves"

    holiday_date = fields.Date("Public Holiday", index=True, readonly=True, copy=False,
                               help="Set on the leaves the public holidays job writes; leaves without it "
                                    "were entered by hand and are never changed by the job.")
