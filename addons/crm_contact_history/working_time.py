# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working time of a calendar measured in working hours: deadlines and paused clocks."""
# Pure Python, no database access: resource.calendar._crm_timeline feeds it plain values once, and
# tests/test_planning.py tests it without Odoo.
import datetime

import pytz

HORIZON_DAYS = 3 * 366  # a plan that needs more working time than three years of calendar is refused


class WorkingTimeline(object):
    """The working time of a calendar after a start moment, measured in working hours.

    `attendances`: (weekday 0-6, hour_from, hour_to, date_from, date_to) in the calendar's local time;
    `leaves`: (start, end) naive UTC datetimes without work. Converts an offset in working hours into a
    naive UTC datetime. Days are generated lazily, once, whatever the number of steps asking."""

    def __init__(self, start, attendances, leaves, tz_name):
        self.tz = pytz.timezone(tz_name or "UTC")
        self.start = start
        self.by_weekday = {}
        for weekday, hour_from, hour_to, date_from, date_to in attendances:
            if hour_to > hour_from:
                self.by_weekday.setdefault(int(weekday), []).append((hour_from, hour_to, date_from, date_to))
        for slots in self.by_weekday.values():
            slots.sort()
        self.leaves = sorted(leaves)
        self.intervals = []  # (start, end, working hours before start), naive UTC
        self.total = 0.0
        self.day = self._to_local(start).date()
        self.days = 0

    @property
    def has_working_time(self):
        return bool(self.by_weekday)

    def _to_local(self, moment):
        return pytz.utc.localize(moment).astimezone(self.tz).replace(tzinfo=None)

    def _to_utc(self, moment):
        return self.tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

    def _next_day(self):
        """Append the working intervals of the next calendar day; False past the horizon."""
        if self.days > HORIZON_DAYS:
            return False
        day = self.day
        self.day += datetime.timedelta(days=1)
        self.days += 1
        for hour_from, hour_to, date_from, date_to in self.by_weekday.get(day.weekday(), ()):
            if (date_from and date_from > day) or (date_to and date_to < day):
                continue
            begin = self._to_utc(datetime.datetime.combine(day, datetime.time()) +
                                 datetime.timedelta(hours=hour_from))
            end = self._to_utc(datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour_to))
            begin = max(begin, self.start)
            for piece in self._without_leaves(begin, end):
                self.intervals.append((piece[0], piece[1], self.total))
                self.total += (piece[1] - piece[0]).total_seconds() / 3600.0
        return True

    def _without_leaves(self, begin, end):
        pieces = [(begin, end)] if end > begin else []
        for leave_start, leave_end in self.leaves:
            if leave_start >= end:
                break
            cut = []
            for a, b in pieces:
                if leave_end <= a or leave_start >= b:
                    cut.append((a, b))
                    continue
                if leave_start > a:
                    cut.append((a, leave_start))
                if leave_end < b:
                    cut.append((leave_end, b))
            pieces = cut
        return pieces

    def at(self, hours, starting=False):
        """The moment `hours` working hours after the start. A deadline ends a working period
        (Monday 17:00); a start (`starting`) begins the next one (Tuesday 08:00)."""
        if hours <= 0 and not starting:
            return self.start
        while self.total < hours or (starting and self.total <= hours):
            if not self._next_day():
                return None
        for begin, end, before in self._intervals_from(hours, starting):
            length = (end - begin).total_seconds() / 3600.0
            if hours < before + length or (not starting and hours <= before + length):
                return begin + datetime.timedelta(hours=max(hours - before, 0.0))
        return None

    def hours_until(self, moment):
        """The working hours between the start and `moment` (naive UTC): what a paused clock adds."""
        if moment <= self.start:
            return 0.0
        last_day = self._to_local(moment).date()
        while self.day <= last_day:
            if not self._next_day():
                break
        hours = 0.0
        for begin, end, before in self.intervals:
            if begin >= moment:
                break
            hours = before + (min(end, moment) - begin).total_seconds() / 3600.0
        return hours

    def _intervals_from(self, hours, starting):
        """The intervals from the one holding `hours` on (binary search): for a deadline the last one
        beginning strictly before it, for a start the last one beginning at or before it."""
        low, high = 0, len(self.intervals)
        while low < high:
            middle = (low + high) // 2
            before = self.intervals[middle][2]
            if before < hours or (starting and before == hours):
                low = middle + 1
            else:
                high = middle
        return self.intervals[max(low - 1, 0):]
