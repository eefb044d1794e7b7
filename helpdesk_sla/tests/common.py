# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo.fields import Command

from odoo.addons.helpdesk_base.tests.common import HelpdeskCase, HelpdeskMailCase

# Monday 23 November 2026, 10:00 in Kyiv (UTC+2 in winter)
MONDAY_10 = datetime(2026, 11, 23, 8, 0)


class SlaMixin:
    """SLA fixtures: a Kyiv 9:00-17:00 Monday-Friday calendar on the test team, a
    pause stage, and a helper to create policies."""

    @classmethod
    def _setup_sla(cls):
        cls.calendar = cls._create_office_calendar(name="Kyiv office")
        cls.stage_waiting = cls.env["helpdesk.stage"].create(
            {"name": "T Waiting", "sequence": 2}
        )
        cls.team.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "stage_ids": [Command.link(cls.stage_waiting.id)],
                "user_id": cls.manager.id,
            }
        )
        cls.team2 = cls.env["helpdesk.team"].create(
            {
                "name": "T Second line",
                "member_ids": [Command.set(cls.agent2.ids)],
                "stage_ids": [Command.set(cls.stages.ids)],
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.Sla = cls.env["helpdesk.sla"]
        cls.Status = cls.env["helpdesk.sla.status"]

    @classmethod
    def _priorities(cls, *codes):
        return cls.env["helpdesk.sla.priority"].search([("code", "in", codes)])

    @classmethod
    def _create_sla(cls, **values):
        vals = {
            "name": "T Policy",
            "team_id": cls.team.id,
            "first_response_hours": 2.0,
            "resolution_hours": 8.0,
            "warning_percent": 50.0,
            **values,
        }
        return cls.Sla.create(vals)

    def _run_sync(self, batch_size=1000, budget=None):
        """Run the policy sync job as the cron does, its commits replaced by a
        record of the progress ``(processed, remaining)``: the cron's time is up
        after ``budget`` batches (None: never). Returns the recorded commits."""
        return self._run_cron_method(
            self.Sla._cron_sync_pending, batch_size=batch_size, budget=budget
        )

    def _line(self, ticket, target, sla=None):
        lines = ticket.sla_status_ids.filtered(
            lambda line: line.target == target and (not sla or line.sla_id == sla)
        )
        self.assertEqual(len(lines), 1, f"one {target} line expected")
        return lines


class SlaCase(SlaMixin, HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla()


class SlaMailCase(SlaMixin, HelpdeskMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_sla()
