# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import tagged

from .common import MONDAY_10, SlaCase


@tagged("post_install", "-at_install")
class TestSlaPolicySync(SlaCase):
    """Open tickets already there follow new and changed policies."""

    def test_new_policy_applies_to_open_tickets(self):
        open_ticket, closed_ticket = self._create_tickets(2)
        closed_ticket.stage_id = self.stage_done
        other_team_ticket = self._create_tickets(1, team_id=self.team2.id)
        self.assertFalse((open_ticket | closed_ticket).sla_status_ids)
        policy = self._create_sla()
        self.assertTrue(policy.is_sync_pending)
        self._run_sync()
        self.assertFalse(policy.is_sync_pending)
        self.assertEqual(
            set(open_ticket.sla_status_ids.mapped("target")),
            {"first_response", "resolution"},
        )
        self.assertEqual(self._line(open_ticket, "resolution").sla_id, policy)
        self.assertFalse(closed_ticket.sla_status_ids.filtered("deadline"))
        self.assertFalse(other_team_ticket.sla_status_ids)
        # a second run has nothing to do and changes nothing
        lines = open_ticket.sla_status_ids
        self._run_sync()
        self.assertEqual(open_ticket.sla_status_ids, lines)

    def test_changed_scope_drops_running_lines(self):
        policy = self._create_sla()
        ticket = self._create_tickets(1, priority="0")
        self.assertTrue(ticket.sla_status_ids)
        policy.priority_ids = [Command.set(self._priorities("3").ids)]
        self._run_sync()
        self.assertFalse(ticket.sla_status_ids, "the ticket no longer matches")

    def test_team_change_drops_lines_of_former_team(self):
        policy = self._create_sla()
        ticket = self._create_tickets(1)
        self.assertTrue(ticket.sla_status_ids)
        policy.team_id = self.team2
        self.assertFalse(ticket.sla_status_ids)

    def test_renaming_schedules_nothing(self):
        policy = self._create_sla()
        self._run_sync()
        policy.name = "Renamed"
        self.assertFalse(policy.is_sync_pending)


