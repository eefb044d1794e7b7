# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
