# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestLivechat(HelpdeskChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.use_website_helpdesk_livechat = True
        cls.livechat = cls.env["im_livechat.channel"].create(
            {"name": "T Support chat", "user_ids": [Command.set(cls.agent.ids)]}
        )
        cls.conversation = cls.env["discuss.channel"].create(
            {
                "name": "Customer Co chat",
                "channel_type": "livechat",
                "livechat_channel_id": cls.livechat.id,
                "livechat_operator_id": cls.agent.partner_id.id,
                "channel_member_ids": [
                    Command.create({"partner_id": cls.agent.partner_id.id}),
                    Command.create({"partner_id": cls.customer.id}),
                ],
                "last_interest_dt": fields.Datetime.now(),
            }
        )
        cls.conversation.with_user(cls.agent).message_post(
            body="Hello, how can I help?", message_type="comment"
        )

    def _command(self, method, body):
        said = []
        Users = type(self.env["res.users"])
        with patch.object(
            Users,
            "_bus_send_transient_message",
            lambda user, channel, content: said.append(str(content)),
        ):
            getattr(self.conversation.with_user(self.agent), method)(body=body)
        return said

    def test_ticket_command(self):
        said = self._command("execute_command_ticket", "/ticket Printer jammed")
        ticket = self.conversation.helpdesk_ticket_ids
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Printer jammed")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertIn("how can I help", ticket.description)
        self.assertEqual(ticket.medium_id.name, "Live Chat")
        self.assertIn(ticket.ticket_ref, said[0], "the link, to the operator only")
        self.assertFalse(
            self.conversation.message_ids.filtered(
                lambda m: ticket.ticket_ref in (m.body or "")
            ),
            "nothing posted in the customer's chat",
        )
        help_text = self._command("execute_command_ticket", "/ticket")
        self.assertIn("/ticket", help_text[0])
        self.assertEqual(len(self.conversation.helpdesk_ticket_ids), 1)

    def test_search_tickets_command(self):
        Ticket = self.env["helpdesk.ticket"]
        mine = Ticket.create({"name": "Printer jammed again", "team_id": self.team.id})
        Ticket.create({"name": "Scanner broken", "team_id": self.team.id})
        private = self.env["helpdesk.team"].create(
            {"name": "T Private", "privacy_visibility": "invited_internal"}
        )
        hidden = Ticket.create({"name": "Printer on fire", "team_id": private.id})
        said = self._command(
            "execute_command_search_tickets", "/search_tickets printer"
        )
        self.assertIn(mine.ticket_ref, said[0])
        self.assertNotIn("Scanner", said[0])
        self.assertNotIn(
            hidden.ticket_ref, said[0], "only tickets the operator may read"
        )
        nothing = self._command("execute_command_search_tickets", "/search_tickets zzz")
        self.assertIn("No ticket", nothing[0])

    def test_chatbot_step_creates_a_ticket(self):
        script = self.env["chatbot.script"].create(
            {
                "title": "T Bot",
                "script_step_ids": [
                    Command.create(
                        {"step_type": "free_input_single", "message": "What is wrong?"}
                    ),
                    Command.create(
                        {
                            "step_type": "create_ticket",
                            "message": "A ticket is made, we answer soon.",
                            "helpdesk_team_id": self.team.id,
                        }
                    ),
                ],
            }
        )
        question, create = script.script_step_ids
        answer = self.conversation.message_post(
            body="The router blinks red",
            message_type="comment",
            author_id=self.customer.id,
        )
        self.env["chatbot.message"].create(
            {
                "mail_message_id": answer.id,
                "discuss_channel_id": self.conversation.id,
                "script_step_id": question.id,
            }
        )
        create._process_step(self.conversation)
        ticket = self.conversation.helpdesk_ticket_ids
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.name, "The router blinks red")
