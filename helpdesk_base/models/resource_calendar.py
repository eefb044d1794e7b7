# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from bisect import bisect_left, bisect_right
from datetime import datetime, time, timedelta

from pytz import utc

from odoo import api, models, tools

# a planned moment further away than this is treated as never reached
MAX_PLANNING_SPAN = timedelta(days=3 * 366)
MIN_PLANNING_SPAN = timedelta(days=4)


class WorkTimeline:
    """The working time of one calendar over a window, as sorted UTC intervals
    with cumulated hours, answering "hours between" and "plan N hours from" by
    bisection: one calendar read serves a whole batch of tickets. Immutable
    once built: timelines are shared through the registry cache."""

    def __init__(self, intervals, start, end):
        self.start = start
        self.end = end
        self.starts = []
        self.cum_ends = []
        self.cum_starts = []
        total = 0.0
        for begin, stop in intervals:
            self.starts.append(begin)
            self.cum_starts.append(total)
            total += (stop - begin).total_seconds() / 3600
            self.cum_ends.append(total)

    def _cum_at(self, when):
        index = bisect_right(self.starts, when) - 1
        if index < 0:
            return 0.0
        inside = (when - self.starts[index]).total_seconds() / 3600
        return min(self.cum_starts[index] + inside, self.cum_ends[index])

    def hours_between(self, begin, stop):
        if stop <= begin:
            return 0.0
        return self._cum_at(stop) - self._cum_at(begin)

    def plan(self, begin, hours):
        """The moment ``hours`` working hours after ``begin``, None if beyond the
        window."""
        if hours <= 0:
            return begin
        target = self._cum_at(begin) + hours
        index = bisect_left(self.cum_ends, target - 1e-9)
        if index >= len(self.starts):
            return None
        moment = self.starts[index] + timedelta(
            hours=max(target - self.cum_starts[index], 0.0)
        )
        return moment.replace(microsecond=0)

    def plan_back(self, end, hours):
        """The latest moment ``hours`` working hours before ``end``, None if
        beyond the window."""
        if hours <= 0:
            return end
        target = self._cum_at(end) - hours
        if target < -1e-9:
            return None
        index = bisect_right(self.cum_ends, target + 1e-9)
        if index >= len(self.starts):
            return end
        moment = self.starts[index] + timedelta(
            hours=max(target - self.cum_starts[index], 0.0)
        )
        return moment.replace(microsecond=0)