@tagged("post_install", "-at_install")
class TestSlaTargetChange(SlaCase):
    """A changed target re-plans the running lines; 0 removes them; reached and
    failed lines keep their terms."""

    def _tickets_running_paused_closed(self):
        with self._now(MONDAY_10):
            running, paused, closed = self._create_tickets(3)
        with self._now(MONDAY_10 + timedelta(hours=1)):
            paused.stage_id = self.stage_waiting
            closed.stage_id = self.stage_done
        return running, paused, closed

    def test_changed_hours_replan_running_lines(self):
        policy = self._create_sla(pause_stage_ids=[Command.set(self.stage_waiting.ids)])
        running, paused, closed = self._tickets_running_paused_closed()
        resolution = self._line(running, "resolution")
        # 8 working hours from Monday 10:00 Kyiv: Tuesday 10:00 Kyiv
        self.assertEqual(resolution.deadline, datetime(2026, 11, 24, 8))
        with self._now(MONDAY_10 + timedelta(hours=2)):
            policy.resolution_hours = 16.0
            self.assertTrue(policy.is_sync_pending)
            self._run_sync()
        self.assertEqual(resolution.target_hours, 16.0)
        # from the line's start: 7h on Monday, 8h on Tuesday, 1h on Wednesday
        self.assertEqual(resolution.deadline, datetime(2026, 11, 25, 8))
        # at risk after 50% = 8h: Tuesday 10:00 Kyiv
        self.assertEqual(resolution.warning_date, datetime(2026, 11, 24, 8))
        self.assertEqual(resolution.status, "ongoing")
        paused_line = self._line(paused, "resolution")
        self.assertEqual(paused_line.target_hours, 16.0)
        self.assertEqual(paused_line.status, "paused")
        self.assertFalse(paused_line.deadline)
        self.assertAlmostEqual(paused_line.consumed_hours, 1.0)
        closed_line = self._line(closed, "resolution")
        self.assertEqual(closed_line.target_hours, 8.0, "reached: terms kept")
        self.assertEqual(closed_line.status, "reached")
        # resumed on Tuesday 10:00 Kyiv with 15 hours left: Wednesday 17:00 Kyiv
        with self._now(datetime(2026, 11, 24, 8)):
            paused.stage_id = self.stage_progress
        self.assertEqual(paused_line.deadline, datetime(2026, 11, 25, 15))

    def test_lengthened_and_shortened_target(self):
        policy = self._create_sla(
            first_response_hours=0.0, resolution_hours=2.0, escalation_notify=True
        )
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1)
        resolution = self._line(ticket, "resolution")
        with self._now(MONDAY_10 + timedelta(hours=3)):
            policy.resolution_hours = 16.0
            # the deadline check runs before the sync job: the former 2 hours
            # are not the policy's target any more, the line is not failed
            self.assertEqual(self.Status._cron_check_sla(), 0)
            self.assertEqual(resolution.status, "ongoing")
            self._run_sync()
        self.assertEqual(resolution.deadline, datetime(2026, 11, 25, 8))
        self.assertEqual(resolution.status, "ongoing")
        self.assertFalse(ticket.activity_ids)
        with self._now(MONDAY_10 + timedelta(hours=3)):
            policy.resolution_hours = 2.0
            self._run_sync()
        self.assertEqual(resolution.deadline, MONDAY_10 + timedelta(hours=2))
        self.assertEqual(resolution.status, "failed")
        self.assertTrue(ticket.sla_fail)
        self.assertEqual(len(ticket.activity_ids), 1, "escalated once")

    def test_failed_line_keeps_its_terms(self):
        policy = self._create_sla(first_response_hours=0.0, resolution_hours=2.0)
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1)
        resolution = self._line(ticket, "resolution")
        with self._now(MONDAY_10 + timedelta(hours=3)):
            self.Status._cron_check_sla()
            policy.resolution_hours = 16.0
            self._run_sync()
        self.assertEqual(resolution.status, "failed")
        self.assertEqual(resolution.target_hours, 2.0)
        self.assertEqual(resolution.deadline, MONDAY_10 + timedelta(hours=2))

    def test_zero_target_removes_running_lines(self):
        policy = self._create_sla(
            first_response_hours=0.0,
            escalation_notify=True,
            pause_stage_ids=[Command.set(self.stage_waiting.ids)],
        )
        running, paused, closed = self._tickets_running_paused_closed()
        closed_line = self._line(closed, "resolution")
        reached_on = closed_line.reached_date
        with self._now(MONDAY_10 + timedelta(hours=1)):
            policy.resolution_hours = 0.0
        # at once, not when the sync job comes
        self.assertFalse((running | paused).sla_status_ids)
        self.assertEqual(closed.sla_status_ids, closed_line)
        self.assertEqual(closed_line.status, "reached")
        with self._now(MONDAY_10 + timedelta(days=3)):
            self.assertEqual(self.Status._cron_check_sla(), 0)
            self._run_sync()
            # reopening the ticket starts no clock: the policy has no target
            closed.stage_id = self.stage_progress
        self.assertFalse((running | paused).sla_status_ids)
        self.assertFalse((running | paused | closed).activity_ids)
        self.assertFalse(running.sla_fail or running.sla_deadline)
        self.assertEqual(closed_line.status, "reached")
        self.assertEqual(closed_line.reached_date, reached_on)
        self.assertFalse(closed.sla_deadline)


