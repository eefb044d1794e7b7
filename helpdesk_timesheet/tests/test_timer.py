# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import HelpdeskTimesheetCase

T0 = datetime(2026, 11, 23, 8, 0)


@tagged("post_install", "-at_install")
class TestTicketTimer(HelpdeskTimesheetCase):
    def _stop(self, ticket, description="Fixed it", user=None):
        ticket = ticket.with_user(user or self.timesheet_agent)
        action = ticket.action_timer_stop()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard = wizard.with_user(user or self.timesheet_agent)
        hours = wizard.hours
        wizard.description = description
        wizard.action_confirm()
        return hours

    def test_start_pause_resume_stop_with_rounding(self):
        ticket = self.ticket.with_user(self.timesheet_agent)
        with freeze_time(T0):
            ticket.action_timer_start()
        self.assertEqual(ticket.timer_state, "running")
        with freeze_time(T0 + timedelta(minutes=20)):
            ticket.action_timer_pause()
        ticket.invalidate_recordset(["timer_state"])
        self.assertEqual(ticket.timer_state, "paused")
        with freeze_time(T0 + timedelta(hours=1)):
            ticket.action_timer_start()
        with freeze_time(T0 + timedelta(hours=1, minutes=7)):
            # 27 minutes, rounded up to 15: 30 minutes
            hours = self._stop(ticket)
        self.assertAlmostEqual(hours, 0.5)
        line = self.ticket.timesheet_ids
        self.assertEqual(len(line), 1, "one line per stop")
        self.assertAlmostEqual(line.unit_amount, 0.5)
        self.assertEqual(line.name, "Fixed it")
        self.assertEqual(line.employee_id, self.employee)
        self.assertFalse(self.env["helpdesk.ticket.timer"].search([]))
        # a short run counts the team's minimum
        self.team.write({"timer_rounding": 0, "timer_min_duration": 10})
        with freeze_time(T0):
            ticket.action_timer_start()
        with freeze_time(T0 + timedelta(minutes=3)):
            self.assertAlmostEqual(self._stop(ticket), 10 / 60, places=4)

    def test_running_timer_is_not_delivered_time(self):
        with freeze_time(T0):
            self.ticket.with_user(self.timesheet_agent).action_timer_start()
        with freeze_time(T0 + timedelta(hours=3)):
            self.assertFalse(self.ticket.timesheet_ids)
            self.assertEqual(self.ticket.total_hours_spent, 0.0)

    def test_one_running_timer_per_agent(self):
        other = self._create_tickets(1)
        agent = self.timesheet_agent
        with freeze_time(T0):
            self.ticket.with_user(agent).action_timer_start()
        with freeze_time(T0 + timedelta(minutes=30)):
            other.with_user(agent).action_timer_start()
        timers = self.env["helpdesk.ticket.timer"].search([("user_id", "=", agent.id)])
        running = timers.filtered("date_running")
        self.assertEqual(running.ticket_id, other)
        paused = timers - running
        self.assertEqual(paused.ticket_id, self.ticket)
        self.assertEqual(paused.elapsed_seconds, 30 * 60)
        # another agent's timer is theirs
        self.assertFalse(
            self.env["helpdesk.ticket.timer"].with_user(self.agent).search([])
        )

    def test_closing_pauses_timers_and_tells_their_owners(self):
        with freeze_time(T0):
            self.ticket.with_user(self.timesheet_agent).action_timer_start()
        with self._now(T0 + timedelta(minutes=40)):
            self.ticket.stage_id = self.stage_done
        timer = self.env["helpdesk.ticket.timer"].search([])
        self.assertFalse(timer.date_running)
        self.assertEqual(timer.elapsed_seconds, 40 * 60)
        note = self.ticket.message_ids.filtered(
            lambda m: self.timesheet_agent.partner_id in m.partner_ids
        )
        self.assertTrue(note, "the owner is told")
        with self.assertRaises(UserError):
            self.ticket.with_user(self.timesheet_agent).action_timer_start()
        # the time is still logged at stop
        self.assertAlmostEqual(self._stop(self.ticket), 0.75)

    def test_stop_needs_a_description(self):
        with freeze_time(T0):
            self.ticket.with_user(self.timesheet_agent).action_timer_start()
        with self.assertRaises(UserError):
            self._stop(self.ticket, description="  ")

    def test_agents_without_timesheet_rights_start_no_timer(self):
        with self.assertRaisesRegex(UserError, "Timesheets: User"):
            self.ticket.with_user(self.agent).action_timer_start()
