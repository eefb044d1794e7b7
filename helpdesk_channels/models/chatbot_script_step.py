# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import html2plaintext


class ChatbotScriptStep(models.Model):
    _inherit = "chatbot.script.step"

    step_type = fields.Selection(
        selection_add=[("create_ticket", "Create Ticket")],
        ondelete={"create_ticket": "cascade"},
    )
    helpdesk_team_id = fields.Many2one(
        "helpdesk.team",
        string="Helpdesk Team",
        ondelete="set null",
        index="btree_not_null",
        domain="[('use_website_helpdesk_livechat', '=', True)]",
        help="The team of the tickets this step creates.",
    )

    def _process_step(self, discuss_channel):
        self.ensure_one()
        posted = super()._process_step(discuss_channel)
        if self.step_type == "create_ticket":
            self._process_step_create_ticket(discuss_channel)
        return posted

    def _process_step_create_ticket(self, discuss_channel):
        """A ticket of the step's team with the visitor's answers (e-mail,
        phone) and the conversation; a partner is made for a visitor who gave
        an e-mail."""
        values = self._chatbot_prepare_customer_values(
            discuss_channel, create_partner=True, update_partner=True
        )
        team = self.helpdesk_team_id.sudo()
        if not team:
            return self.env["helpdesk.ticket"]
        first = self._find_first_user_free_input(discuss_channel)
        name = (
            html2plaintext(first.body)[:100]
            if first
            else self.env._("%(bot)s's new ticket", bot=self.chatbot_script_id.title)
        )
        return discuss_channel.sudo()._helpdesk_create_ticket(
            name,
            team,
            customer=values["partner"] or self.env["res.partner"],
            description=values["description"],
        )
