# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import HelpdeskPortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(HttpCase, HelpdeskPortalCase):
    def test_customer_creates_replies_closes_rates(self):
        self.other_team.use_portal_submission = False
        self.start_tour(
            "/my/tickets", "helpdesk_portal_customer_tour", login="hd_portal_alice"
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour: the printer is on fire")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.alice)
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertIn("smoke.txt", ticket.message_ids.attachment_ids.mapped("name"))
        self.assertIn(
            "It is getting worse.", "".join(ticket.message_ids.mapped("body"))
        )
        rating = ticket.rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.feedback, "Quick and kind")

    def test_public_visitor_submits_form(self):
        self.start_tour(f"/helpdesk/{self.team.id}", "helpdesk_portal_public_form_tour")
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour: where is my order?")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.partner_id.email, "vera@visitor.example.com")

    def test_customer_reply_brings_waiting_ticket_back(self):
        waiting = self.Stage.create({"name": "T Waiting", "sequence": 2})
        self.team.write(
            {
                "stage_ids": [Command.link(waiting.id)],
                "waiting_stage_ids": [Command.set(waiting.ids)],
                "customer_reply_stage_id": self.stage_progress.id,
            }
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Which model is it?",
                "team_id": self.team.id,
                "partner_id": self.alice.id,
                "stage_id": waiting.id,
            }
        )
        self.start_tour(
            "/my/tickets", "helpdesk_portal_waiting_reply_tour", login="hd_portal_alice"
        )
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertTrue(ticket.needs_reply)


@tagged("post_install", "-at_install")
class TestPortalMobileTours(HttpCase, HelpdeskPortalCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_mobile_ticket_list(self):
        template = self.env["mail.template"].create(
            {
                "name": "T Received",
                "model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "Received {{ object.ticket_ref }}",
                "body_html": "<p>We got your request</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self.stage_progress.template_id = template
        self.ticket.stage_id = self.stage_progress
        self._flush_tracking()
        self.start_tour(
            "/my/tickets", "helpdesk_portal_mobile_list_tour", login="hd_portal_alice"
        )
        self.assertFalse(self.ticket.is_closed, "the closing was cancelled")
