# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestChannelTours(HttpCase, HelpdeskChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.olena = cls.env["res.partner"].create({"name": "Olena"})

    def _conversation(self, channel, external_id, **values):
        contact = self.env["helpdesk.channel.contact"].create(
            {
                "channel_id": channel.id,
                "external_id": external_id,
                "name": "Olena",
                "partner_id": self.olena.id,
                "last_inbound_date": fields.Datetime.now(),
                **values,
            }
        )
        return self._create_tickets(
            1, partner_id=self.olena.id, channel_contact_id=contact.id
        )

    def test_reply_from_the_ticket_goes_to_telegram(self):
        ticket = self._conversation(self.telegram, "4242")
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "helpdesk_channels_reply_tour",
            login="hd_agent",
        )
        row = ticket.channel_message_ids
        self.assertEqual(row.state, "queued")
        self.fake.answer("/sendMessage", body={"ok": True, "result": {"message_id": 3}})
        self._run_cron_method(self.env["helpdesk.channel.message"]._cron_send)
        self.assertEqual(row.state, "sent")
        sent = json.loads(self.fake.calls("/sendMessage")[0]["body"])
        self.assertEqual(sent, {"chat_id": "4242", "text": "Your phone is ready"})

    def test_template_outside_the_whatsapp_window(self):
        whatsapp = self.env["helpdesk.channel"].create(
            {
                "name": "T WhatsApp",
                "provider": "whatsapp",
                "team_id": self.team.id,
                "token": "WA-TOKEN",
                "wa_phone_number_id": "1065",
                "api_base_url": self.fake.url,
                "template_ids": [
                    Command.create(
                        {
                            "name": "ticket_update",
                            "language": "en",
                            "body": "Hello {{1}}! About {{2}}: {{3}}.",
                        }
                    )
                ],
            }
        )
        ticket = self._conversation(
            whatsapp,
            "380441234567",
            last_inbound_date=fields.Datetime.now() - timedelta(days=2),
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "helpdesk_channels_template_tour",
            login="hd_agent",
        )
        row = ticket.channel_message_ids
        self.assertEqual(row.template_id, whatsapp.template_ids)
        self.assertEqual(
            row.template_params,
            [
                ["1", "Olena"],
                ["2", ticket.ticket_ref],
                ["3", "the phone is repaired"],
            ],
        )

    def test_livechat_ticket_command(self):
        self.team.use_website_helpdesk_livechat = True
        # a live chat operator
        self.agent.group_ids |= self.env.ref("im_livechat.im_livechat_group_user")
        livechat = self.env["im_livechat.channel"].create(
            {"name": "T Support chat", "user_ids": [Command.set(self.agent.ids)]}
        )
        chat = self.env["discuss.channel"].create(
            {
                "name": "Olena chat",
                "channel_type": "livechat",
                "livechat_channel_id": livechat.id,
                "livechat_operator_id": self.agent.partner_id.id,
                "channel_member_ids": [
                    Command.create({"partner_id": self.agent.partner_id.id}),
                    Command.create({"partner_id": self.olena.id}),
                ],
                "last_interest_dt": fields.Datetime.now(),
            }
        )
        chat.message_post(
            body="My printer says paper jam",
            author_id=self.olena.id,
            message_type="comment",
        )
        self.start_tour(
            f"/odoo/discuss?active_id=discuss.channel_{chat.id}",
            "helpdesk_channels_livechat_tour",
            login="hd_agent",
        )
        ticket = chat.helpdesk_ticket_ids
        self.assertEqual(ticket.name, "Printer jammed")
        self.assertEqual(ticket.partner_id, self.olena)
        self.assertIn("paper jam", str(ticket.description))
