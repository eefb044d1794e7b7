# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskTeam(models.Model):
    _inherit = "helpdesk.team"

    use_website_helpdesk_livechat = fields.Boolean(
        string="Live Chat",
        help="Live chat operators turn a conversation into a ticket of this team "
        "(/ticket) and find tickets (/search_tickets); chatbots create its tickets.",
    )
    channel_ids = fields.One2many("helpdesk.channel", "team_id", string="Messengers")
