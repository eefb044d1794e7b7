# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HelpdeskPortalCase


class KnowledgeBaseCase(HelpdeskPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["helpdesk.article.category"]
        cls.printers = Category.create({"name": "Printers"})
        cls.jams = Category.create({"name": "Paper jams", "parent_id": cls.printers.id})
        Article = cls.env["helpdesk.article"]
        cls.public = Article.create(
            {
                "name": "Clear a paper jam",
                "body": "<p>Open the tray</p>",
                "category_id": cls.jams.id,
                "visibility": "public",
                "is_published": True,
            }
        )
        cls.portal_only = Article.create(
            {
                "name": "Order a spare tray",
                "category_id": cls.printers.id,
                "visibility": "portal",
                "is_published": True,
            }
        )
        cls.internal = Article.create(
            {
                "name": "Reset the service counter",
                "visibility": "internal",
                "is_published": True,
            }
        )
        cls.draft = Article.create(
            {"name": "Firmware 2.0 (draft)", "visibility": "public"}
        )
        cls.public_user = cls.env.ref("base.public_user")


@tagged("post_install", "-at_install")
class TestKnowledgeBase(KnowledgeBaseCase):
    def _visible(self, user):
        return (
            self.env["helpdesk.article"]
            .with_user(user)
            .search(
                [
                    (
                        "id",
                        "in",
                        (
                            self.public | self.portal_only | self.internal | self.draft
                        ).ids,
                    )
                ]
            )
        )

    def test_who_reads_what(self):
        self.assertEqual(
            self._visible(self.agent),
            self.public | self.portal_only | self.internal | self.draft,
        )
        self.assertEqual(
            self._visible(self.portal_user), self.public | self.portal_only
        )
        self.assertEqual(self._visible(self.public_user), self.public)
        with self.assertRaises(AccessError):
            self.internal.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.draft.with_user(self.public_user).read(["body"])
        with self.assertRaises(AccessError):
            self.public.with_user(self.portal_user).write({"name": "x"})

    def test_agents_do_not_widen_a_published_article(self):
        article = self.internal.with_user(self.agent)
        for vals in ({"visibility": "public"}, {"company_id": self.env.company.id}):
            with self.assertRaises(AccessError):
                article.write(vals)
        article.write({"visibility": "internal", "name": "Reset the counter"})
        self.draft.with_user(self.agent).write({"visibility": "portal"})
        self.internal.with_user(self.manager).write({"visibility": "portal"})
        self.assertEqual(self.internal.visibility, "portal")

    def test_agents_write_managers_publish(self):
        article = (
            self.env["helpdesk.article"]
            .with_user(self.agent)
            .create({"name": "Toner smudges", "body": "<p>Shake the cartridge</p>"})
        )
        article.write({"name": "Toner smudges on the page"})
        with self.assertRaises(AccessError):
            article.action_publish()
        with self.assertRaises(AccessError):
            self.env["helpdesk.article"].with_user(self.agent).create(
                {"name": "Self-published", "is_published": True}
            )
        with self.assertRaises(AccessError):
            self.public.with_user(self.agent).action_unpublish()
        article.with_user(self.manager).action_publish()
        self.assertTrue(article.is_published)
        # an agent edits a published article without touching the flag
        article.with_user(self.agent).write({"body": "<p>Shake it well</p>"})

    def test_body_sanitized_and_translated(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        article = self.env["helpdesk.article"].create(
            {
                "name": "Jam",
                "body": "<p>Open</p><script>alert(1)</script>"
                '<img src=x onerror="alert(2)"><iframe src="//evil"></iframe>',
            }
        )
        self.assertNotIn("<script", article.body)
        self.assertNotIn("onerror", article.body)
        self.assertNotIn("iframe", article.body)
        later = self.env["helpdesk.article"].create({"name": "Later"})
        later.body = '<p onclick="steal()">Written later</p>'
        self.assertNotIn("onclick", later.body)
        article.with_context(lang="ru_RU").write(
            {"name": "Замятие", "body": "<p>Откройте лоток</p>"}
        )
        self.assertEqual(article.with_context(lang="ru_RU").name, "Замятие")
        self.assertIn("Откройте", article.with_context(lang="ru_RU").body)
        self.assertEqual(article.with_context(lang="en_US").name, "Jam")
        self.assertIn("Open", article.with_context(lang="en_US").body)

    def test_category_tree(self):
        self.assertEqual(self.jams.display_name, "Printers / Paper jams")
        self.env["res.lang"]._activate_lang("ru_RU")
        self.printers.with_context(lang="ru_RU").name = "Принтеры"
        self.jams.with_context(lang="ru_RU").name = "Замятия"
        self.assertEqual(
            self.jams.with_context(lang="ru_RU").display_name, "Принтеры / Замятия"
        )
        self.assertEqual(self.printers.article_count, 2, "its subcategories' too")
        self.assertEqual(self.jams.article_count, 1)
        with self.assertRaises(UserError):
            self.printers.parent_id = self.jams

    def test_search_indexed_and_bounded(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'helpdesk_article'"
        )
        indexes = " ".join(row[0] for row in self.env.cr.fetchall())
        if self.env.registry.has_trigram:
            self.assertEqual(indexes.count("gin_trgm_ops"), 2, "title and text")
        Article = self.env["helpdesk.article"].with_user(self.portal_user)
        self.assertEqual(Article._help_search("tray"), self.public | self.portal_only)
        self.assertEqual(Article._help_search("spare tray"), self.portal_only)
        self.assertFalse(Article._help_search("a"), "one letter finds nothing")
        with self.assertQueryCount(1):
            Article._help_search("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12")
        self.env.invalidate_all()
        # titles first, then the texts holding every word, then any word
        with self.assertQueryCount(3):
            suggested = Article._help_suggest("paper jam tray spare printer toner")
        self.assertEqual(suggested, self.public | self.portal_only)

    def test_words_that_say_nothing_are_left_out(self):
        Article = self.env["helpdesk.article"]
        self.assertEqual(
            Article._help_terms("How do I clear the paper-jam, please?", 2),
            ["clear", "paper-jam"],
        )
        self.assertEqual(
            Article._help_terms("Здравствуйте! Как убрать замятие бумаги?", 3),
            ["убрать", "замятие", "бумаги"],
        )
        self.assertEqual(
            Article._help_terms("Добрий день, що робити з лотком", 3),
            ["робити", "лотком"],
        )
        self.assertEqual(
            Article.with_user(self.portal_user)._help_search("how to order a tray"),
            self.portal_only,
            "the question's own words do not hide the answer",
        )

    def test_a_book_sized_article_is_saved_and_found(self):
        words = " ".join(f"manual{index}" for index in range(150000))
        article = self.env["helpdesk.article"].create(
            {
                "name": "Service manual",
                "body": f"<p>{words}</p>",
                "visibility": "public",
                "is_published": True,
            }
        )
        self.assertGreater(len(article.body), 1_000_000)
        Article = self.env["helpdesk.article"].with_user(self.public_user)
        self.assertEqual(Article._help_search("manual7"), article)
        self.assertEqual(Article._help_search("service manual"), article)
