# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import tagged

from .common import MONDAY_10, SlaCase


@tagged("post_install", "-at_install")
class TestSlaCalendar(SlaCase):
    """Deadlines in working hours of a Kyiv 9:00-17:00 Monday-Friday calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sla = cls._create_sla(first_response_hours=3.0, resolution_hours=4.0)

    def _ticket_at(self, when):
        with self._now(when):
            return self._create_tickets(1)

    def test_same_day(self):
        ticket = self._ticket_at(MONDAY_10)
        # 10:00 + 3h = 13:00 Kyiv = 11:00 UTC
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 23, 11)
        )
        self.assertEqual(ticket.sla_deadline, datetime(2026, 11, 23, 11))
        with self._now(MONDAY_10):
            self.assertEqual(ticket._get_customer_deadline(), ticket.sla_deadline)
            ticket.sla_status_ids.sla_id.show_to_customer = False
            self.assertFalse(ticket._get_customer_deadline(), "internal policy")
            ticket.sla_status_ids.sla_id.show_to_customer = True
        # past: no promise
        with self._now(datetime(2026, 11, 23, 12)):
            self.assertFalse(ticket._get_customer_deadline())

    def test_across_night(self):
        # Monday 16:00 Kyiv: 1h on Monday, 2h on Tuesday from 9:00 -> 11:00 Kyiv
        ticket = self._ticket_at(datetime(2026, 11, 23, 14))
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 24, 9)
        )

    def test_across_weekend(self):
        # Friday 16:00 Kyiv: 1h on Friday, 2h on Monday -> Monday 11:00 Kyiv
        ticket = self._ticket_at(datetime(2026, 11, 27, 14))
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 30, 9)
        )
        # created on Saturday: the clock starts on Monday 9:00
        ticket = self._ticket_at(datetime(2026, 11, 28, 10))
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 30, 10)
        )

    def test_public_holiday(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Christmas",
                "calendar_id": self.calendar.id,
                # 25 December 2026 (Friday), whole day in Kyiv
                "date_from": datetime(2026, 12, 24, 22),
                "date_to": datetime(2026, 12, 25, 22),
            }
        )
        # Thursday 24 December 15:00 Kyiv: 2h on Thursday, Friday off, 2h on
        # Monday 28 -> 11:00 Kyiv = 9:00 UTC
        ticket = self._ticket_at(datetime(2026, 12, 24, 13))
        self.assertEqual(
            self._line(ticket, "resolution").deadline, datetime(2026, 12, 28, 9)
        )

    def test_dst_change(self):
        # Kyiv moves to UTC+3 on Sunday 29 March 2026. Friday 27 March 16:00
        # (14:00 UTC): 1h on Friday, 3h on Monday from 9:00 local = 6:00 UTC
        ticket = self._ticket_at(datetime(2026, 3, 27, 14))
        self.assertEqual(
            self._line(ticket, "resolution").deadline, datetime(2026, 3, 30, 9)
        )

    def test_customer_calendar_overrides_team(self):
        round_the_clock = self.env["resource.calendar"].create(
            {
                "name": "24/7",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 0.0,
                            "hour_to": 24.0,
                            "day_period": "morning",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        self.customer.helpdesk_sla_calendar_id = round_the_clock
        # Saturday 12:00 UTC + 3h, counted on the customer's 24/7 calendar
        ticket = self._ticket_at(datetime(2026, 11, 28, 12))
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 28, 15)
        )

    def test_policy_calendar_and_no_calendar(self):
        self.team.resource_calendar_id = False
        ticket = self._ticket_at(datetime(2026, 11, 28, 12))
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 28, 15)
        )
        self.sla.calendar_id = self.calendar
        ticket = self._ticket_at(datetime(2026, 11, 28, 12))
        self.assertEqual(
            self._line(ticket, "first_response").deadline, datetime(2026, 11, 30, 10)
        )

    def test_batch_planning(self):
        """Many requests with different starts, one calendar read."""
        Calendar = self.env["resource.calendar"]
        starts = [datetime(2026, 11, 23, hour) for hour in range(24)]
        deadlines = Calendar._helpdesk_work_plan(
            [(self.calendar, start, 8.0) for start in starts]
        )
        for start, deadline in zip(starts, deadlines, strict=True):
            single = self.calendar.plan_hours(8.0, start, compute_leaves=True)
            self.assertEqual(deadline, single.replace(microsecond=0), start)
        hours = Calendar._helpdesk_work_hours(
            [(self.calendar, datetime(2026, 11, 27, 14), datetime(2026, 11, 30, 9))]
        )
        self.assertAlmostEqual(hours[0], 3.0)

    def test_long_target(self):
        """A target longer than the first planning window (about two years of
        working days here) is planned on larger windows, up to three years, as
        Odoo's calendar plans it; beyond, it is never due."""
        Calendar = self.env["resource.calendar"]
        deadline, never = Calendar._helpdesk_work_plan(
            [(self.calendar, MONDAY_10, 4000.0), (self.calendar, MONDAY_10, 9000.0)]
        )
        single = self.calendar.plan_hours(4000.0, MONDAY_10, compute_leaves=True)
        self.assertEqual(deadline, single.replace(microsecond=0))
        self.assertFalse(never)

    def test_cached_timelines_follow_calendar_changes(self):
        """Planning reads a calendar once per process and days; a new public
        holiday or new working hours are seen by the next ticket at once."""
        Calendar = self.env["resource.calendar"]
        # Thursday 24 December 15:00 Kyiv + 4h: Friday 25 December 11:00 Kyiv
        start = datetime(2026, 12, 24, 13)

        def plan():
            return Calendar._helpdesk_work_plan([(self.calendar, start, 4.0)])[0]

        self.assertEqual(plan(), datetime(2026, 12, 25, 9))
        # its hours a day (the planning window) only: no attendance, no leave
        self.assertEqual(self._count_queries(plan), 1, "planned from the cache")
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Christmas",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 12, 24, 22),
                "date_to": datetime(2026, 12, 25, 22),
            }
        )
        self.assertEqual(plan(), datetime(2026, 12, 28, 9), "the holiday counts")
        holiday.date_to = datetime(2026, 12, 25, 10)  # a shorter holiday
        shorter = self.calendar.plan_hours(4.0, start, compute_leaves=True)
        self.assertEqual(plan(), shorter.replace(microsecond=0))
        self.assertLess(plan(), datetime(2026, 12, 28, 9))
        holiday.unlink()
        self.assertEqual(plan(), datetime(2026, 12, 25, 9))
        # Thursdays end at 16:00: 1h on Thursday, 3h on Friday from 9:00
        self.calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == "3" and a.hour_to == 17.0
        ).hour_to = 16.0
        self.assertEqual(plan(), datetime(2026, 12, 25, 10))
        # in Tokyo, 13:00 UTC is 22:00: Friday 9:00 + 4h = 13:00 Tokyo
        self.calendar.tz = "Asia/Tokyo"
        self.assertEqual(plan(), datetime(2026, 12, 25, 4))

    def test_employee_leave_keeps_cache(self):
        """An employee's own time off changes no team calendar: the cached
        timelines are kept."""
        employee_resource = self.env["resource.resource"].create(
            {"name": "Agent", "calendar_id": self.calendar.id}
        )
        Leaves = self.env["resource.calendar.leaves"]
        with patch.object(
            type(self.env["resource.calendar"]), "_helpdesk_clear_timelines"
        ) as clear:
            leave = Leaves.create(
                {
                    "name": "Day off",
                    "calendar_id": self.calendar.id,
                    "resource_id": employee_resource.id,
                    "date_from": datetime(2026, 12, 24, 7),
                    "date_to": datetime(2026, 12, 24, 15),
                }
            )
            leave.name = "Day off (moved)"
            leave.unlink()
            clear.assert_not_called()
