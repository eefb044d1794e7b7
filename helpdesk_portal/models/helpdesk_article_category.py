# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskArticleCategory(models.Model):
    """A shelf of the knowledge base: categories form a tree, in the order the
    help centre's catalogue shows them."""

    _name = "helpdesk.article.category"
    _description = "Helpdesk Knowledge Base Category"
    _parent_store = True
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="Shown under its title.")
    sequence = fields.Integer(default=10, help="Its place in the catalogue.")
    parent_id = fields.Many2one(
        "helpdesk.article.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "helpdesk.article.category", "parent_id", string="Subcategories"
    )
    article_ids = fields.One2many("helpdesk.article", "category_id")
    article_count = fields.Integer(compute="_compute_article_count")
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.display_name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """Its path in the catalogue (Printers / Paper jams), in the reader's
        language."""
        ancestors = self.browse(
            {int(i) for c in self for i in (c.parent_path or "").split("/") if i}
        )
        names = {c.id: c.name for c in ancestors}
        for category in self:
            path = [int(i) for i in (category.parent_path or "").split("/") if i]
            if not path or not category.id:
                category.display_name = category.name
                continue
            category.display_name = " / ".join(
                (category.name if i == category.id else names.get(i, "")) for i in path
            )

    def _compute_article_count(self):
        counts = self.env["helpdesk.article"]._count_by_category(self)
        for category in self:
            category.article_count = counts[category]

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A category cannot be inside one of its subcategories.")
            )
