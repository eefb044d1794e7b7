# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext, html_sanitize


class HelpdeskArticle(models.Model):
    """A knowledge base article: what agents look up and customers read in the
    help centre, in each language of the database."""

    _name = "helpdesk.article"
    _description = "Helpdesk Knowledge Base Article"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id desc"

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    # one whole text per language (not term by term: the Russian and the
    # Ukrainian texts of an article are written, not translated sentence by
    # sentence); sanitized on every write, below
    body = fields.Html(
        translate=True,
        sanitize=False,
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

    @api.depends("body")
    def _compute_summary(self):
        for article in self:
            text = " ".join(html2plaintext(article.body or "").split())
            article.summary = text[:200] + ("…" if len(text) > 200 else "")

    # ------------------------------------------------------------ publishing
    def _check_publisher(self, vals):
        """Agents write and edit; only managers publish or unpublish."""
        if (
            "is_published" not in vals
            or self.env.su
            or self.env.user.has_group("helpdesk_base.helpdesk_base_group_manager")
        ):
            return
        published = bool(vals["is_published"])
        if (published and not self) or self.filtered(
            lambda article: article.is_published != published
        ):
            raise AccessError(self.env._("Only helpdesk managers publish articles."))

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
        return super().create([self._sanitized(vals) for vals in vals_list])

    def write(self, vals):
        self._check_publisher(vals)
        return super().write(self._sanitized(vals))

    def action_publish(self):
        self.write({"is_published": True})

    def action_unpublish(self):
        self.write({"is_published": False})
