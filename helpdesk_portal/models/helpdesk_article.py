# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, html_sanitize
from odoo.tools.mail import html_to_inner_content

HELP_SEARCH_LIMIT = 20
MAX_SEARCH_WORDS = 8
MIN_SEARCH_CHARS = 2
# suggestions while a customer types their request
SUGGEST_LIMIT = 5
# the best matching titles the reader's rules are applied to
SUGGEST_CANDIDATES = 200
MIN_SUGGEST_CHARS = 3
IMAGE_IN_BODY = re.compile(r"/web/(?:image|content)/(\d+)")
WORD_PATTERN = re.compile(r"\w[\w'-]*")
# words that say nothing of the problem (English, Russian, Ukrainian): a request
# "how do I clear the jam" looks for "clear" and "jam"
STOP_WORDS = frozenset(
    """
    a an and any are as at be been but by can can't cannot could did do does doesn't
    don't for from get got had has have hello hi how i if in into is it it's its just
    me my no not of on or our please so some still than thanks thank that the their
    them then there they this to up was we were what when where which who why will
    with would you your dear regards again also after about
    а в во вы да для до его ее её если есть еще ещё же за здравствуйте и из или им
    их к как когда ли мне мой мои моя меня мы на нам нас не нет но ну о об он она они
    от по под при про с со так также то тоже ты у уже чем что чтобы это я вас вам ваш
    ваша добрый день спасибо пожалуйста прошу помогите снова опять очень почему где
    був була було були ви від вже він вона вони де дякую доброго дня добрий із зі
    й коли ласка мені мене ми моя мій мої або але та також теж ти ще що щоб як яка
    які який є чи чому будь вітаю допоможіть знову дуже після перед між можу може
    можна треба хочу буде нічого ніяк завжди зараз тепер
    """.split()
)
# suggestion requests per minute: of a signed-in user, of an IP address
DEFAULT_SUGGEST_RATE = 30
DEFAULT_SUGGEST_ANONYMOUS_RATE = 60


class SuggestRateLimited(UserError):
    """Too many suggestion requests from this reader lately."""


