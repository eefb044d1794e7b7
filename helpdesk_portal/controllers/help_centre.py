# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib

from werkzeug.exceptions import NotFound, TooManyRequests
from werkzeug.urls import url_encode

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from ..models.helpdesk_article import SuggestRateLimited


def help_session_key():
    """This browser session, hashed (the session id itself is a secret): the
    unit of the deflection figures."""
    sid = request.session.sid or ""
    return hashlib.sha256(sid.encode()).hexdigest() if sid else ""


class HelpCentre(http.Controller):
    """The knowledge base's pages in the portal layout: what a reader may read
    is decided by the articles' record rules (visitor, customer, agent)."""

    def _article(self, article_id):
        """A readable published article, else 404 (an internal or unpublished
        article does not exist for this reader)."""
        Article = request.env["helpdesk.article"]
        article = Article.search(
            Article._help_domain() & Domain("id", "=", article_id), limit=1
        )
        if not article:
            raise NotFound()
        return article

    def _sign_in_for(self, article_id):
        """A visitor following a link to an article for signed-in customers
        (sent by an agent) signs in first, rather than finding nothing."""
        if request.env.user._is_public() and request.env[
            "helpdesk.article"
        ].sudo().search_count(
            [
                ("id", "=", article_id),
                ("is_published", "=", True),
                ("visibility", "=", "portal"),
            ],
            limit=1,
        ):
            return request.redirect(
                f"/web/login?{url_encode({'redirect': request.httprequest.full_path})}"
            )
        raise NotFound()

    def _categories(self, parent=None):
        """Categories of ``parent`` (top level by default) with the number of
        articles the reader may read in each, subcategories included; empty
        ones left out."""
        categories = (
            request.env["helpdesk.article.category"]
            .sudo()
            .search([("parent_id", "=", parent.id if parent else False)])
        )
        Article = request.env["helpdesk.article"]
        counts = Article._count_by_category(categories, Article._help_domain())
        return [(c, counts[c]) for c in categories if counts[c]]

    def _ticket_url(self, subject=""):
        """Where "Open a ticket" leads: the customer's ticket form, or for a
        visitor the public form of a team that has one (else the sign-in)."""
        query = f"?{url_encode({'subject': subject})}" if subject else ""
        if request.env.user._is_public():
            team = (
                request.env["helpdesk.team"]
                .sudo()
                .search([("use_public_form", "=", True)], order="sequence, id", limit=1)
            )
            if team:
                return f"/helpdesk/{team.id}{query}"
        return f"/my/tickets/new{query}"

    def _visitor(self):
        """Who votes: the signed-in contact, else this browser's session."""
        if not request.env.user._is_public():
            return f"partner:{request.env.user.partner_id.id}"
        key = help_session_key()
        return f"session:{key}" if key else ""

    @http.route(
        "/help",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def help_home(self, **kw):
        Article = request.env["helpdesk.article"]
        return request.render(
            "helpdesk_portal.help_home",
            {
                "categories": self._categories(),
                "popular": Article.search(
                    Article._help_domain(), limit=8, order="view_count desc, id desc"
                ),
                "ticket_url": self._ticket_url(),
            },
        )

    @http.route(
        "/help/category/<int:category_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def help_category(self, category_id, **kw):
        category = (
            request.env["helpdesk.article.category"].sudo().browse(category_id).exists()
        )
        if not category:
            raise NotFound()
        Article = request.env["helpdesk.article"]
        articles = Article.search(
            Article._help_domain() & Domain("category_id", "=", category.id),
            order="sequence, id desc",
        )
        subcategories = self._categories(category)
        if not articles and not subcategories:
            raise NotFound()
        return request.render(
            "helpdesk_portal.help_category",
            {
                "category": category,
                "articles": articles,
                "subcategories": subcategories,
                "ticket_url": self._ticket_url(),
            },
        )

    @http.route(
        "/help/article/<int:article_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def help_article(self, article_id, voted=None, **kw):
        try:
            article = self._article(article_id)
        except NotFound:
            return self._sign_in_for(article_id)
        if request.httprequest.method == "GET":
            # a HEAD request (a link preview, a robot) is no reading
            article._help_register_view()
            request.env["helpdesk.article.suggestion"].sudo()._record_opened(
                help_session_key(), article, request.env.user
            )
        return request.render(
            "helpdesk_portal.help_article",
            {
                "article": article,
                "files": article._help_files(),
                "related": article._help_related(),
                "voted": voted == "1",
                "ticket_url": self._ticket_url(article.name),
            },
        )

    @http.route(
        "/help/article/<int:article_id>/file/<int:attachment_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def help_article_file(self, article_id, attachment_id, **kw):
        """A file of an article the reader may read (published, for them);
        404 for any other."""
        article = self._article(article_id)
        attachment = article._help_files().filtered(lambda f: f.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]
            ._get_stream_from(attachment)
            .get_response(as_attachment=True)
        )

    @http.route(
        "/help/article/<int:article_id>/vote",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def help_article_vote(self, article_id, helpful=None, **kw):
        article = self._article(article_id)
        article.sudo()._help_vote(helpful == "1", self._visitor())
        return request.redirect(f"/help/article/{article.id}?voted=1")

    @http.route(
        "/help/search",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def help_search(self, q="", **kw):
        words = (q or "").strip()[:200]
        return request.render(
            "helpdesk_portal.help_search",
            {
                "words": words,
                "articles": request.env["helpdesk.article"]._help_search(words),
                "ticket_url": self._ticket_url(words),
            },
        )

    @http.route(
        "/help/suggest",
        type="jsonrpc",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def help_suggest(self, text="", team_id=None, **kw):
        """Articles that may answer what the customer is typing (the ticket
        forms ask while the subject is typed); 429 when asked too often."""
        team = request.env["helpdesk.team"]
        if isinstance(team_id, int) and not isinstance(team_id, bool):
            team = team.sudo().browse(team_id).exists()
        try:
            articles = request.env["helpdesk.article"]._help_suggest_for_reader(
                str(text or "")[:300],
                team=team,
                session_key=help_session_key(),
                ip=request.httprequest.remote_addr or "",
            )
        except SuggestRateLimited as error:
            raise TooManyRequests(error.args[0]) from error
        return [
            {
                "id": article.id,
                "name": article.name,
                "summary": article.summary,
                "url": f"/help/article/{article.id}",
            }
            for article in articles
        ]
