# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import MONDAY_10, SlaCase


@tagged("post_install", "-at_install")
class TestSlaEnterpriseApi(SlaCase):
    """The field names of Odoo Enterprise Helpdesk's SLA models that scripts use,
    at the ORM level (create, write, read, search)."""

    def test_policy_priority(self):
        sla = self.Sla.create(
            {"name": "Urgent", "team_id": self.team.id, "priority": "3", "time": 4}
        )
        self.assertEqual(sla.priority_ids, self._priorities("3"))
        self.assertEqual(sla.priority, "3")
        self.assertEqual(self.Sla.search([("priority", "=", "3")]), sla)
        sla.priority = "2"
        self.assertEqual(sla.priority_ids, self._priorities("2"))
        self.assertEqual(self.Sla.search([("priority", "=", "3")]), self.Sla)
        # several priorities: no single one; none: any priority
        sla.priority_ids = [Command.set(self._priorities("2", "3").ids)]
        self.assertFalse(sla.priority)
        self.assertFalse(self.Sla.search([("priority", "=", "2")]))
        sla.priority_ids = [Command.set(self._priorities("1").ids)]
        self.assertEqual(sla.priority, "1")
        sla.write({"priority": False})
        self.assertFalse(sla.priority_ids)
        # the policy follows the priority for matching tickets
        sla.priority = "3"
        with self._now(MONDAY_10):
            low = self._create_tickets(1, priority="0")
            urgent = self._create_tickets(1, priority="3")
        self.assertFalse(low.sla_status_ids)
        self.assertEqual(urgent.sla_status_ids.sla_id, sla)
        self.assertEqual(urgent.sla_ids, sla)
        self.assertEqual(
            self.env["helpdesk.ticket"].search([("sla_ids", "in", sla.ids)]), urgent
        )
        self.assertEqual(
            sla.read(["priority"])[0]["priority"], "3", "readable by scripts"
        )

    def test_policy_time_and_stages(self):
        sla = self.Sla.create(
            {
                "name": "Within",
                "team_id": self.team.id,
                "time": 6.0,
                "stage_id": self.stage_progress.id,
                "exclude_stage_ids": [Command.set(self.stage_waiting.ids)],
            }
        )
        self.assertEqual(sla.resolution_hours, 6.0)
        self.assertEqual(sla.pause_stage_ids, self.stage_waiting)
        self.assertEqual(self.Sla.search([("time", "=", 6.0)]), sla)
        self.assertEqual(self.Sla.search([("time", ">", 6.0)]), self.Sla)
        sla.write({"time": 12.0, "exclude_stage_ids": [Command.clear()]})
        self.assertEqual(sla.resolution_hours, 12.0)
        self.assertFalse(sla.pause_stage_ids)
        self.assertTrue(sla.is_sync_pending, "a changed target is applied")
        sla.resolution_hours = 3.0
        self.assertEqual(sla.time, 3.0)
        self.assertEqual(
            self.Sla.search([("exclude_stage_ids", "=", False), ("id", "=", sla.id)]),
            sla,
        )

    def test_status_names(self):
        sla = self._create_sla(
            first_response_hours=1.0, resolution_hours=4.0, stage_id=False
        )
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1)
        first = self._line(ticket, "first_response")
        resolution = self._line(ticket, "resolution")
        self.assertFalse(first.reached_datetime)
        with self._now(MONDAY_10 + timedelta(minutes=30)):
            self.assertEqual(resolution.exceeded_hours, 0.0, "in time")
        # late by 2 working hours on the first response, still running
        with self._now(MONDAY_10 + timedelta(hours=3)):
            (first | resolution).invalidate_recordset(["exceeded_hours"])
            self.assertAlmostEqual(first.exceeded_hours, 2.0)
            self.Status._cron_check_sla()
        self.assertEqual(first.status, "failed")
        # resolved after 3 hours: 1 hour early
        with self._now(MONDAY_10 + timedelta(hours=3)):
            ticket.stage_id = self.stage_done
        self.assertEqual(resolution.reached_datetime, MONDAY_10 + timedelta(hours=3))
        self.assertEqual(resolution.status, "reached")
        self.assertAlmostEqual(resolution.exceeded_hours, -1.0)
        Status = self.Status
        self.assertEqual(
            Status.search(
                [
                    ("ticket_id", "=", ticket.id),
                    ("reached_datetime", "!=", False),
                ]
            ),
            first | resolution,
            "closing fulfils the late first response too",
        )
        self.assertEqual(first.status, "failed", "late it was")
        self.assertEqual(
            Status.search(
                [("ticket_id", "=", ticket.id), ("status", "in", ["failed"])]
            ),
            first,
        )
        self.assertEqual(
            Status.search(
                [("ticket_id", "=", ticket.id), ("deadline", "<", resolution.deadline)]
            ),
            first,
        )
        sla.stage_id = self.stage_progress
        self.assertEqual(resolution.sla_stage_id, self.stage_progress)
        values = resolution.read(["reached_datetime", "exceeded_hours", "deadline"])
        self.assertEqual(values[0]["reached_datetime"], resolution.reached_date)

    def test_team_use_sla(self):
        team = self.env["helpdesk.team"].create({"name": "T No SLA", "use_sla": False})
        self._create_sla(team_id=team.id)
        ticket = self._create_tickets(1, team_id=team.id)
        self.assertFalse(ticket.sla_status_ids)
        teams = team | self.team
        self.assertEqual(
            teams.search([("id", "in", teams.ids), ("use_sla", "=", False)]), team
        )
        team.write({"use_sla": True})
        self._run_sync()
        self.assertTrue(ticket.sla_status_ids)
