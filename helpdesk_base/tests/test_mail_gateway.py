# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HelpdeskMailCase


@tagged("post_install", "-at_install")
class TestMailGateway(HelpdeskMailCase):
    def _tickets(self):
        return self.env["helpdesk.ticket"].search([("team_id", "=", self.team.id)])

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_new_ticket_from_mail(self):
        self._process(
            self._raw_mail(subject="Принтер не печатает", body="Совсем не печатает")
        )
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Принтер не печатает")
        self.assertIn("Совсем не печатает", str(ticket.description))
        self.assertEqual(ticket.partner_id, self.customer, "known sender is recognised")
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertIn(self.customer, ticket.message_partner_ids)
        self.assertEqual(ticket.message_ids[-1].author_id, self.customer)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_unknown_sender_creates_partner(self):
        self._process(self._raw_mail(email_from="Олена Коваль <olena@example.ua>"))
        ticket = self._tickets()
        self.assertEqual(ticket.partner_id.email_normalized, "olena@example.ua")
        self.assertEqual(ticket.partner_id.name, "Олена Коваль")
        self.assertEqual(ticket.partner_email, "olena@example.ua")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_reply_threads_into_ticket(self):
        first_id = "<first-message@customer.example.com>"
        self._process(self._raw_mail(msg_id=first_id))
        ticket = self._tickets()
        self._process(
            self._raw_mail(
                subject="Re: Printer is broken", body="Any news?", in_reply_to=first_id
            )
        )
        self.assertEqual(self._tickets(), ticket, "the reply created no new ticket")
        self.assertIn("Any news?", ticket.message_ids[0].body)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_cc_subscribed(self):
        self._process(
            self._raw_mail(cc="Boss <boss@example.com>, colleague@example.com")
        )
        ticket = self._tickets()
        followers = ticket.message_partner_ids.mapped("email_normalized")
        self.assertIn("boss@example.com", followers)
        self.assertIn("colleague@example.com", followers)
        self.assertIn("boss@example.com", ticket.email_cc)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_auto_reply_creates_no_ticket(self):
        for header in (
            "Auto-Submitted: auto-replied",
            "X-Auto-Response-Suppress: All",
            "Precedence: auto_reply",
        ):
            with self.subTest(header=header):
                self._process(
                    self._raw_mail(subject="Out of office", extra_headers=header)
                )
                self.assertFalse(self._tickets())

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_auto_submitted_no_is_a_person(self):
        self._process(self._raw_mail(extra_headers="Auto-Submitted: no"))
        self.assertEqual(len(self._tickets()), 1)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_malformed_mail_does_not_crash(self):
        raw = (
            "From: \r\nTo: support@helpdesk.example.com\r\n"
            "Content-Type: text/plain; charset=unknown-8bit-charset\r\n\r\n"
            "\xff\xfe garbage \x00"
        )
        self._process(raw)
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "(no subject)")
        self.assertFalse(ticket.partner_id)
