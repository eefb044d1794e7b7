# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import json
import time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import HelpdeskChannelCase, payload

MUTE = "odoo.addons.helpdesk_channels.models.helpdesk_channel"


@tagged("post_install", "-at_install")
class TestProviders(HttpCase, HelpdeskChannelCase):
    """WhatsApp, Viber and VK webhooks with the providers' documented payloads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Channel = cls.env["helpdesk.channel"]
        common = {"team_id": cls.team.id, "api_base_url": cls.fake.url}
        cls.whatsapp = Channel.create(
            {
                **common,
                "name": "T WhatsApp",
                "provider": "whatsapp",
                "token": "WA-TOKEN",
                "wa_phone_number_id": "106540352242922",
                "wa_app_secret": "wa-secret",
                "wa_verify_token": "wa-verify",
            }
        )
        cls.viber = Channel.create(
            {**common, "name": "T Viber", "provider": "viber", "token": "viber-token"}
        )
        cls.vk = Channel.create(
            {
                **common,
                "name": "T VK",
                "provider": "vk",
                "token": "vk-token",
                "vk_group_id": "229000000",
                "vk_secret": "vk-secret",
                "vk_confirmation_code": "a1b2c3",
            }
        )

    def _url(self, channel):
        return f"/helpdesk/channel/{channel.provider}/{channel.webhook_key}"

    def _post(self, channel, data, headers=None):
        body = data if isinstance(data, bytes) else json.dumps(data).encode()
        return self.url_open(
            self._url(channel),
            data=body,
            headers={"Content-Type": "application/json", **(headers or {})},
        )

    def _sign(self, key, body):
        return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()

    def _tickets(self, channel):
        return self.env["helpdesk.ticket"].search([("channel_id", "=", channel.id)])

    def test_whatsapp(self):
        # the subscription check of the Meta app
        url = self._url(self.whatsapp)
        ok = self.url_open(
            f"{url}?hub.mode=subscribe&hub.verify_token=wa-verify&hub.challenge=1158201444"
        )
        self.assertEqual((ok.status_code, ok.text), (200, "1158201444"))
        wrong = self.url_open(
            f"{url}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"
        )
        self.assertEqual(wrong.status_code, 403)
        body = json.dumps(payload("whatsapp_text")).encode()
        with mute_logger(MUTE):
            refused = self._post(
                self.whatsapp, body, {"X-Hub-Signature-256": "sha256=" + "0" * 64}
            )
        self.assertEqual(refused.status_code, 403)
        signature = {"X-Hub-Signature-256": "sha256=" + self._sign("wa-secret", body)}
        self.assertEqual(self._post(self.whatsapp, body, signature).status_code, 200)
        self.assertEqual(self._post(self.whatsapp, body, signature).status_code, 200)
        self._process()
        ticket = self._tickets(self.whatsapp)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id.name, "Sheena Nelson")
        self.assertEqual(ticket.partner_id.phone, "+16505551234")
        self.assertEqual(ticket.name, "Does it come in another color?")
        self.assertEqual(ticket.channel_contact_id.external_id, "16505551234")
        # a read report on a reply
        reply = self.env["helpdesk.channel.message"].create(
            {
                "channel_id": self.whatsapp.id,
                "contact_id": ticket.channel_contact_id.id,
                "ticket_id": ticket.id,
                "state": "sent",
                "external_message_id": "wamid.OUT1",
            }
        )
        body = json.dumps(payload("whatsapp_status")).encode()
        self._post(
            self.whatsapp,
            body,
            {"X-Hub-Signature-256": "sha256=" + self._sign("wa-secret", body)},
        )
        self._process()
        self.assertEqual(reply.state, "read")

    def test_viber(self):
        # Viber's documented example, written a moment ago (its 24-hour window
        # runs from the message's timestamp)
        message = payload("viber_message")
        message["timestamp"] = int(time.time() * 1000) - 60000
        body = json.dumps(message).encode()
        with mute_logger(MUTE):
            self.assertEqual(self._post(self.viber, body).status_code, 403)
        headers = {"X-Viber-Content-Signature": self._sign("viber-token", body)}
        self.assertEqual(self._post(self.viber, body, headers).status_code, 200)
        subscribed = json.dumps(
            {
                "event": "subscribed",
                "timestamp": 1,
                "message_token": 5,
                "user": {"id": "x"},
            }
        ).encode()
        self._post(
            self.viber,
            subscribed,
            {"X-Viber-Content-Signature": self._sign("viber-token", subscribed)},
        )
        self._process()
        ticket = self._tickets(self.viber)
        self.assertEqual(ticket.partner_id.name, "John McClane")
        self.assertIn(
            "a message to the service",
            ticket.message_ids.filtered(
                lambda m: m.author_id == ticket.partner_id
            ).body,
        )
        # the reply goes through send_message with the bot's token
        self.fake.answer(
            "/pa/send_message",
            body={
                "status": 0,
                "status_message": "ok",
                "message_token": 4912661846655238146,
            },
        )
        ticket.with_user(self.agent).message_post(
            body="Hello John", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self._run_cron_method(self.env["helpdesk.channel.message"]._cron_send)
        call = self.fake.calls("/pa/send_message")[0]
        self.assertEqual(call["headers"]["X-Viber-Auth-Token"], "viber-token")
        self.assertEqual(json.loads(call["body"])["receiver"], "01234567890A=")
        delivered = json.dumps(payload("viber_delivered")).encode()
        self._post(
            self.viber,
            delivered,
            {"X-Viber-Content-Signature": self._sign("viber-token", delivered)},
        )
        self._process()
        self.assertEqual(ticket.channel_message_ids.state, "delivered")

    def test_vk(self):
        confirmation = {
            "type": "confirmation",
            "group_id": 229000000,
            "secret": "vk-secret",
        }
        answer = self._post(self.vk, confirmation)
        self.assertEqual((answer.status_code, answer.text), (200, "a1b2c3"))
        event = payload("vk_message_new")
        with mute_logger(MUTE):
            self.assertEqual(
                self._post(self.vk, {**event, "secret": "x"}).status_code, 403
            )
        response = self._post(self.vk, event)
        self.assertEqual((response.status_code, response.text), (200, "ok"))
        chat = {**event, "event_id": "chat-1"}
        chat["object"] = {
            "message": {**event["object"]["message"], "peer_id": 2000000001}
        }
        self._post(self.vk, chat)
        self._process()
        ticket = self._tickets(self.vk)
        self.assertEqual(len(ticket), 1, "group chats open no ticket")
        self.assertEqual(ticket.channel_contact_id.external_id, "123456")
        self.fake.answer("/method/messages.send", body={"response": 321})
        ticket.with_user(self.agent).message_post(
            body="Ваш заказ в пути",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._run_cron_method(self.env["helpdesk.channel.message"]._cron_send)
        self.env.invalidate_all()
        call = self.fake.calls("/method/messages.send")[0]
        self.assertIn(b"peer_id=123456", call["body"])
        self.assertIn(b"v=5.199", call["body"])
        self.assertEqual(ticket.channel_message_ids.external_message_id, "321")
