# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo.fields import Command
from odoo.tests import tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestReporting(HelpdeskCase):
    """Agent performance and customer ratings, limited to the agent's teams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team = cls.env["helpdesk.team"].create(
            {
                "name": "T Other",
                "member_ids": [Command.set(cls.outsider.ids)],
                "stage_ids": [Command.set(cls.stages.ids)],
                "privacy_visibility": "invited_internal",
            }
        )

    def _close(self, tickets, hours):
        tickets.stage_id = self.stage_done
        tickets.write({"close_hours": hours})

    def _rate(self, ticket, value):
        token = ticket._rating_get_access_token()
        ticket.rating_apply(value, token=token)

    def test_agent_performance(self):
        with self._now(datetime(2026, 11, 10, 10)):
            fast = self._create_tickets(3, user_id=self.agent.id)
            slow = self._create_tickets(1, user_id=self.agent.id)
            theirs = self._create_tickets(
                2, user_id=self.outsider.id, team_id=self.other_team.id
            )
            self._close(fast, 2.0)
            self._close(slow, 20.0)
            self._close(theirs, 5.0)
            self._rate(fast[0], 5)
            self._rate(fast[1], 1)
        self.env.flush_all()
        Report = self.env["helpdesk.agent.performance"]
        rows = Report.with_user(self.agent).search([])
        self.assertEqual(rows.user_id, self.agent, "another team's agent is hidden")
        self.assertEqual(len(rows), 1, "one row per agent, team and month")
        self.assertEqual(rows.date, datetime(2026, 11, 1).date())
        self.assertEqual(rows.ticket_count, 4)
        self.assertEqual(rows.rating_count, 2)
        self.assertEqual(rows.rating_positive_count, 1)
        self.assertAlmostEqual(rows.close_hours, (3 * 2.0 + 20.0) / 4)
        self.assertAlmostEqual(rows.close_hours_median, 2.0)
        managers_view = Report.with_user(self.manager).search([])
        self.assertEqual(managers_view.user_id, self.agent | self.outsider)

    def test_ratings_limited_to_the_agents_teams(self):
        mine = self._create_tickets(1, user_id=self.agent2.id)
        theirs = self._create_tickets(
            1, user_id=self.outsider.id, team_id=self.other_team.id
        )
        self._close(mine | theirs, 1.0)
        self._rate(mine, 5)
        self._rate(theirs, 5)
        Rating = self.env["rating.rating"].with_user(self.agent)
        visible = Rating.search([("res_model", "=", "helpdesk.ticket")])
        self.assertEqual(visible.mapped("res_id"), mine.ids)
        self.assertEqual(
            self.env["rating.rating"]
            .with_user(self.manager)
            .search_count([("res_model", "=", "helpdesk.ticket")]),
            2,
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_base.helpdesk_rating_action"
        )
        self.assertIn("helpdesk.ticket", action["domain"])

    def test_solved_mail_asks_for_a_rating(self):
        template = self.env.ref("helpdesk_base.mail_template_ticket_solved")
        ticket = self._create_tickets(1)
        self.team.use_rating = True
        body = template._render_field("body_html", ticket.ids)[ticket.id]
        token = ticket.rating_ids.filtered(lambda r: not r.consumed).access_token
        self.assertTrue(token)
        self.assertIn(f"/rate/{token}/5", body)
        self.team.use_rating = False
        body = template._render_field("body_html", ticket.ids)[ticket.id]
        self.assertNotIn("/rate/", body)
