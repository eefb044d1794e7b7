# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import HelpdeskTimesheetCase


@tagged("post_install", "-at_install")
class TestTimerTour(HttpCase, HelpdeskTimesheetCase):
    def test_start_and_stop_the_timer(self):
        self.start_tour(
            f"/odoo/helpdesk.ticket/{self.ticket.id}",
            "helpdesk_timesheet_timer_tour",
            login="hd_ts_agent",
        )
        line = self.ticket.timesheet_ids
        self.assertEqual(line.name, "Tour: reset the router")
        self.assertAlmostEqual(line.unit_amount, 0.25, msg="the team's minimum")
