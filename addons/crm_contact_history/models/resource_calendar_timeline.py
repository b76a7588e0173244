# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's working calendar read once into a working_time.WorkingTimeline."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..working_time import WorkingTimeline


class ResourceCalendar(models.Model):
    """Working time of the company calendar as a timeline, for deadlines and clocks in working hours."""

    _inherit = "resource.calendar"

    @api.multi
    def _crm_timeline(self, start, tz_name):
        """A WorkingTimeline from `start` (naive UTC): attendances and the calendar's company-wide leaves
        are read once. Raises a readable error when the calendar has no working time at all."""
        self.ensure_one()
        attendances = [(a.dayofweek, a.hour_from, a.hour_to,
                        a.date_from and fields.Date.from_string(a.date_from),
                        a.date_to and fields.Date.from_string(a.date_to)) for a in self.attendance_ids]
        leaves = [(fields.Datetime.from_string(leave.date_from), fields.Datetime.from_string(leave.date_to))
                  for leave in self.leave_ids
                  if not leave.resource_id and leave.date_to >= fields.Datetime.to_string(start)]
        timeline = WorkingTimeline(start, attendances, leaves, tz_name)
        if not timeline.has_working_time:
            raise UserError(_("The working calendar \"%s\" has no working time: step deadlines are counted "
                              "in working hours, so add its working hours first.") % self.name)
        return timeline
