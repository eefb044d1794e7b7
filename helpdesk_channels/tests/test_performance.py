# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import HelpdeskChannelCase, payload

# what processing one customer's message may cost in queries (contact, ticket,
# message, followers, notifications, the event's own row)
QUERIES_PER_EVENT = 25


@tagged("post_install", "-at_install")
class TestProcessingQueries(HelpdeskChannelCase):
    def _store(self, count, start, chats=1):
        events = []
        for index in range(count):
            update = payload("telegram_text")
            update["update_id"] = start + index
            chat = 5000 + index % chats
            update["message"]["chat"]["id"] = chat
            update["message"]["from"]["id"] = chat
            update["message"]["text"] = f"Message {start + index}"
            events.append((str(start + index), update))
        self.telegram._store_events(events)

    def _queries(self, count, start, chats):
        self._store(count, start, chats)
        return self._count_queries(self._process)

    def test_processing_100_events_bounded(self):
        # 100 messages of 10 customers: 10 tickets, 90 follow-ups
        queries = self._queries(100, 1, chats=10)
        tickets = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        self.assertEqual(len(tickets), 10)
        events = self.env["helpdesk.channel.event"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        self.assertEqual(set(events.mapped("state")), {"done"})
        self.assertLessEqual(queries, 100 * QUERIES_PER_EVENT, f"{queries} queries")
        # follow-ups cost the same per event, however many there are
        few = self._queries(10, 1000, chats=10)
        many = self._queries(40, 2000, chats=10)
        self.assertLessEqual(many / 40, few / 10 + 2, f"{few} for 10, {many} for 40")