class ResourceCalendar(models.Model):
    """The helpdesk's working-time engine: working hours between two moments
    and moments N working hours away, for a whole batch of tickets at once
    (the base's assignment and closing hours, the SLA deadlines)."""

    _inherit = "resource.calendar"

    def _helpdesk_work_timeline(self, start, end):
        """Work intervals (public holidays deducted) of the calendar between two
        naive UTC datetimes: a timeline over whole UTC days around them, shared
        by the requests of the same days (see ``_helpdesk_day_timeline``)."""
        self.ensure_one()
        first = datetime.combine(start.date(), time.min)
        days = (end.date() - first.date()).days + 1
        return self._helpdesk_day_timeline(self.id, first, days)

    @api.model
    @tools.ormcache("calendar_id", "first", "days")
    def _helpdesk_day_timeline(self, calendar_id, first, days):
        """The timeline of ``days`` whole UTC days from ``first``, read once
        per server process: every ticket created or closed on those days plans
        with the same attendances and public holidays. Odoo's registry cache:
        cleared, on every worker, when a calendar, its attendances or a public
        holiday changes (see ``_helpdesk_clear_timelines``)."""
        calendar = self.sudo().browse(calendar_id)
        end = first + timedelta(days=days)
        intervals = calendar._work_intervals_batch(
            utc.localize(first), utc.localize(end), compute_leaves=True
        )[False]
        naive = [
            (
                begin.astimezone(utc).replace(tzinfo=None),
                stop.astimezone(utc).replace(tzinfo=None),
            )
            for begin, stop, _meta in intervals
        ]
        return WorkTimeline(sorted(naive), first, end)

    @api.model
    def _helpdesk_clear_timelines(self):
        self.env.registry.clear_cache()

    def write(self, vals):
        res = super().write(vals)
        self._helpdesk_clear_timelines()
        return res

    def unlink(self):
        res = super().unlink()
        self._helpdesk_clear_timelines()
        return res

    def _helpdesk_work_hours(self, requests):
        """Working hours of each ``(calendar, start, end)`` of ``requests``, with
        naive UTC datetimes (an empty calendar counts round the clock; a missing
        or reversed period counts 0).

        Returns the list of hours, in the order of ``requests``: one calendar
        read per calendar, whatever the number of requests.
        """
        results = [0.0] * len(requests)
        by_calendar = {}
        for index, (calendar, start, end) in enumerate(requests):
            if not start or not end or end <= start:
                continue
            if not calendar:
                results[index] = (end - start).total_seconds() / 3600
            else:
                by_calendar.setdefault(calendar, []).append(index)
        for calendar, indexes in by_calendar.items():
            timeline = calendar._helpdesk_work_timeline(
                min(requests[index][1] for index in indexes),
                max(requests[index][2] for index in indexes),
            )
            for index in indexes:
                results[index] = timeline.hours_between(
                    requests[index][1], requests[index][2]
                )
        return results

    def _helpdesk_working_days_ago(self, now, days):
        """The moment ``days`` working days before ``now`` (naive UTC), a working
        day being the calendar's hours per day of working time (public holidays
        deducted): one working day before Monday 10:00 is Friday 10:00 for an
        office working Monday to Friday. No calendar, or one without working time
        in the last weeks: calendar days."""
        if not self or days <= 0:
            return now - timedelta(days=max(days, 0))
        self.ensure_one()
        moment = self._helpdesk_work_hours_ago(
            now, days * (self.hours_per_day or 8.0), timedelta(days=days * 3 + 21)
        )
        return moment or now - timedelta(days=days)

    def _helpdesk_work_hours_ago(self, now, hours, window):
        """The moment ``hours`` working hours of the calendar before ``now``
        (naive UTC), searched within ``window`` before it: None beyond."""
        self.ensure_one()
        return self._helpdesk_work_timeline(now - window, now).plan_back(now, hours)

    def _helpdesk_work_plan(self, requests):
        """The moment ``hours`` working hours after ``start`` for each
        ``(calendar, start, hours)`` of ``requests``, with naive UTC datetimes
        (an empty calendar counts round the clock).

        Returns the list of moments (False when further than three years): one
        calendar read per calendar and window, whatever the number of requests.
        """
        results = [False] * len(requests)
        by_calendar = {}
        for index, (calendar, start, hours) in enumerate(requests):
            if not calendar:
                results[index] = start + timedelta(hours=max(hours, 0.0))
                results[index] = results[index].replace(microsecond=0)
            elif hours <= 0:
                results[index] = start
            else:
                by_calendar.setdefault(calendar, []).append(index)
        for calendar, indexes in by_calendar.items():
            start = min(requests[index][1] for index in indexes)
            last = max(requests[index][1] for index in indexes)
            span = calendar._helpdesk_planning_span(
                max(requests[index][2] for index in indexes)
            )
            pending = indexes
            while pending:
                timeline = calendar._helpdesk_work_timeline(start, last + span)
                still = []
                for index in pending:
                    moment = timeline.plan(requests[index][1], requests[index][2])
                    if moment is None:
                        still.append(index)
                    else:
                        results[index] = moment
                pending = still
                if span >= MAX_PLANNING_SPAN:
                    break
                span = min(span * 4, MAX_PLANNING_SPAN)
        return results

    def _helpdesk_planning_span(self, hours):
        """A window of calendar time likely to hold ``hours`` working hours of
        the calendar (its average hours a day, five days a week, a quarter more
        for holidays): planning reads the calendar once in most cases, and
        again over a window four times larger when it was too short."""
        self.ensure_one()
        days = hours / (self.hours_per_day or 8.0) * 7 / 5 * 1.25
        return min(
            max(timedelta(days=days) + MIN_PLANNING_SPAN, MIN_PLANNING_SPAN),
            MAX_PLANNING_SPAN,
        )
