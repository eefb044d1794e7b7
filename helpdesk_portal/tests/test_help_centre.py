# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.tests import HttpCase, tagged

from .test_knowledge_base import KnowledgeBaseCase


@tagged("post_install", "-at_install")
class TestHelpCentre(HttpCase, KnowledgeBaseCase):
    def test_visitor_sees_public_articles_only(self):
        home = self.url_open("/help")
        self.assertEqual(home.status_code, 200)
        self.assertIn("Clear a paper jam", home.text)
        for hidden in ("Order a spare tray", "Reset the service counter", "Firmware"):
            self.assertNotIn(hidden, home.text)
        self.assertEqual(
            self.url_open(f"/help/article/{self.public.id}").status_code, 200
        )
        for article in (self.internal, self.draft):
            self.assertEqual(
                self.url_open(f"/help/article/{article.id}").status_code,
                404,
                f"{article.name} does not exist for a visitor",
            )
        self.assertIn(
            "/web/login",
            self.url_open(f"/help/article/{self.portal_only.id}").url,
            "customers' articles: sign in first",
        )
        self.assertEqual(self.url_open("/help/article/999999").status_code, 404)
        self.assertEqual(
            self.url_open(f"/help/category/{self.jams.id}").status_code, 200
        )
        search = self.url_open("/help/search?q=tray")
        self.assertIn("Clear a paper jam", search.text, "found in the text")
        self.assertNotIn("Order a spare tray", search.text)

    def test_customer_sees_customer_articles(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self.assertEqual(
            self.url_open(f"/help/article/{self.portal_only.id}").status_code, 200
        )
        self.assertEqual(
            self.url_open(f"/help/article/{self.internal.id}").status_code, 404
        )
        self.assertIn("Order a spare tray", self.url_open("/help/search?q=spare").text)
        self.assertNotIn(
            "Reset the service counter", self.url_open("/help/search?q=counter").text
        )
        self.assertIn('href="/help"', self.url_open("/my").text, "from their account")

    def test_search_words_escaped_and_in_the_ticket_link(self):
        page = self.url_open("/help/search?q=<script>alert(1)</script>")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("<script>alert(1)</script>", page.text)
        self.assertIn("&lt;script&gt;", page.text)
        self.env["helpdesk.team"].search([]).use_public_form = False
        self.team.use_public_form = True
        page = self.url_open("/help/search?q=printer+smoke")
        self.assertIn(
            f"/helpdesk/{self.team.id}?subject=printer+smoke",
            page.text,
            "a visitor goes to the team's public form",
        )
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open("/help/search?q=printer+smoke")
        self.assertIn("/my/tickets/new?subject=printer+smoke", page.text)

    def test_views_and_one_vote_per_reader(self):
        views = self.public.view_count
        self.url_open(f"/help/article/{self.public.id}")
        self.url_open(f"/help/article/{self.public.id}")
        self.public.invalidate_recordset()
        self.assertEqual(self.public.view_count, views + 2)
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open(f"/help/article/{self.public.id}")
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        for _attempt in range(3):
            self.url_open(
                f"/help/article/{self.public.id}/vote",
                data={"helpful": "1", "csrf_token": csrf},
            )
        self.public.invalidate_recordset()
        self.assertEqual(self.public.helpful_count, 1, "counted once per reader")
        self.url_open(
            f"/help/article/{self.internal.id}/vote",
            data={"helpful": "0", "csrf_token": csrf},
        )
        self.internal.invalidate_recordset()
        self.assertEqual(
            self.internal.unhelpful_count, 0, "no vote on what one cannot read"
        )

    def test_ru_reader_searches_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.public.with_context(lang="ru_RU").write(
            {"name": "Замятие бумаги", "body": "<p>Откройте лоток</p>"}
        )
        self.portal_user.lang = "ru_RU"
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open("/help/search?q=лоток")
        self.assertIn("Замятие бумаги", page.text)
        self.assertNotIn(
            "Замятие бумаги",
            self.url_open("/help/search?q=tray").text,
            "the Russian reader searches the Russian text",
        )
        self.assertEqual(
            [a["name"] for a in self._suggest("лоток")], ["Замятие бумаги"]
        )
        self.assertEqual(
            self.url_open(f"/help/article/{self.internal.id}").status_code,
            404,
            "in any language",
        )
        # an English reader neither finds the Russian words
        self.authenticate(None, None)
        self.assertNotIn("paper jam", self.url_open("/help/search?q=лоток").text)
        self.assertFalse(self._suggest("лоток"))
        self.assertIn("Clear a paper jam", self.url_open("/help/search?q=tray").text)

    def _suggest(self, text, **params):
        response = self.url_open(
            "/help/suggest",
            data=json.dumps({"jsonrpc": "2.0", "params": {"text": text, **params}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_suggestions_while_typing(self):
        found = self._suggest("my printer has a paper jam in the tray")
        self.assertEqual([a["id"] for a in found], [self.public.id], "visitor")
        self.assertEqual(found[0]["url"], f"/help/article/{self.public.id}")
        self.assertFalse(self._suggest("ok"), "short words suggest nothing")
        self.assertFalse(self._suggest("service counter"), "internal never suggested")
        self.authenticate(self.portal_user.login, self.portal_user.login)
        found = self._suggest("spare tray jam")
        self.assertEqual(
            {a["id"] for a in found}, {self.public.id, self.portal_only.id}
        )
        other = self.env["helpdesk.team"].create({"name": "Other team"})
        self.portal_only.team_ids = other
        found = self._suggest("spare tray", team_id=self.team.id)
        self.assertEqual([a["id"] for a in found], [self.public.id], "of the team")
        self.assertTrue(self._suggest("x" * 10000 + " tray") is not None)

    def test_suggestions_on_the_ticket_form(self):
        self.internal.name = "Paper jam: reset the service counter"
        self.start_tour(
            "/my/tickets/new",
            "helpdesk_portal_suggestions_tour",
            login=self.portal_user.login,
        )
        session = self.env["helpdesk.article.suggestion"].search(
            [("partner_id", "=", self.portal_user.partner_id.id)]
        )
        self.assertEqual(len(session), 1, "suggestions shown in the browser, once")
        self.assertEqual(session.opened_article_id, self.public)
        self.assertEqual(session.deflected, 1, "opened, no ticket sent")

    def test_files_of_readable_articles_only(self):
        Attachment = self.env["ir.attachment"]

        def attach(article, name):
            return Attachment.create(
                {
                    "name": name,
                    "raw": b"%PDF-1.4 manual",
                    "res_model": "helpdesk.article",
                    "res_id": article.id,
                }
            )

        manual = attach(self.public, "manual.pdf")
        image = attach(self.public, "photo.png")
        self.public.body = f'<p>Open the tray</p><img src="/web/image/{image.id}">'
        draft_file = attach(self.draft, "secret-draft.pdf")
        internal_file = attach(self.internal, "internal.pdf")
        page = self.url_open(f"/help/article/{self.public.id}")
        self.assertIn("manual.pdf", page.text)
        self.assertNotIn("photo.png", page.text, "shown in the text, not a file")
        response = self.url_open(f"/help/article/{self.public.id}/file/{manual.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 manual")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        for article, file in (
            (self.draft, draft_file),
            (self.internal, internal_file),
            (self.public, draft_file),
            (self.public, internal_file),
        ):
            self.assertEqual(
                self.url_open(f"/help/article/{article.id}/file/{file.id}").status_code,
                404,
                f"{file.name} through {article.name}",
            )
        # nor through Odoo's own download route
        self.assertNotEqual(
            self.url_open(f"/web/content/{draft_file.id}").status_code, 200
        )

    def test_files_of_internal_notes_not_offered(self):
        note_file = self.env["ir.attachment"].create(
            {
                "name": "supplier-prices.pdf",
                "raw": b"%PDF secret",
                "res_model": "helpdesk.article",
                "res_id": self.public.id,
            }
        )
        self.public.message_post(
            body="For us only",
            attachment_ids=note_file.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.assertNotIn(
            "supplier-prices.pdf", self.url_open(f"/help/article/{self.public.id}").text
        )
        self.assertEqual(
            self.url_open(
                f"/help/article/{self.public.id}/file/{note_file.id}"
            ).status_code,
            404,
        )
