# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import tagged

from .common import HelpdeskCase

_logger = logging.getLogger(__name__)

# Monday 23 November 2026, 10:00 in Kyiv (UTC+2 in winter)
MONDAY_10 = datetime(2026, 11, 23, 8, 0)
# creation times: Monday 10:00, Friday 16:00 before, Saturday before, Monday 16:30
CREATED = [
    MONDAY_10,
    MONDAY_10 - timedelta(days=3, hours=-6),
    MONDAY_10 - timedelta(days=2),
    MONDAY_10 + timedelta(hours=6, minutes=30),
]
# Tuesday 24 November, 12:00 in Kyiv
DONE = datetime(2026, 11, 24, 10, 0)


@tagged("post_install", "-at_install")
class TestBulkPerformance(HelpdeskCase):
    """Bulk close and bulk assignment compute the working hours of the whole
    batch at once: their query count does not grow with the number of tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls._create_office_calendar()
        cls.team.resource_calendar_id = cls.calendar
        # no calendar of its own: the company's working hours count
        cls.team_company_hours = cls.env["helpdesk.team"].create(
            {
                "name": "T Company hours",
                "member_ids": [Command.set((cls.agent | cls.agent2).ids)],
                "stage_ids": [Command.set(cls.stages.ids)],
                "resource_calendar_id": False,
            }
        )

    def _tickets(self, count, team=None):
        """``count`` tickets created at the times of ``CREATED`` in turn."""
        Ticket = self.env["helpdesk.ticket"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        tickets = Ticket.browse()
        for index, when in enumerate(CREATED):
            with self._now(when):
                tickets |= Ticket.create(
                    [
                        {
                            "name": f"Bulk {index}-{number}",
                            "team_id": (team or self.team).id,
                            "partner_id": self.customer.id,
                            "stage_id": self.stage_new.id,
                        }
                        for number in range(index, count, len(CREATED))
                    ]
                )
        return tickets

    def _expected_hours(self, tickets, end):
        """The ticket-by-ticket computation of Odoo's calendar API."""
        expected = {}
        for ticket in tickets:
            calendar = (
                ticket.team_id.resource_calendar_id
                or ticket.company_id.resource_calendar_id
            )
            expected[ticket] = calendar.get_work_duration_data(
                ticket.create_date, end, compute_leaves=True
            )["hours"]
        return expected

    def _bulk_queries(self, vals, *counts):
        """Queries of writing ``vals`` on batches of ``counts`` tickets at ``DONE``."""
        queries = []
        with self._now(DONE):
            self._tickets(2).write(vals)  # warm caches
            for count in counts:
                tickets = self._tickets(count)
                queries.append(self._count_queries(lambda t=tickets: t.write(vals)))
        return queries

    def test_bulk_close_query_count(self):
        small, large = self._bulk_queries({"stage_id": self.stage_done.id}, 10, 100)
        _logger.info("bulk close: 10 tickets %s queries, 100: %s", small, large)
        self.assertEqual(small, large, "the query count grows with the tickets")

    def test_bulk_assign_query_count(self):
        small, large = self._bulk_queries({"user_id": self.agent.id}, 10, 100)
        _logger.info("bulk assign: 10 tickets %s queries, 100: %s", small, large)
        self.assertEqual(small, large, "the query count grows with the tickets")

    def test_bulk_hours(self):
        """The hours of a batch are those of the calendar, ticket by ticket; the
        team's calendar first, else the company's."""
        tickets = self._tickets(8) | self._tickets(4, team=self.team_company_hours)
        expected = self._expected_hours(tickets, DONE)
        # Monday 10:00 -> Tuesday 12:00 Kyiv: 7 + 3 working hours
        self.assertAlmostEqual(expected[tickets[0]], 10.0)
        with self._now(DONE):
            tickets.write({"user_id": self.agent.id})
            tickets.write({"stage_id": self.stage_done.id})
        for ticket in tickets:
            self.assertAlmostEqual(ticket.assign_hours, expected[ticket], 6)
            self.assertAlmostEqual(ticket.close_hours, expected[ticket], 6)
            self.assertEqual(ticket.date_closed, DONE)
            self.assertEqual(ticket.date_assigned, DONE)
        # reopened: the closing hours go, and come back on the next closing
        later = DONE + timedelta(hours=1)
        with self._now(later):
            tickets.write({"stage_id": self.stage_progress.id})
            self.assertFalse(any(tickets.mapped("close_hours")))
            self.assertFalse(any(tickets.mapped("date_closed")))
            tickets.write({"stage_id": self.stage_done.id})
        expected_later = self._expected_hours(tickets, later)
        for ticket in tickets:
            self.assertAlmostEqual(ticket.close_hours, expected_later[ticket], 6)
            # the first assignment's hours stay
            self.assertAlmostEqual(ticket.assign_hours, expected[ticket], 6)

    def _tracked_close_queries(self, count):
        """Queries of closing ``count`` tickets, the tracking messages posted at
        commit included."""
        tickets = self._create_tickets(count)
        self._flush_tracking()

        def close():
            tickets.write({"stage_id": self.stage_done.id})
            self.env.flush_all()
            self.env.cr.precommit.run()

        return self._count_queries(close)

    def test_bulk_close_with_tracking_query_count(self):
        """With the chatter on, closing costs one query per ticket on top of a
        constant: Odoo's tracking checks the message subtype of each ticket; the
        messages and their tracking values are written in one batch."""
        self._tracked_close_queries(2)
        small = self._tracked_close_queries(10)
        large = self._tracked_close_queries(100)
        _logger.info("tracked bulk close: 10 tickets %s queries, 100: %s", small, large)
        self.assertLessEqual(large - small, 90 + 5)

    def test_batched_tracking_messages(self):
        """The batched tracking messages are Odoo's: subtype, author, old and new
        stage; a follower of the team's stage changes is still notified."""
        team_follower = self.agent2.partner_id
        self.team.message_subscribe(
            partner_ids=team_follower.ids,
            subtype_ids=self.env.ref("helpdesk_base.mt_team_ticket_stage").ids,
        )
        followed = self._create_tickets(1)
        self.team.message_unsubscribe(partner_ids=team_follower.ids)
        quiet = self._create_tickets(2)
        self._flush_tracking()
        (followed | quiet).with_user(self.agent).write(
            {"stage_id": self.stage_progress.id}
        )
        self._flush_tracking()
        stage_subtype = self.env.ref("helpdesk_base.mt_ticket_stage")
        for ticket in followed | quiet:
            message = ticket.message_ids.filtered(
                lambda m: m.subtype_id == stage_subtype
            )
            self.assertEqual(len(message), 1)
            self.assertEqual(message.author_id, self.agent.partner_id)
            self.assertEqual(message.message_type, "notification")
            tracking = message.tracking_value_ids
            self.assertEqual(len(tracking), 1)
            self.assertEqual(tracking.old_value_char, self.stage_new.name)
            self.assertEqual(tracking.new_value_char, self.stage_progress.name)
            notified = message.notification_ids.res_partner_id
            if ticket == followed:
                self.assertEqual(notified, team_follower)
            else:
                self.assertFalse(notified)
