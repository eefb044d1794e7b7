# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from random import randint

from odoo import fields, models


class HelpdeskTag(models.Model):
    _name = "helpdesk.tag"
    _description = "Helpdesk Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=lambda self: self._default_color())
    active = fields.Boolean(default=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Assigned Agents",
        domain=[("share", "=", False)],
        help="Teams assigning by tag give tickets with this tag to these agents "
        "(among the team's members), the least loaded first.",
    )

    _name_uniq = models.Constraint(
        "UNIQUE (name)", "A tag with this name already exists."
    )
