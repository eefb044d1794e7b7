# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestChannel(HelpdeskChannelCase):
    def test_connect_registers_the_webhook(self):
        self.fake.answer("/setWebhook", body={"ok": True, "result": True})
        action = self.telegram.action_connect()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.telegram.state, "connected")
        call = json.loads(self.fake.calls("/bot123:TEST/setWebhook")[0]["body"])
        self.assertEqual(call["url"], self.telegram.webhook_url)
        self.assertEqual(call["secret_token"], "tg-secret")
        self.assertIn(
            f"/helpdesk/channel/telegram/{self.telegram.webhook_key}", call["url"]
        )
        # a refusal is said, the channel marked
        self.fake.answer(
            "/setWebhook",
            status=400,
            body={"ok": False, "description": "Bad Request: bad webhook"},
        )
        self.fake.answers["/setWebhook"].pop(0)
        with self.assertRaisesRegex(UserError, "bad webhook"):
            self.telegram.action_connect()
        # a new key: the old URL stops working
        old = self.telegram.webhook_key
        self.telegram.action_regenerate_key()
        self.assertNotEqual(self.telegram.webhook_key, old)
        self.assertEqual(self.telegram.state, "draft")
        # VK and WhatsApp are set up in their own settings
        whatsapp = self.env["helpdesk.channel"].create(
            {"name": "T WA", "provider": "whatsapp", "team_id": self.team.id}
        )
        with self.assertRaisesRegex(UserError, "setup guide"):
            whatsapp.action_connect()

    def test_credentials_for_administrators_only(self):
        channel = self.telegram.with_user(self.manager)
        self.assertEqual(
            channel.name, "T Telegram", "helpdesk managers see the channel"
        )
        for field in (
            "token",
            "webhook_secret",
            "webhook_key",
            "wa_app_secret",
            "vk_secret",
        ):
            with (
                self.subTest(field),
                self.assertRaises(AccessError),
                mute_logger("odoo.models"),
            ):
                channel.read([field])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.telegram.with_user(self.agent).read(["token"])
        # the health panel reads as a manager
        self.assertEqual(channel.events_24h, 0)

    def test_tokens_never_logged(self):
        # nothing listens there: the connection error names the host, not the URL
        self.telegram.api_base_url = "http://127.0.0.1:9"
        contact = self.env["helpdesk.channel.contact"].create(
            {
                "channel_id": self.telegram.id,
                "external_id": "9",
                "partner_id": self.customer.id,
            }
        )
        ticket = self._create_tickets(1, channel_contact_id=contact.id)
        with self.assertLogs("odoo.addons.helpdesk_channels", level="DEBUG") as logs:
            ticket.with_user(self.agent).message_post(
                body="Hi", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
            self._run_cron_method(self.env["helpdesk.channel.message"]._cron_send)
            # at least one line is logged, so that the check below means something
            __import__("logging").getLogger("odoo.addons.helpdesk_channels").debug(
                "sent"
            )
        row = ticket.channel_message_ids
        self.assertIn("127.0.0.1:9", row.error)
        self.assertNotIn("123:TEST", row.error)
        for line in logs.output:
            self.assertNotIn("123:TEST", line)

    def test_whatsapp_templates_fetched(self):
        whatsapp = self.env["helpdesk.channel"].create(
            {
                "name": "T WA",
                "provider": "whatsapp",
                "team_id": self.team.id,
                "token": "WA-TOKEN",
                "wa_business_account_id": "555",
                "api_base_url": self.fake.url,
                "template_ids": [(0, 0, {"name": "old_one", "language": "en"})],
            }
        )
        self.fake.answer(
            "/555/message_templates",
            body={
                "data": [
                    {
                        "name": "ticket_update",
                        "language": "ru",
                        "status": "APPROVED",
                        "components": [{"type": "BODY", "text": "Есть новости: {{1}}"}],
                    },
                    {
                        "name": "promo",
                        "language": "en",
                        "status": "REJECTED",
                        "components": [],
                    },
                ],
                "paging": {"cursors": {"after": "X"}},
            },
        )
        whatsapp.action_sync_templates()
        self.assertEqual(whatsapp.template_ids.mapped("name"), ["ticket_update"])
        self.assertEqual(whatsapp.template_ids.body, "Есть новости: {{1}}")
        call = self.fake.calls("/555/message_templates")[0]
        self.assertEqual(call["headers"]["Authorization"], "Bearer WA-TOKEN")
