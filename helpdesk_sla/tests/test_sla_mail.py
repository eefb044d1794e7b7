# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.tests import tagged

from .common import MONDAY_10, SlaMailCase


@tagged("post_install", "-at_install")
class TestSlaMail(SlaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sla = cls._create_sla(
            first_response_hours=2.0, next_response_hours=1.0, resolution_hours=8.0
        )

    def _post(self, ticket, user, body, note=False):
        return ticket.with_user(user).message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note" if note else "mail.mt_comment",
        )

    def test_first_and_next_response(self):
        with self._now(MONDAY_10):
            self._process(self._raw_mail(subject="Broken screen"))
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Broken screen")])
        self.assertEqual(ticket.partner_id, self.customer)
        first = self._line(ticket, "first_response")
        self.assertEqual(first.deadline, MONDAY_10 + timedelta(hours=2))
        self.assertNotIn("next_response", ticket.sla_status_ids.mapped("target"))
        with self._now(MONDAY_10 + timedelta(minutes=30)):
            self._post(ticket, self.agent, "Looks like the cable", note=True)
        self.assertEqual(first.status, "ongoing", "internal notes do not count")
        self.assertFalse(ticket.date_first_response)
        with self._now(MONDAY_10 + timedelta(hours=1)):
            reply = self._post(ticket, self.agent, "Please try another cable")
        self.assertEqual(first.status, "reached")
        self.assertEqual(first.reached_date, MONDAY_10 + timedelta(hours=1))
        self.assertEqual(ticket.date_first_response, MONDAY_10 + timedelta(hours=1))
        self.assertAlmostEqual(first.consumed_hours, 1.0)

        # the customer answers by e-mail: a next-response window opens
        answer = MONDAY_10 + timedelta(hours=2)
        with self._now(answer):
            self._process(
                self._raw_mail(
                    subject="Re: Broken screen",
                    body="Still broken",
                    in_reply_to=reply.message_id,
                )
            )
        self.assertEqual(ticket.message_ids[0].author_id, self.customer)
        following = self._line(ticket, "next_response")
        self.assertEqual(following.status, "ongoing")
        self.assertEqual(following.deadline, answer + timedelta(hours=1))
        self.assertEqual(ticket.sla_deadline, answer + timedelta(hours=1))
        with self._now(answer + timedelta(minutes=20)):
            self._post(ticket, self.agent2, "Escalating internally", note=True)
        self.assertEqual(following.status, "ongoing")
        with self._now(answer + timedelta(minutes=40)):
            self._post(ticket, self.agent2, "A technician comes tomorrow")
        self.assertEqual(following.status, "reached")
        self.assertEqual(first.reached_date, MONDAY_10 + timedelta(hours=1))

        # a customer message in the chatter opens the next window on the same line
        later = answer + timedelta(hours=2)
        with self._now(later):
            ticket.message_post(
                body="Thanks, which time?",
                author_id=self.customer.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(self._line(ticket, "next_response"), following)
        self.assertEqual(following.status, "ongoing")
        self.assertFalse(following.reached_date)
        self.assertEqual(following.deadline, later + timedelta(hours=1))
        # the customer writing again does not move the running window
        with self._now(later + timedelta(minutes=10)):
            ticket.message_post(
                body="Hello?",
                author_id=self.customer.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(following.deadline, later + timedelta(hours=1))

    def test_customer_message_before_first_response(self):
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1)
            ticket.message_post(
                body="Any news?",
                author_id=self.customer.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(
            ticket.sla_status_ids.mapped("target"),
            ["first_response", "resolution"],
        )
