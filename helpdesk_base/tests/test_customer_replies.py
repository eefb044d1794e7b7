# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import HelpdeskMailCase


@tagged("post_install", "-at_install")
class TestCustomerReplies(HelpdeskMailCase):
    """A customer's message brings a waiting ticket back, reopens a ticket closed
    lately, opens a follow-up of one closed long ago, and marks the ticket as
    needing a reply until the team answers publicly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_waiting = cls.Stage.create({"name": "T Waiting", "sequence": 2})
        cls.team.write(
            {
                "stage_ids": [Command.link(cls.stage_waiting.id)],
                "waiting_stage_ids": [Command.set(cls.stage_waiting.ids)],
                "customer_reply_stage_id": cls.stage_progress.id,
                "reopen_days": 7,
            }
        )
        cls.stage_new.template_id = cls.env["mail.template"].create(
            {
                "name": "T Ticket received",
                "model_id": cls.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "We received {{ object.ticket_ref }}",
                "body_html": "<p>Received</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        cls.portal_user = new_test_user(
            cls.env, "hd_portal_reply", groups="base.group_portal"
        )
        cls.portal_user.partner_id.email = "portal.reply@example.com"

    def _mail_ticket(self, msg_id):
        self._process(self._raw_mail(msg_id=msg_id))
        ticket = self.env["helpdesk.ticket"].search(
            [("team_id", "=", self.team.id)], limit=1
        )
        self._flush_tracking()
        return ticket

    def _reply(self, first_id, email_from="customer@example.com", extra=""):
        self._process(
            self._raw_mail(
                subject="Re: Printer is broken",
                body="Here is the information.",
                in_reply_to=first_id,
                email_from=email_from,
                extra_headers=extra,
            )
        )

    def _acknowledgements(self, ticket):
        return self.env["mail.message"].search_count(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("subject", "=", f"We received {ticket.ticket_ref}"),
            ]
        )

    def test_mail_ticket_needs_reply_until_agent_answers(self):
        ticket = self._mail_ticket("<first@customer.example.com>")
        self.assertTrue(ticket.needs_reply, "a new mail waits for an answer")
        self.assertTrue(ticket.date_last_customer_message)
        self.assertIn(
            ticket,
            self.env["helpdesk.ticket"].search([("needs_reply", "=", True)]),
        )
        # an internal note never counts
        ticket.with_user(self.agent).message_post(
            body="Checking", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertTrue(ticket.needs_reply)
        ticket.with_user(self.agent).message_post(
            body="Please restart it",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertFalse(ticket.needs_reply, "the team answered")
        self._reply("<first@customer.example.com>")
        self.assertTrue(ticket.needs_reply, "the customer wrote again")

    def test_customer_reply_brings_waiting_ticket_back(self):
        ticket = self._mail_ticket("<waiting@customer.example.com>")
        ticket.write({"stage_id": self.stage_waiting.id})
        ticket.with_user(self.agent).message_post(
            body="Which model?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(ticket.needs_reply)
        self._reply("<waiting@customer.example.com>")
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertTrue(ticket.needs_reply)

    def test_portal_message_brings_waiting_ticket_back(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Portal ticket",
                "team_id": self.team.id,
                "partner_id": self.portal_user.partner_id.id,
                "stage_id": self.stage_waiting.id,
            }
        )
        # what the portal chatter does: a comment by the portal user, as sudo
        ticket.with_user(self.portal_user).sudo().message_post(
            body="Still broken",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.portal_user.partner_id.id,
        )
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertTrue(ticket.needs_reply)
        # a customer's internal note (not possible from the portal) does nothing
        ticket.write({"stage_id": self.stage_waiting.id})
        ticket.sudo().message_post(
            body="note",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.portal_user.partner_id.id,
        )
        self.assertEqual(ticket.stage_id, self.stage_waiting)

    def test_agent_message_does_not_move_waiting_ticket(self):
        ticket = self._create_tickets(1, stage_id=self.stage_waiting.id)
        ticket.with_user(self.agent).message_post(
            body="Reminder", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(ticket.stage_id, self.stage_waiting)

    def test_reply_reopens_ticket_closed_lately(self):
        ticket = self._mail_ticket("<reopen@customer.example.com>")
        ticket.write({"stage_id": self.stage_done.id})
        self.assertTrue(ticket.is_closed)
        self.assertFalse(ticket.needs_reply, "a closed ticket waits for nobody")
        self._reply("<reopen@customer.example.com>")
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.date_closed)
        self.assertTrue(ticket.needs_reply)
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count([("team_id", "=", self.team.id)]),
            1,
        )

    def test_reply_after_the_window_opens_a_follow_up(self):
        ticket = self._mail_ticket("<late@customer.example.com>")
        ticket.write({"stage_id": self.stage_done.id})
        ticket.date_closed = datetime.now() - timedelta(days=8)
        self._reply("<late@customer.example.com>")
        self._flush_tracking()
        self.assertTrue(ticket.is_closed, "the old ticket stays closed")
        follow_up = self.env["helpdesk.ticket"].search(
            [("origin_ticket_id", "=", ticket.id)]
        )
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.partner_id, self.customer)
        self.assertEqual(follow_up.team_id, self.team)
        self.assertTrue(follow_up.needs_reply)
        self.assertIn("Here is the information.", follow_up.message_ids[0].body)
        self.assertEqual(
            self._acknowledgements(follow_up), 0, "no 'we received your request'"
        )
        self.assertEqual(self._acknowledgements(ticket), 1)
        self.assertTrue(
            any(follow_up.ticket_ref in (m.body or "") for m in ticket.message_ids)
        )
        self.assertTrue(
            any(ticket.ticket_ref in (m.body or "") for m in follow_up.message_ids)
        )

    def test_reply_opens_a_follow_up_when_reopening_is_off(self):
        self.team.reopen_days = 0
        ticket = self._mail_ticket("<off@customer.example.com>")
        ticket.write({"stage_id": self.stage_done.id})
        self._reply("<off@customer.example.com>")
        self.assertTrue(ticket.is_closed)
        self.assertTrue(
            self.env["helpdesk.ticket"].search([("origin_ticket_id", "=", ticket.id)])
        )

    def test_agent_or_robot_mail_on_old_closed_ticket_opens_nothing(self):
        ticket = self._mail_ticket("<robot@customer.example.com>")
        ticket.write({"stage_id": self.stage_done.id})
        ticket.date_closed = datetime.now() - timedelta(days=30)
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self._reply(
                "<robot@customer.example.com>", extra="Auto-Submitted: auto-replied"
            )
            self._reply("<robot@customer.example.com>", email_from="agent@example.com")
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("origin_ticket_id", "=", ticket.id)])
        )
        self.assertTrue(ticket.is_closed)
        self.assertFalse(ticket.needs_reply)
