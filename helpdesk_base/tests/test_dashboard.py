# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from odoo.tests import tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestDashboard(HelpdeskCase):
    """The team cards' counters and what they open."""

    def test_counters(self):
        Ticket = self.env["helpdesk.ticket"]
        urgent = self._create_tickets(2, priority="3")
        mine = self._create_tickets(3, user_id=self.agent.id)
        waiting = self._create_tickets(1)
        waiting.message_post(
            body="Any news?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.customer.id,
        )
        mine[0].with_user(self.agent).message_post(
            body="On it", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        closed = self._create_tickets(1)
        closed.stage_id = self.stage_done
        closed.close_hours = 6.0
        # a rating of the team, happy, on a ticket of the agent
        closed.user_id = self.agent
        rating_ticket = closed.with_user(self.agent)
        token = closed._rating_get_access_token()
        closed.rating_apply(5, token=token, feedback="Great")
        team = self.team.with_user(self.agent)
        self.assertEqual(team.open_ticket_count, 6)
        self.assertEqual(team.unassigned_ticket_count, 3)
        self.assertEqual(team.urgent_ticket_count, 2)
        self.assertEqual(team.my_ticket_count, 3)
        self.assertEqual(team.needs_reply_count, 1)
        self.assertAlmostEqual(team.avg_close_hours, 6.0)
        self.assertEqual(team.my_answered_today_count, 1)
        self.assertEqual(team.rating_count, 1)
        self.assertEqual(team.rating_satisfaction, 100.0)
        self.assertEqual(team.my_rating_count, 1)
        self.assertTrue(mine[0].date_first_response)
        self.assertEqual(len(Ticket.search([("needs_reply", "=", True)])), 1)
        self.assertTrue(urgent and rating_ticket)

    def test_counters_open_lists_with_removable_facets(self):
        action = self.team.action_view_urgent_tickets()
        self.assertFalse(action["domain"], "no hidden domain: facets only")
        self.assertEqual(action["name"], "T Support: urgent")
        self.assertEqual(action["display_name"], "T Support: urgent", "breadcrumb")
        context = action["context"]
        self.assertEqual(context["search_default_team_id"], self.team.id)
        self.assertEqual(context["search_default_filter_urgent"], 1)
        self.assertEqual(context["search_default_filter_open"], 1)
        view = self.env["ir.ui.view"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(
                "helpdesk_base.helpdesk_ticket_view_search"
            )
        )
        arch = self.env["helpdesk.ticket"].get_views([(view.id, "search")])["views"][
            "search"
        ]["arch"]
        for action in (
            self.team.action_view_open_tickets(),
            self.team.action_view_unassigned_tickets(),
            self.team.action_view_urgent_tickets(),
            self.team.action_view_my_tickets(),
            self.team.action_view_needs_reply_tickets(),
        ):
            for key in action["context"]:
                if key.startswith("search_default_filter_"):
                    name = key[len("search_default_") :]
                    self.assertIn(f'name="{name}"', arch, f"{name} is a filter")

    def test_alias_warning(self):
        team = self.env["helpdesk.team"].create({"name": "No alias"})
        self.assertIn("No e-mail alias", team.alias_warning)
        domain = self.env["mail.alias.domain"].create({"name": "hd.example.com"})
        team.write({"alias_name": "noalias", "alias_domain_id": False})
        self.assertIn("No alias domain", team.alias_warning)
        team.alias_domain_id = domain
        self.assertFalse(team.alias_warning)

    def test_first_response_hours(self):
        calendar = self._create_office_calendar()
        self.team.resource_calendar_id = calendar
        monday_10 = datetime(2026, 11, 23, 8, 0)
        with self._now(monday_10):
            ticket = self._create_tickets(1)
        with self._now(monday_10 + timedelta(hours=26)):  # Tuesday 12:00
            ticket.with_user(self.agent).message_post(
                body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(ticket.date_first_response, monday_10 + timedelta(hours=26))
        self.assertAlmostEqual(ticket.first_response_hours, 10.0)

    def test_backfill_first_response(self):
        """Tickets answered before the base recorded first responses get them
        from their messages (migration)."""
        ticket = self._create_tickets(1)
        ticket.with_user(self.agent).message_post(
            body="Note", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(ticket.date_first_response, "a note is no answer")
        ticket.with_user(self.agent).message_post(
            body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        answered_on = ticket.date_first_response
        self.assertTrue(answered_on)
        ticket.date_first_response = False
        self.env["helpdesk.ticket"]._backfill_first_response()
        self.assertAlmostEqual(
            ticket.date_first_response, answered_on, delta=timedelta(seconds=1)
        )
