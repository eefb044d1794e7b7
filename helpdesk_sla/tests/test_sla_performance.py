# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import MONDAY_10, SlaCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestSlaPerformance(SlaCase):
    """Neither the bulk creation nor the cron issue queries per ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_sla(first_response_hours=1.0, resolution_hours=4.0)

    def _bulk_create(self, count):
        Ticket = self.env["helpdesk.ticket"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        return lambda: Ticket.create(
            [
                {
                    "name": f"Bulk {index}",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "priority": str(index % 4),
                }
                for index in range(count)
            ]
        )

    def _cron_queries(self, count, when):
        with self._now(when):
            self._bulk_create(count)()
        with self._now(when + timedelta(hours=2)):
            queries = self._count_queries(self.Status._cron_check_sla)
            self.assertEqual(self.Status._cron_check_sla(), 0)
        return queries

    def test_create_query_count(self):
        with self._now(MONDAY_10):
            self._bulk_create(2)()
            small = self._count_queries(self._bulk_create(10))
            large = self._count_queries(self._bulk_create(200))
        _logger.info("SLA create: 10 tickets %s queries, 200: %s", small, large)
        # Odoo inserts and updates rows by batches of 100 (INSERT_BATCH_SIZE):
        # 200 tickets, their followers and 400 lines cost a few more statements
        # than 10 tickets; a query per ticket would cost 190 more
        self.assertLessEqual((large - small) / 190, 0.1)

    def test_single_create_query_count(self):
        """Creating one ticket on a team with policies (filters on every
        criterion, pause stages, a customer calendar) costs a few queries more
        than on a team without policy: the policies, their filters and the
        calendars are read once per call, not per policy or per target."""
        tag = self.env["helpdesk.tag"].create({"name": "T Hardware"})
        ticket_type = self.env["helpdesk.ticket.type"].create({"name": "T Incident"})
        severities = self.env["helpdesk.sla.severity"].search([])
        for index in range(3):
            self._create_sla(
                name=f"T Filtered {index}",
                priority_ids=[Command.set(self._priorities("0", "1", "2").ids)],
                severity_ids=[Command.set(severities.ids)],
                ticket_type_ids=[Command.set(ticket_type.ids)],
                tag_ids=[Command.set(tag.ids)],
                partner_ids=[Command.set(self.customer.ids)],
                pause_stage_ids=[Command.set(self.stage_waiting.ids)],
                first_response_hours=1.0 + index,
                next_response_hours=2.0,
                resolution_hours=8.0 + index,
            )
        self._create_sla(name="T Domain", domain="[('name', 'ilike', 'single')]")
        bare_team = self.env["helpdesk.team"].create(
            {
                "name": "T No SLA",
                "stage_ids": [Command.set(self.stages.ids)],
                "resource_calendar_id": self.calendar.id,
            }
        )
        Ticket = self.env["helpdesk.ticket"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )

        def create_one(team):
            return lambda: Ticket.create(
                {
                    "name": "A single ticket",
                    "team_id": team.id,
                    "partner_id": self.customer.id,
                    "priority": "1",
                    "severity": "major",
                    "ticket_type_id": ticket_type.id,
                    "tag_ids": [Command.set(tag.ids)],
                }
            )

        with self._now(MONDAY_10):
            create_one(self.team)()  # warm caches
            create_one(bare_team)()
            with_sla = self._count_queries(create_one(self.team))
            without_sla = self._count_queries(create_one(bare_team))
        ticket = Ticket.search([("team_id", "=", self.team.id)], limit=1)
        # 5 policies match: 5 first responses and 5 resolutions, no next response
        self.assertEqual(len(ticket.sla_status_ids), 10)
        _logger.info(
            "single create: %s queries with SLA, %s without", with_sla, without_sla
        )
        # the policies, their criteria, the lines (3); the calendar's working
        # time comes from the registry cache: was 16 with a read per criterion,
        # 8 with a read of the calendar per call
        self.assertLessEqual(with_sla - without_sla, 4)

    def test_bulk_close_query_count(self):
        """Closing tickets in bulk reaches their lines in a constant number of
        queries: the working hours of all lines are computed at once."""

        def close(count):
            with self._now(MONDAY_10):
                tickets = self._bulk_create(count)()
            with self._now(MONDAY_10 + timedelta(hours=1)):
                return self._count_queries(
                    lambda: tickets.write({"stage_id": self.stage_done.id})
                )

        close(2)  # warm caches
        # 25 and 50 tickets: 50 and 100 lines, one batch of rows for the ORM
        small, large = close(25), close(50)
        _logger.info("SLA bulk close: 25 tickets %s queries, 50: %s", small, large)
        self.assertEqual(small, large)
        resolutions = self.Status.search(
            [
                ("ticket_id.stage_id", "=", self.stage_done.id),
                ("target", "=", "resolution"),
            ]
        )
        self.assertEqual(len(resolutions), 2 + 25 + 50)
        self.assertEqual(set(resolutions.mapped("status")), {"reached"})
        self.assertEqual(set(resolutions.mapped("consumed_hours")), {1.0})

    def test_cron_query_count(self):
        self._cron_queries(5, MONDAY_10)  # warm caches
        small = self._cron_queries(100, MONDAY_10 + timedelta(days=1))
        large = self._cron_queries(1000, MONDAY_10 + timedelta(days=2))
        _logger.info("SLA cron: 100 tickets %s queries, 1000: %s", small, large)
        failed = self.Status.search_count([("status", "=", "failed")])
        # 1105 first responses, and the resolutions of the first two batches
        # (at risk at +2h, failed by the next day's run)
        self.assertEqual(failed, 1105 + 105)
        self.assertLessEqual(large, 8)
        self.assertEqual(large, small)
