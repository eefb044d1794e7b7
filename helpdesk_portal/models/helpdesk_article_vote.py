# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskArticleVote(models.Model):
    """A reader's answer to "Was this helpful?": one per article and reader (a
    signed-in customer, or a visitor's browser session)."""

    _name = "helpdesk.article.vote"
    _description = "Helpdesk Knowledge Base Vote"
    _log_access = False

    article_id = fields.Many2one(
        "helpdesk.article", required=True, ondelete="cascade", index=True
    )
    visitor = fields.Char(required=True, help="Who voted (a contact or a session).")
    helpful = fields.Boolean()
    date = fields.Datetime(default=fields.Datetime.now)

    _article_visitor_unique = models.Constraint(
        "UNIQUE(article_id, visitor)", "A reader votes once on an article."
    )
