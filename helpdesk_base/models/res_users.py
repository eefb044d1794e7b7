# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    helpdesk_team_ids = fields.Many2many(
        "helpdesk.team",
        "helpdesk_team_member_rel",
        "user_id",
        "team_id",
        string="Helpdesk Teams",
    )
