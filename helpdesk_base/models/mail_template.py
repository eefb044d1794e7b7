# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailTemplate(models.Model):
    """Response templates are mail templates of the ticket model.

    They are offered by the chatter composer's template picker; their subject and
    body are translatable and rendered in the customer's language (``lang`` is
    ``{{ object.partner_id.lang }}``). Visibility is ruled by
    ``helpdesk_base.mail_template_rule_helpdesk_response``: personal (owner only),
    shared with teams, with groups, or with every helpdesk agent.
    """

    _inherit = "mail.template"

    is_helpdesk_response = fields.Boolean(string="Helpdesk Response", index=True)
    helpdesk_category_id = fields.Many2one(
        "helpdesk.response.category", string="Response Category", index="btree_not_null"
    )
    helpdesk_sharing = fields.Selection(
        [
            ("personal", "Only me"),
            ("team", "Teams"),
            ("group", "Groups"),
            ("all", "All helpdesk agents"),
        ],
        string="Shared With",
        default="all",
    )
    helpdesk_team_ids = fields.Many2many("helpdesk.team", string="Shared with Teams")
    helpdesk_group_ids = fields.Many2many("res.groups", string="Shared with Groups")
