# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.tools import SQL

# PostgreSQL's text search configurations (stemming) of the languages it knows;
# the others (Ukrainian among them) are searched word by word ("simple")
PG_TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
}
TOKEN_PATTERN = re.compile(r"[^\W_]+")
# the text of an article indexed (a tsvector holds at most 1 MB): a book-sized
# article is found by its first 200,000 characters
MAX_DOCUMENT_CHARS = 200000


class HelpdeskArticleSearch(models.Model):
    """The text of an article in one language, as a full-text search document
    (title weighted above the text) under a GIN index: what the help centre's
    search and suggestions look in. Kept up to date from the articles' writes
    and translations, and for a language when it is activated."""

    _name = "helpdesk.article.search"
    _description = "Helpdesk Article Search Document"
    _log_access = False

    article_id = fields.Many2one(
        "helpdesk.article", required=True, index=True, ondelete="cascade"
    )
    lang = fields.Char(required=True)

    _article_lang_unique = models.Constraint(
        "UNIQUE(article_id, lang)", "One search document per article and language."
    )

    def init(self):
        cr = self.env.cr
        # the document itself: a tsvector, which the ORM has no field for
        # the documents: tsvectors, which the ORM has no field for; the whole
        # article (title weighted A, text B), and its title alone (short: the
        # suggestions' first look)
        for column in ("document", "title_document"):
            cr.execute(
                SQL(
                    "ALTER TABLE helpdesk_article_search "
                    "ADD COLUMN IF NOT EXISTS %s tsvector",
                    SQL.identifier(column),
                )
            )
            cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON helpdesk_article_search "
                    "USING gin (%s)",
                    SQL.identifier(f"helpdesk_article_search_{column}_index"),
                    SQL.identifier(column),
                )
            )
        cr.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM helpdesk_article_search) "
            "AND EXISTS (SELECT 1 FROM helpdesk_article)"
        )
        if cr.fetchone()[0]:
            self._refresh()

    @api.model
    def _pg_config(self, lang):
        """The text search configuration of the language ``lang``."""
        return PG_TEXT_SEARCH_CONFIGS.get((lang or "en").split("_")[0], "simple")

    @api.model
    def _refresh(self, articles=None, langs=None):
        """(Re)build the documents of ``articles`` (all by default) in ``langs``
        (the active languages by default): one statement."""
        if articles is not None and not articles.ids:
            return
        langs = langs or [code for code, _name in self.env["res.lang"].get_installed()]
        values = SQL(", ").join(
            SQL("(%s, %s::regconfig)", lang, self._pg_config(lang)) for lang in langs
        )
        where = (
            SQL("a.id IN %s", tuple(articles.ids))
            if articles is not None
            else SQL("TRUE")
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO helpdesk_article_search
                       (article_id, lang, title_document, document)
                SELECT id, code, title, title || setweight(to_tsvector(config,
                           regexp_replace(body, '<[^>]*>|&[a-z#0-9]+;', ' ', 'gi')
                       ), 'B')
                  FROM (
                      SELECT a.id, l.code, l.config,
                             setweight(to_tsvector(l.config, COALESCE(
                                 a.name->>l.code, a.name->>'en_US', '')), 'A')
                                 AS title,
                             left(COALESCE(a.body->>l.code, a.body->>'en_US', ''),
                                  %(max_chars)s) AS body
                        FROM helpdesk_article a,
                             (VALUES %(values)s) AS l(code, config)
                       WHERE %(where)s
                  ) AS texts
                ON CONFLICT (article_id, lang) DO UPDATE
                SET title_document = EXCLUDED.title_document,
                    document = EXCLUDED.document
                """,
                values=values,
                where=where,
                max_chars=MAX_DOCUMENT_CHARS,
            )
        )

    @api.model
    def _tsquery(self, terms, lang, any_word=False):
        """``terms`` as a prefix query in ``lang``'s configuration: all the
        words (or any of them), each as the beginning of a word."""
        tokens = list(
            dict.fromkeys(
                token for term in terms for token in TOKEN_PATTERN.findall(term)
            )
        )
        if not tokens:
            return None
        operator = " | " if any_word else " & "
        return SQL(
            "to_tsquery(%s::regconfig, %s)",
            self._pg_config(lang),
            operator.join(f"{token}:*" for token in tokens),
        )
