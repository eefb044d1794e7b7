# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

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
