# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskResponseCategory(models.Model):
    _name = "helpdesk.response.category"
    _description = "Helpdesk Response Template Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    template_ids = fields.One2many(
        "mail.template", "helpdesk_category_id", string="Templates"
    )
