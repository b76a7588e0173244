# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Planning of process steps: the step graph (order, cycles, critical path) and working time."""
# Pure Python, no database access: the models feed it plain values, so a 12-step plan costs no query, and
# tests/test_planning.py tests it without Odoo.
import datetime

import pytz

HORIZON_DAYS = 3 * 366  # a plan that needs more working time than three years of calendar is refused


def find_cycle(graph):
    """A cycle of `graph` ({node: [predecessor nodes]}) as a list of nodes [a, b, ..., a], or None."""
    state = {}  # 1 = on the current path, 2 = finished
    for root in graph:
        if state.get(root):
            continue
        path, stack = [], [(root, iter(graph.get(root, ())))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                cycle.reverse()  # predecessor edges point backwards: show the order in which work flows
                return cycle
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, ()))))
    return None


def topological_order(nodes, graph):
    """`nodes` (a list, in their display order) sorted so that every node comes after its predecessors.
    Ties keep the display order. Raises ValueError on a cycle."""
    position = {node: index for index, node in enumerate(nodes)}
    remaining = {node: len([p for p in graph.get(node, ()) if p in position]) for node in nodes}
    successors = {node: [] for node in nodes}
    for node in nodes:
        for predecessor in graph.get(node, ()):
            if predecessor in position:
                successors[predecessor].append(node)
    ready = sorted((node for node in nodes if not remaining[node]), key=position.get)
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for successor in successors[node]:
            remaining[successor] -= 1
            if not remaining[successor]:
                ready.append(successor)
                ready.sort(key=position.get)
    if len(order) != len(nodes):
        raise ValueError("cycle")
    return order


def schedule(nodes, graph, allowance, from_start):
    """Offsets in working hours from the start of the process: {node: (start, deadline)}.

    A step starts when all its predecessors are due; its deadline is `allowance[node]` working hours
    after that, or after the process start when `from_start[node]` (never before the step can start).
    The largest deadline is the lead time of the process (its critical path)."""
    offsets = {}
    for node in topological_order(nodes, graph):
        start = max([offsets[p][1] for p in graph.get(node, ()) if p in offsets] or [0.0])
        hours = allowance.get(node) or 0.0
        deadline = max(start, hours) if from_start.get(node) else start + hours
        offsets[node] = (start, deadline)
    return offsets


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
