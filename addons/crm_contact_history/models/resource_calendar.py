# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working days of a calendar: due dates fall on days with working hours and without a company-wide leave."""
import datetime

import pytz

from odoo import api, fields, models

HORIZON_DAYS = 366  # a calendar without any working day within a year: the day asked for is kept


class ResourceCalendar(models.Model):
    """Next working day for date-only due dates (call-backs, complaint deadlines)."""

    _inherit = "resource.calendar"

    @api.multi
    def _crm_working_day(self, day, tz_name=None):
        """The first day from `day` ('YYYY-MM-DD') on that has working hours and whose midday (in `tz_name`)
        lies in no company-wide leave of this calendar (a public holiday, a company closure). One query
        (a missed call asks for its call-back's day: every few seconds on a busy switchboard)."""
        self.ensure_one()
        start = fields.Date.from_string(day)
        self.env.cr.execute("""
            SELECT ARRAY(SELECT DISTINCT dayofweek::int FROM resource_calendar_attendance WHERE calendar_id = %(id)s),
                   ARRAY(SELECT ARRAY[date_from, date_to] FROM resource_calendar_leaves
                         WHERE calendar_id = %(id)s AND resource_id IS NULL AND date_to >= %(start)s)
        """, {"id": self.id, "start": fields.Date.to_string(start)})
        weekdays, leaves = self.env.cr.fetchone()
        if not weekdays:
            return day
        tz = pytz.timezone(tz_name or "UTC")
        for offset in range(HORIZON_DAYS):
            candidate = start + datetime.timedelta(days=offset)
            if candidate.weekday() not in weekdays:
                continue
            noon = tz.localize(datetime.datetime.combine(candidate, datetime.time(12))) \
                .astimezone(pytz.utc).replace(tzinfo=None)
            if not any(date_from <= noon <= date_to for date_from, date_to in leaves):
                return fields.Date.to_string(candidate)
        return day
