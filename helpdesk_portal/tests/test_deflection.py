# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HelpdeskPortalHttpCase
from .test_knowledge_base import KnowledgeBaseCase


@tagged("post_install", "-at_install")
class TestDeflection(HelpdeskPortalHttpCase, KnowledgeBaseCase):
    """Suggestion shown, article opened, no ticket sent: a deflected request,
    counted per team; the suggestion route is rate limited in the database."""

    def _suggest_response(self, text, **params):
        response = self.url_open(
            "/help/suggest",
            data=json.dumps({"jsonrpc": "2.0", "params": {"text": text, **params}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _suggest(self, text, **params):
        return self._suggest_response(text, **params)["result"]

    def _rows(self):
        return self.env["helpdesk.article.suggestion"].search(
            [("team_id", "=", self.team.id)]
        )

    def test_visitor_deflected_then_not(self):
        self.authenticate(None, None)
        self.assertTrue(self._suggest("paper jam", team_id=self.team.id))
        self.assertTrue(self._suggest("paper jam again", team_id=self.team.id))
        row = self._rows()
        self.assertEqual(len(row), 1, "one row per session, team and day")
        self.assertEqual(row.suggestion_count, 2)
        self.assertFalse(row.opened)
        self.assertFalse(row.partner_id)
        self.assertEqual(self.team.deflection_rate, 0.0, "shown, not opened")

        self.url_open(f"/help/article/{self.public.id}")
        row.invalidate_recordset()
        self.assertEqual(row.opened_article_id, self.public)
        self.assertEqual((row.opened, row.deflected, row.deflection_rate), (1, 1, 100))
        self.team.invalidate_recordset(["deflection_rate"])
        self.assertEqual(self.team.deflection_rate, 100.0)
        self.assertEqual(self.team.deflection_count, 1)

        # the visitor sends a request all the same: not deflected
        self._public_post(
            {
                "contact_name": "Zoe",
                "email": "zoe@example.com",
                "subject": "Paper jam still there",
            }
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Paper jam still there")]
        )
        self.assertTrue(ticket)
        row.invalidate_recordset()
        self.assertEqual(row.ticket_id, ticket)
        self.assertEqual((row.opened, row.deflected, row.deflection_rate), (1, 0, 0))
        self.team.invalidate_recordset(["deflection_rate", "deflection_count"])
        self.assertEqual(self.team.deflection_rate, 0.0)

    def test_customer_sessions_counted_apart(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self._suggest("spare tray", team_id=self.team.id)
        self.url_open(f"/help/article/{self.portal_only.id}")
        first = self._rows()
        self.assertEqual(first.partner_id, self.portal_user.partner_id)
        self.assertEqual(first.deflected, 1)
        # another browser of another customer: shown, then sends a ticket
        self.authenticate(self.stranger.login, self.stranger.login)
        self._suggest("spare tray", team_id=self.team.id)
        self._post("/my/tickets/new", {"team_id": self.team.id, "subject": "Tray"})
        rows = self._rows()
        self.assertEqual(len(rows), 2)
        second = rows - first
        self.assertTrue(second.ticket_id, "the ticket ends that session's row")
        self.assertEqual(second.deflected, 0)
        self.assertEqual(first.deflected, 1, "the other session is untouched")
        self.team.invalidate_recordset(["deflection_rate"])
        self.assertEqual(self.team.deflection_rate, 50.0)
        # the report: one query, per team
        groups = (
            self.env["helpdesk.article.suggestion"]
            .with_user(self.agent)
            ._read_group(
                [("team_id", "=", self.team.id)],
                ["team_id"],
                ["__count", "deflected:sum", "deflection_rate:avg"],
            )
        )
        self.assertEqual(groups, [(self.team, 2, 1, 50.0)])

    def test_nothing_recorded_without_suggestions(self):
        self.authenticate(None, None)
        self.assertFalse(self._suggest("weather forecast", team_id=self.team.id))
        self.assertFalse(self._suggest("service counter", team_id=self.team.id))
        self.url_open(f"/help/article/{self.public.id}")
        self.assertFalse(self._rows(), "no suggestion shown: nothing to deflect")

    def test_rows_are_not_for_customers(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self._suggest("paper jam", team_id=self.team.id)
        Suggestion = self.env["helpdesk.article.suggestion"]
        self.assertTrue(Suggestion.with_user(self.agent).search_count([]))
        with self.assertRaises(AccessError):
            Suggestion.with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self._rows().with_user(self.agent).write({"deflected": 1})

    def test_suggestions_rate_limited(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("helpdesk_portal.suggest_rate_limit", 3)
        params.set_param("helpdesk_portal.suggest_rate_limit_anonymous", 4)
        self.authenticate(self.portal_user.login, self.portal_user.login)
        for _attempt in range(3):
            self.assertIsNotNone(self._suggest("paper jam"))
        refused = self._suggest_response("paper jam")
        self.assertNotIn("result", refused)
        self.assertEqual(
            refused["error"]["data"]["name"], "werkzeug.exceptions.TooManyRequests"
        )
        # another customer is not limited by the first one
        self.authenticate(self.stranger.login, self.stranger.login)
        self.assertTrue(self._suggest("paper jam"))
        # visitors are counted per IP address, all sessions together
        for _session in range(2):
            self.authenticate(None, None)
            for _attempt in range(2):
                self.assertIsNotNone(self._suggest("paper jam"))
        self.authenticate(None, None)
        self.assertIn("error", self._suggest_response("paper jam"))
        # 0: no limit
        params.set_param("helpdesk_portal.suggest_rate_limit_anonymous", 0)
        self.assertTrue(self._suggest("paper jam"))

    def test_what_does_not_count(self):
        self.authenticate(None, None)
        # a team without a public form: no visitor fills its form
        self.other_team.use_public_form = False
        self.assertTrue(self._suggest("paper jam", team_id=self.other_team.id))
        self.assertFalse(
            self.env["helpdesk.article.suggestion"].search(
                [("team_id", "=", self.other_team.id)]
            )
        )
        self.assertTrue(self._suggest("paper jam", team_id=self.team.id))
        row = self._rows()
        # an article never suggested, a HEAD request: no opening
        other = self.public.copy({"name": "Clean the rollers", "is_published": True})
        self.url_open(f"/help/article/{other.id}")
        self.opener.head(self.base_url() + f"/help/article/{self.public.id}")
        row.invalidate_recordset()
        self.assertEqual((row.opened, row.deflected), (0, 0))
        self.url_open(f"/help/article/{self.public.id}")
        row.invalidate_recordset()
        self.assertEqual((row.opened, row.deflected), (1, 1))
        # agents trying the forms are not customers
        self.authenticate(self.agent.login, self.agent.login)
        self._suggest("paper jam", team_id=self.team.id)
        self.assertEqual(len(self._rows()), 1)

    def test_new_sessions_per_ip_capped(self):
        for _session in range(25):
            self.authenticate(None, None)
            self.assertTrue(self._suggest("paper jam", team_id=self.team.id))
        self.assertEqual(len(self._rows()), 20, "at most 20 sessions an hour")
