# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo.fields import Command
from odoo.tests import tagged

from .common import HelpdeskCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPerformance(HelpdeskCase):
    """Query counts must not grow with the number of tickets."""

    def _create_batch(self, count, **context):
        tags = self.env["helpdesk.tag"].search([], limit=2)
        Ticket = (
            self.env["helpdesk.ticket"].with_user(self.agent).with_context(**context)
        )
        return lambda: Ticket.create(
            [
                {
                    "name": f"Batch {index}",
                    "team_id": self.team.id,
                    "partner_id": self.customer.id,
                    "tag_ids": [Command.set(tags.ids)],
                    "priority": str(index % 4),
                }
                for index in range(count)
            ]
        )

    def test_create_100_tickets_query_count(self):
        """Bulk creation (imports, integrations: mail logging off) costs a constant
        number of queries: references, assignment, followers are all batched."""
        self.team.assign_method = "balanced"
        bulk = {"tracking_disable": True, "mail_create_nolog": True}
        self._create_batch(2, **bulk)()  # warm caches
        small = self._count_queries(self._create_batch(10, **bulk))
        large = self._count_queries(self._create_batch(100, **bulk))
        _logger.info(
            "create: 10 tickets %s queries, 100 tickets %s queries", small, large
        )
        # 4 of them look for possible duplicates and outages of the whole batch
        self.assertLessEqual(large, 30)
        self.assertLessEqual(
            large, small, "the query count grows with the number of tickets"
        )

    def test_create_with_notifications_query_count(self):
        """With mail on (creation message, creator and customer following,
        tracking, stage e-mail job), a batch still costs a constant number of
        queries, but for Odoo's own auto-subscription check of each ticket's
        team (one query per ticket). Unassigned tickets: Odoo's mail tells each
        assignee of each ticket on its own, an e-mail per ticket."""
        self.team.assign_method = "manual"
        self.stage_new.template_id = self.env.ref(
            "helpdesk_base.mail_template_ticket_received"
        )

        def create(count):
            def run():
                self._create_batch(count)()
                self.env.flush_all()
                self.env.cr.precommit.run()  # tracking, stage e-mail jobs

            return run

        create(2)()
        small = self._count_queries(create(10))
        large = self._count_queries(create(100))
        per_ticket = (large - small) / 90
        _logger.info(
            "create with mail: 10 tickets %s, 100 tickets %s queries (%.1f per ticket)",
            small,
            large,
            per_ticket,
        )
        # measured 1.0: Odoo's _message_auto_subscribe reads the followers of
        # each new ticket's team; 15.5 when each ticket was posted on its own
        self.assertLessEqual(large - small, 90 + 5)
        self.assertLessEqual(small, 45)

    def test_dashboard_query_count(self):
        teams = self.team | self.env["helpdesk.team"].create(
            [
                {"name": f"Team {i}", "member_ids": [Command.set(self.agent.ids)]}
                for i in range(4)
            ]
        )
        for team in teams:
            self._create_tickets(5, team_id=team.id, priority="3")
        self._create_tickets(50, user_id=self.agent.id)

        # every counter of the cards, whatever the addons add to them
        counters = [
            name
            for name, field in teams._fields.items()
            if field.compute == "_compute_dashboard_counts"
        ]
        self.assertIn("needs_reply_count", counters)

        def read_dashboard():
            teams.with_user(self.agent).read(counters)

        read_dashboard()  # warm the registry caches (access rules, groups)
        queries_before = self._count_queries(read_dashboard)
        self._create_tickets(100, user_id=self.agent2.id)
        more_teams = teams | self.env["helpdesk.team"].create(
            [{"name": f"More {i}"} for i in range(3)]
        )
        queries_after = self._count_queries(
            lambda: more_teams.with_user(self.agent).read(counters)
        )
        # the teams, open tickets, the week's averages (2), the month's ratings,
        # today's answers, the agent's partner; helpdesk_sla: failed or at risk,
        # the agent's targets
        self.assertLessEqual(queries_after, 10)
        self.assertEqual(queries_before, queries_after)
        counts = (
            teams[0]
            .with_user(self.agent)
            .read(
                [
                    "open_ticket_count",
                    "unassigned_ticket_count",
                    "urgent_ticket_count",
                    "my_ticket_count",
                ]
            )[0]
        )
        self.assertEqual(counts["open_ticket_count"], 155)
        self.assertEqual(counts["my_ticket_count"], 50)
        self.assertEqual(counts["urgent_ticket_count"], 5)
        self.assertEqual(counts["unassigned_ticket_count"], 5)