@tagged("post_install", "-at_install")
class TestSlaSyncJob(SlaCase):
    """The sync job commits its progress by batch and goes on from there."""

    def _spy_sync(self, fail_at=None):
        """Patch the ticket sync to record its batches (and fail at one)."""
        Ticket = type(self.env["helpdesk.ticket"])
        original = Ticket._sla_sync
        batches = []

        def sla_sync(tickets, now):
            batches.append(tickets.ids)
            if len(batches) == fail_at:
                raise RuntimeError("worker killed")
            return original(tickets, now)

        return batches, patch.object(Ticket, "_sla_sync", sla_sync)

    def test_time_limit_then_resume(self):
        tickets = self._create_tickets(5)
        policy = self._create_sla()
        commits = self._run_sync(batch_size=2, budget=1)
        # first the count of tickets to do, then the first batch, then time is up
        self.assertEqual(commits, [(0, 5), (2, None)])
        self.assertEqual(tickets.filtered("sla_status_ids"), tickets[:2])
        self.assertTrue(policy.is_sync_pending)
        self.assertEqual(policy.sync_last_ticket_id, tickets[1].id)
        lines = tickets.sla_status_ids
        batches, spy = self._spy_sync()
        with spy:
            commits = self._run_sync(batch_size=2)
        self.assertEqual(batches, [tickets[2:4].ids, tickets[4:].ids])
        self.assertEqual(commits, [(0, 3), (2, None), (1, None)])
        self.assertEqual(tickets.filtered("sla_status_ids"), tickets)
        self.assertLess(lines, tickets.sla_status_ids, "first lines kept")
        self.assertFalse(policy.is_sync_pending)
        self.assertEqual(policy.sync_last_ticket_id, 0)
        # a run with nothing pending does nothing
        batches, spy = self._spy_sync()
        with spy:
            self._run_sync(batch_size=2)
        self.assertFalse(batches)

    def test_failure_keeps_committed_batches(self):
        tickets = self._create_tickets(4)
        policy = self._create_sla()
        batches, spy = self._spy_sync(fail_at=2)
        # no assertRaises: its savepoint would also undo the batch "committed"
        with spy:
            failure = None
            try:
                self._run_sync(batch_size=2)
            except RuntimeError as error:
                failure = error
            self.assertIsNotNone(failure, "the second batch fails")
        self.assertEqual(policy.sync_last_ticket_id, tickets[1].id)
        self.assertTrue(policy.is_sync_pending)
        first_lines = tickets[:2].sla_status_ids
        batches, spy = self._spy_sync()
        with spy:
            self._run_sync(batch_size=2)
        self.assertEqual(batches, [tickets[2:].ids])
        self.assertEqual(tickets[:2].sla_status_ids, first_lines)
        self.assertEqual(tickets.filtered("sla_status_ids"), tickets)
        self.assertFalse(policy.is_sync_pending)

    def test_policy_changed_during_sync_starts_over(self):
        tickets = self._create_tickets(4, priority="2")
        policy = self._create_sla()
        self._run_sync(batch_size=2, budget=1)
        self.assertEqual(policy.sync_last_ticket_id, tickets[1].id)
        policy.priority_ids = [Command.set(self._priorities("3").ids)]
        self.assertEqual(policy.sync_last_ticket_id, 0)
        batches, spy = self._spy_sync()
        with spy:
            self._run_sync(batch_size=2)
        self.assertEqual(batches, [tickets[:2].ids, tickets[2:].ids])
        self.assertFalse(tickets.sla_status_ids, "no ticket is urgent")


@tagged("post_install", "-at_install")
class TestSlaTeamSwitch(SlaCase):
    """helpdesk.team.use_sla turns the team's SLA off and on."""

    def test_use_sla(self):
        policy = self._create_sla()
        open_ticket, closed_ticket = self._create_tickets(2)
        closed_ticket.stage_id = self.stage_done
        # closing fulfils every target, the first response included
        reached = closed_ticket.sla_status_ids
        self.assertEqual(set(reached.mapped("status")), {"reached"})
        self.assertEqual(len(reached), 2)
        self.assertTrue(self.team.use_sla, "on by default")
        self.team.use_sla = False
        self.assertFalse(open_ticket.sla_status_ids, "running lines removed")
        self.assertEqual(closed_ticket.sla_status_ids, reached, "reached kept")
        new_ticket = self._create_tickets(1)
        new_ticket.priority = "3"
        new_ticket.message_post(
            body="Hello?",
            author_id=self.customer.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(new_ticket.sla_status_ids)
        self._run_sync()
        self.assertFalse((open_ticket | new_ticket).sla_status_ids)
        self.team.use_sla = True
        self.assertTrue(policy.is_sync_pending)
        self._run_sync()
        for ticket in open_ticket | new_ticket:
            self.assertEqual(
                set(ticket.sla_status_ids.mapped("target")),
                {"first_response", "resolution"},
            )
        self.assertEqual(self.team.sla_policy_count, 1)
        action = self.team.with_user(self.manager).action_view_sla_policies()
        self.assertEqual(self.env["helpdesk.sla"].search(action["domain"]), policy)
