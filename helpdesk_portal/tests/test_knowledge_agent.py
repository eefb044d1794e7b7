# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_knowledge_base import KnowledgeBaseCase


class KnowledgeAgentCase(KnowledgeBaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.public.with_context(lang="ru_RU").write(
            {"name": "Замятие бумаги", "body": "<p>Откройте лоток</p>"}
        )
        cls.alice.lang = "ru_RU"
        cls.jam_ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Paper jam again",
                "description": "<p>The tray is stuck</p>",
                "team_id": cls.team.id,
                "partner_id": cls.alice.id,
            }
        )


@tagged("post_install", "-at_install")
class TestKnowledgeAgent(KnowledgeAgentCase):
    def test_matching_articles_on_the_ticket(self):
        ticket = self.jam_ticket.with_user(self.agent)
        self.assertIn(self.public, ticket.article_suggestion_ids)
        self.assertNotIn(self.draft, ticket.article_suggestion_ids, "drafts not")
        found = (
            self.env["helpdesk.article"]
            .with_user(self.agent)
            .search([("matches_ticket_id", "in", [ticket.id])])
        )
        self.assertEqual(found, ticket.article_suggestion_ids)
        other = self.env["helpdesk.team"].create({"name": "Scanners"})
        self.public.team_ids = other
        ticket.invalidate_recordset(["article_suggestion_ids"])
        self.assertNotIn(self.public, ticket.article_suggestion_ids, "another team's")

    def test_link_and_text_in_the_customer_language(self):
        ticket = self.jam_ticket.with_user(self.agent)
        link = ticket.get_article_reply_text(self.public.id, "link")
        self.assertIn("Замятие бумаги", link)
        self.assertIn(f"/ru/help/article/{self.public.id}", link)
        text = ticket.get_article_reply_text(self.public.id, "text")
        self.assertIn("Откройте лоток", text)
        self.alice.lang = "en_US"
        link = ticket.get_article_reply_text(self.public.id, "link")
        self.assertIn("Clear a paper jam: http", link)
        self.assertNotIn("/ru/", link)
        # the customer cannot open an internal article: its text only
        with self.assertRaisesRegex(UserError, "Insert its text"):
            ticket.get_article_reply_text(self.internal.id, "link")
        self.assertIn(
            "Reset the service counter",
            ticket.get_article_reply_text(self.internal.id, "text"),
        )
        with self.assertRaises(UserError):
            ticket.get_article_reply_text(999999, "text")

    def test_customer_gets_no_article_text(self):
        with self.assertRaises(AccessError):
            self.jam_ticket.with_user(self.portal_user).get_article_reply_text(
                self.internal.id, "text"
            )

    def test_create_article_from_a_message(self):
        message = self.jam_ticket.message_post(
            body="<p>Open the back cover and pull the sheet out.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        ticket = self.jam_ticket.with_user(self.agent)
        action = ticket.action_create_article_from_message(message.id)
        article = self.env["helpdesk.article"].browse(action["res_id"])
        self.assertEqual(article.name, "Paper jam again")
        self.assertIn("pull the sheet out", article.body)
        self.assertFalse(article.is_published, "a manager publishes it")
        self.assertEqual(article.visibility, "internal")
        self.assertEqual(article.team_ids, self.team)
        self.assertEqual(article.author_id, self.agent)
        self.assertIn(self.jam_ticket.ticket_ref, article.message_ids[0].body)
        other = self.ticket.message_post(body="<p>Elsewhere</p>")
        with self.assertRaises(UserError):
            ticket.action_create_article_from_message(other.id)
        with self.assertRaises(AccessError):
            self.jam_ticket.with_user(
                self.portal_user
            ).action_create_article_from_message(message.id)


@tagged("post_install", "-at_install")
class TestKnowledgeAgentTour(HttpCase, KnowledgeAgentCase):
    def test_agent_inserts_article_and_drafts_one(self):
        self.agent.lang = "en_US"
        self.start_tour(
            f"/odoo/helpdesk.ticket/{self.jam_ticket.id}",
            "helpdesk_portal_agent_knowledge_tour",
            login=self.agent.login,
        )
        reply = self.jam_ticket.message_ids.filtered(
            lambda m: "/help/article/" in (m.body or "")
        )
        self.assertEqual(len(reply), 1, "the link was sent")
        self.assertIn("Замятие бумаги", reply.body, "in the customer's language")
        draft = self.env["helpdesk.article"].search([("name", "=", "Paper jam again")])
        self.assertEqual(len(draft), 1, "drafted from the reply")
        self.assertFalse(draft.is_published)


@tagged("post_install", "-at_install")
class TestKnowledgeAgentRules(KnowledgeAgentCase):
    def test_link_to_customer_articles_needs_an_account(self):
        ticket = self.jam_ticket.with_user(self.agent)
        self.assertIn(
            "/help/article/", ticket.get_article_reply_text(self.portal_only.id)
        )
        ticket.partner_id = self.env["res.partner"].create({"name": "No account"})
        with self.assertRaisesRegex(UserError, "Insert its text"):
            ticket.get_article_reply_text(self.portal_only.id, "link")
        self.assertIn(
            "/help/article/", ticket.get_article_reply_text(self.public.id, "link")
        )
        with self.assertRaises(UserError):
            ticket.get_article_reply_text(self.public.id, "html")

    def test_only_conversation_messages_make_articles(self):
        note = self.jam_ticket.message_ids.filtered(
            lambda m: m.message_type == "notification"
        )[:1] or self.jam_ticket._message_log(body="Stage changed")
        with self.assertRaises(UserError):
            self.jam_ticket.with_user(self.agent).action_create_article_from_message(
                note.id
            )

    def test_matching_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("uk_UA")
        self.public.with_context(lang="uk_UA").write(
            {"name": "Застрягання паперу", "body": "<p>Відкрийте лоток</p>"}
        )
        self.alice.lang = "uk_UA"
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Застрягання паперу в лотку",
                "team_id": self.team.id,
                "partner_id": self.alice.id,
            }
        )
        agent_ticket = ticket.with_user(self.agent).with_context(lang="ru_RU")
        self.assertIn(self.public, agent_ticket.article_suggestion_ids)


@tagged("post_install", "-at_install")
class TestKnowledgeLinks(HttpCase, KnowledgeAgentCase):
    def test_visitor_signs_in_for_a_customer_article(self):
        response = self.url_open(
            f"/help/article/{self.portal_only.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login?redirect=", response.headers["Location"])
        for article in (self.internal, self.draft):
            self.assertEqual(
                self.url_open(f"/help/article/{article.id}").status_code, 404
            )