class HelpdeskArticle(models.Model):
    """A knowledge base article: what agents look up and customers read in the
    help centre, in each language of the database."""

    _name = "helpdesk.article"
    _description = "Helpdesk Knowledge Base Article"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id desc"

    # trigram indexes (over every language's text): the help centre's search
    # and suggestions stay fast with many articles
    name = fields.Char(
        string="Title", required=True, translate=True, tracking=True, index="trigram"
    )
    # one whole text per language (not term by term: the Russian and the
    # Ukrainian texts of an article are written, not translated sentence by
    # sentence); sanitized on every write, below
    body = fields.Html(
        translate=True,
        sanitize=False,
        index="trigram",
        help="The article's text, in each language.",
    )
    summary = fields.Char(
        compute="_compute_summary",
        help="The beginning of the text, shown in lists and suggestions.",
    )
    category_id = fields.Many2one(
        "helpdesk.article.category",
        string="Category",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    sequence = fields.Integer(default=10, help="Its place in its category.")
    tag_ids = fields.Many2many("helpdesk.tag", string="Tags")
    team_ids = fields.Many2many(
        "helpdesk.team",
        string="Teams",
        help="The teams it helps: suggested on their tickets and their forms "
        "(all teams when empty).",
    )
    visibility = fields.Selection(
        [
            ("internal", "Internal (agents)"),
            ("portal", "Portal customers"),
            ("public", "Everyone"),
        ],
        required=True,
        default="internal",
        tracking=True,
        help="Internal articles are never shown nor found outside the team; "
        "portal ones by signed-in customers; public ones by any visitor.",
    )
    is_published = fields.Boolean(
        string="Published",
        copy=False,
        tracking=True,
        help="Only managers publish: customers see published articles only.",
    )
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, index=True, tracking=True
    )
    last_review_date = fields.Date(
        string="Last Reviewed", default=fields.Date.context_today, tracking=True
    )
    view_count = fields.Integer(string="Views", readonly=True, copy=False)
    helpful_count = fields.Integer(string="Helpful", readonly=True, copy=False)
    unhelpful_count = fields.Integer(string="Not Helpful", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: shared by every company."
    )
    active = fields.Boolean(default=True)
    # the knowledge base dialog of the reply composer lists the articles
    # matching a ticket first
    matches_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Matching Ticket",
        compute="_compute_matches_ticket_id",
        search="_search_matches_ticket_id",
    )

    @api.depends("body")
    def _compute_summary(self):
        for article in self:
            text = " ".join(html_to_inner_content(article.body or "").split())
            article.summary = text[:200] + ("…" if len(text) > 200 else "")

    def _compute_matches_ticket_id(self):
        self.matches_ticket_id = False

    def _search_matches_ticket_id(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        values = [value] if isinstance(value, (int, str, bool)) else list(value)
        tickets = self.env["helpdesk.ticket"].browse(
            [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        )
        return Domain("id", "in", tickets.exists().article_suggestion_ids.ids)

    def _is_customer_readable(self, partner):
        """Whether ``partner`` (the customer of a ticket) can open the article
        in the help centre: published and public, or for signed-in customers
        when they have an account."""
        self.ensure_one()
        if not (self.is_published and self.active):
            return False
        if self.visibility == "public":
            return True
        return self.visibility == "portal" and bool(
            partner.sudo().with_context(active_test=True).user_ids
        )

    def _help_url(self, lang=None):
        """The article's address in the help centre, in ``lang``: with the
        language in the path even for the default one (the portal then sets the
        reader's language from it, whatever their browser last read in)."""
        self.ensure_one()
        data = self.env["res.lang"]._get_data(code=lang) if lang else None
        prefix = f"/{data.url_code}" if data and data.active else ""
        return f"{self.get_base_url()}{prefix}/help/article/{self.id}"

    # ------------------------------------------------------------ publishing
    def _check_publisher(self, vals):
        """Agents write and edit; only managers publish or unpublish, or change
        who reads a published article (its visibility, its company)."""
        if self.env.su or self.env.user.has_group(
            "helpdesk_base.helpdesk_base_group_manager"
        ):
            return
        if "is_published" in vals:
            published = bool(vals["is_published"])
            if (published and not self) or self.filtered(
                lambda article: article.is_published != published
            ):
                raise AccessError(
                    self.env._("Only helpdesk managers publish articles.")
                )
        audience = {"visibility", "company_id"}.intersection(vals)
        if audience and self.filtered(
            lambda article: article.is_published
            and any(
                (article[name].id if name == "company_id" else article[name])
                != (vals[name] or False)
                for name in audience
            )
        ):
            raise AccessError(
                self.env._(
                    "Only helpdesk managers change who reads a published article."
                )
            )

    @api.model
    def _sanitized(self, vals):
        """A copy of ``vals`` with the body sanitized (scripts, event handlers,
        frames... removed); the caller's dict is left as it is."""
        if not vals.get("body"):
            return vals
        return {**vals, "body": html_sanitize(vals["body"], sanitize_form=True)}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._check_publisher(vals)
        articles = super().create([self._sanitized(vals) for vals in vals_list])
        articles._refresh_search_documents()
        return articles

    def write(self, vals):
        self._check_publisher(vals)
        res = super().write(self._sanitized(vals))
        if "name" in vals or "body" in vals:
            self._refresh_search_documents()
        return res

    def _update_field_translations(self, field_name, translations, *args, **kwargs):
        res = super()._update_field_translations(
            field_name, translations, *args, **kwargs
        )
        if field_name in ("name", "body"):
            self._refresh_search_documents()
        return res

    def _refresh_search_documents(self):
        """The full-text documents of the articles, from their saved texts."""
        self.flush_recordset(["name", "body"])
        self.env["helpdesk.article.search"].sudo()._refresh(self)

    def action_publish(self):
        self.write({"is_published": True})

    def action_unpublish(self):
        self.write({"is_published": False})

    # ------------------------------------------------------------ help centre
    @api.model
    def _count_by_category(self, categories, domain=None):
        """The articles (matching ``domain``, readable by this model's user) in
        each of ``categories``, their subcategories included: one query."""
        groups = self._read_group(
            Domain(domain or Domain.TRUE)
            & Domain("category_id", "child_of", categories.ids),
            ["category_id"],
            ["__count"],
        )
        counts = dict.fromkeys(categories, 0)
        for category, count in groups:
            path = f"/{category.sudo().parent_path or ''}"
            for parent in categories:
                if f"/{parent.id}/" in path:
                    counts[parent] += count
        return counts

    @api.model
    def _help_terms(self, text, min_chars):
        """The distinct words of ``text`` worth looking for (``min_chars``
        letters or more), at most ``MAX_SEARCH_WORDS``."""
        words = (
            word.strip("-'") for word in WORD_PATTERN.findall((text or "").lower())
        )
        words = (w for w in words if len(w) >= min_chars and w not in STOP_WORDS)
        return list(dict.fromkeys(words))[:MAX_SEARCH_WORDS]

    @api.model
    def _help_domain(self):
        """The articles the help centre shows its reader: published ones (the
        record rules keep internal articles for the team, portal ones for
        signed-in customers)."""
        return Domain("is_published", "=", True)

    @api.model
    def _help_fulltext(self, terms, domain, limit, mode="all"):
        """The readable articles matching ``domain`` whose text in the reader's
        language holds the words of ``terms``, each as the beginning of a word:
        one query on a full-text index of ``helpdesk.article.search``.

        - ``all``: every word, in the title or the text; most read first;
        - ``titles``: any word in the title; those holding the most first;
        - ``any``: any word, in the title or the text, among the first
          ``SUGGEST_CANDIDATES`` articles holding one (a last resort: common
          words match too many articles to rank them all); the most first.
        """
        Search = self.env["helpdesk.article.search"]
        lang = self.env.lang or "en_US"
        tsquery = Search._tsquery(terms, lang, any_word=mode != "all")
        if tsquery is None:
            return self.browse()
        query = self._search(domain, limit=limit)
        views = SQL(
            "%s DESC NULLS LAST, %s DESC",
            SQL.identifier(self._table, "view_count"),
            SQL.identifier(self._table, "id"),
        )
        table = SQL.identifier(Search._table)
        if mode == "all":
            matches = SQL(
                "(SELECT article_id FROM %s WHERE lang = %s AND document @@ %s)",
                table,
                lang,
                tsquery,
            )
            order = views
        else:
            # ranked in the index's table alone, the reader's rules applied to
            # the best candidates (ts_rank weighs the words found, the title's
            # above the text's)
            column = SQL.identifier(
                "title_document" if mode == "titles" else "document"
            )
            candidates = SQL(
                "SELECT article_id, %(column)s AS document FROM %(table)s "
                "WHERE lang = %(lang)s AND %(column)s @@ %(q)s",
                column=column,
                table=table,
                lang=lang,
                q=tsquery,
            )
            if mode == "any":
                candidates = SQL("%s LIMIT %s", candidates, SUGGEST_CANDIDATES)
            matches = SQL(
                "(SELECT article_id, ts_rank(document, %s) AS rank FROM (%s) AS found "
                "ORDER BY rank DESC LIMIT %s)",
                tsquery,
                candidates,
                SUGGEST_CANDIDATES,
            )
            order = SQL("%s DESC, %s", SQL.identifier("help_fts", "rank"), views)
        query.add_join(
            "JOIN",
            "help_fts",
            matches,
            SQL(
                "%s = %s",
                SQL.identifier("help_fts", "article_id"),
                SQL.identifier(self._table, "id"),
            ),
        )
        query.order = order
        return self.browse(query.get_result_ids())

    @api.model
    def _help_search(self, words, limit=HELP_SEARCH_LIMIT):
        """The readable published articles whose title or text hold every word
        of ``words`` (in the reader's language), most read first."""
        terms = self._help_terms(words, MIN_SEARCH_CHARS)
        if not terms:
            return self.browse()
        return self._help_fulltext(terms, self._help_domain(), limit)

    def _help_register_view(self):
        """One more reading (an atomic increment: readers in parallel never
        lose a view, and readers need no write right)."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE helpdesk_article "
                    "SET view_count = COALESCE(view_count, 0) + 1 WHERE id IN %s",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset(["view_count"])

    def _help_vote(self, helpful, visitor):
        """The reader's answer to "Was this helpful?", counted once per reader
        and article; returns whether it was counted."""
        self.ensure_one()
        if not visitor:
            return False
        self.env.cr.execute(
            SQL(
                "INSERT INTO helpdesk_article_vote "
                "(article_id, visitor, helpful, date) "
                "VALUES (%s, %s, %s, now() at time zone 'UTC') "
                "ON CONFLICT (article_id, visitor) DO NOTHING RETURNING id",
                self.id,
                visitor[:128],
                bool(helpful),
            )
        )
        if not self.env.cr.fetchone():
            return False
        counter = SQL.identifier("helpful_count" if helpful else "unhelpful_count")
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_article SET %s = COALESCE(%s, 0) + 1 WHERE id = %s",
                counter,
                counter,
                self.id,
            )
        )
        self.invalidate_recordset(["helpful_count", "unhelpful_count"])
        return True

    @api.model
    def _help_suggest(self, text, team=None, limit=SUGGEST_LIMIT):
        """Articles that may answer what a customer is typing: readable and
        published, of ``team`` (or of every team), holding words of 3+ letters
        of ``text``: first in their title (the most words first), then all of
        them in their text, then any of them. Three indexed queries at most."""
        terms = self._help_terms(text, MIN_SUGGEST_CHARS)
        if not terms:
            return self.browse()
        domain = self._help_domain()
        if team:
            domain &= Domain("team_ids", "=", False) | Domain(
                "team_ids", "in", team.ids
            )
        found = self.browse()
        for mode in ("titles", "all", "any"):
            found |= self._help_fulltext(
                terms,
                domain & Domain("id", "not in", found.ids),
                limit - len(found),
                mode=mode,
            )
            if len(found) >= limit:
                break
        return found

    @api.model
    def _help_suggest_rates(self):
        """Suggestion requests allowed per minute ``(per signed-in user, per IP
        address of visitors)`` — system parameters
        ``helpdesk_portal.suggest_rate_limit`` and
        ``helpdesk_portal.suggest_rate_limit_anonymous``; 0 disables a limit."""
        params = self.env["ir.config_parameter"].sudo()
        rates = []
        for key, default in (
            ("helpdesk_portal.suggest_rate_limit", DEFAULT_SUGGEST_RATE),
            (
                "helpdesk_portal.suggest_rate_limit_anonymous",
                DEFAULT_SUGGEST_ANONYMOUS_RATE,
            ),
        ):
            try:
                rates.append(int(params.get_param(key, default)))
            except ValueError:
                rates.append(default)
        return tuple(rates)

    @api.model
    def _help_suggest_for_reader(self, text, team=None, session_key="", ip=""):
        """``_help_suggest`` for the help centre's reader (this model's user):
        rate limited per signed-in user, or per IP address for visitors (raise
        ``SuggestRateLimited``); suggestions shown are recorded for the team's
        deflection figures (see ``helpdesk.article.suggestion``)."""
        user = self.env.user
        per_user, per_ip = self._help_suggest_rates()
        key, limit = (
            (f"suggest:ip:{ip}", per_ip)
            if user._is_public()
            else (f"suggest:user:{user.id}", per_user)
        )
        if not self.env["helpdesk.rate.limit"].sudo()._hit(key, limit, 60):
            raise SuggestRateLimited(
                self.env._("Too many requests: please wait a minute.")
            )
        articles = self._help_suggest(text, team=team)
        if articles and self._help_counts_deflection(user, team):
            self.env["helpdesk.article.suggestion"].sudo()._record_shown(
                session_key,
                team,
                articles,
                partner=None if user._is_public() else user.partner_id,
                ip=ip,
            )
        return articles

    @api.model
    def _help_counts_deflection(self, user, team):
        """Whether suggestions shown to ``user`` for ``team`` count in the
        team's deflection: customers and visitors (not the team trying its
        forms) on a form of the team they may use."""
        if not team or not user.share:
            return False
        return team._portal_has_public_form() or (
            not user._is_public()
            and team in self.env["helpdesk.team"]._portal_submission_teams(user)
        )

    def _help_files(self):
        """The files attached to the article (its chatter's attachments), but
        the images its text shows and the files of internal notes: what the help
        centre offers to download.
        Readers need no right on attachments: the caller checked that the
        reader may read this article."""
        self.ensure_one()
        shown = {int(i) for i in IMAGE_IN_BODY.findall(self.body or "")}
        files = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", False),
                ],
                order="name, id",
            )
        )
        internal = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("attachment_ids", "!=", False),
                    "|",
                    ("subtype_id.internal", "=", True),
                    ("is_internal", "=", True),
                ]
            )
            .attachment_ids
        )
        return files.filtered(
            lambda file: file.id not in shown and file not in internal
        )

    def _help_related(self, limit=5):
        """Other readable published articles of its category."""
        self.ensure_one()
        if not self.category_id:
            return self.browse()
        return self.search(
            self._help_domain()
            & Domain("category_id", "=", self.category_id.id)
            & Domain("id", "!=", self.id),
            limit=limit,
            order="view_count desc, id desc",
        )
