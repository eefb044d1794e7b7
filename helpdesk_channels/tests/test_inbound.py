# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import hashlib
import hmac
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import HelpdeskChannelCase, payload


@tagged("post_install", "-at_install")
class TestInbound(HttpCase, HelpdeskChannelCase):
    def _post(self, channel, body, headers=None, key=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return self.url_open(
            f"/helpdesk/channel/{channel.provider}/{key or channel.webhook_key}",
            data=data,
            headers={"Content-Type": "application/json", **(headers or {})},
        )

    def _telegram(self, body, secret="tg-secret"):
        return self._post(
            self.telegram, body, {"X-Telegram-Bot-Api-Secret-Token": secret}
        )

    def _signed(self, body, secret="wh-secret"):
        data = json.dumps(body).encode()
        signature = hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()
        return self._post(
            self.webhook, data, {"X-Helpdesk-Signature": f"sha256={signature}"}
        )

    def _events(self, channel):
        return self.env["helpdesk.channel.event"].search(
            [("channel_id", "=", channel.id)]
        )

    # ------------------------------------------------------------------ telegram
    def test_telegram_conversation_becomes_a_ticket(self):
        self.env["res.lang"]._activate_lang("uk_UA")
        response = self._telegram(payload("telegram_text"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self._events(self.telegram)), 1)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("channel_id", "=", self.telegram.id)]),
            "no ticket work in the request",
        )
        self._process()
        ticket = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Принтер не друкує")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.medium_id.name, "Telegram")
        contact = ticket.channel_contact_id
        self.assertEqual(contact.external_id, "1111111")
        self.assertEqual(contact.username, "olena_p")
        customer = ticket.partner_id
        self.assertEqual(customer.name, "Olena Petrenko")
        self.assertEqual(customer.lang, "uk_UA")
        message = ticket.message_ids.filtered(lambda m: m.author_id == customer)
        self.assertEqual(len(message), 1)
        self.assertIn("E-05", message.body)
        self.assertEqual(message.message_type, "comment")
        self.assertTrue(ticket.needs_reply)
        event = self._events(self.telegram)
        self.assertEqual((event.state, event.ticket_id), ("done", ticket))
        self.assertNotEqual(message.create_uid, self.env.ref("base.user_root"))

        # a follow-up with a photo: same ticket, the photo downloaded
        self.fake.answer(
            "/getFile",
            body={
                "ok": True,
                "result": {"file_path": "photos/big.jpg", "file_size": 52000},
            },
        )
        self.fake.answer("/file/bot123:TEST/photos/big.jpg", body=b"\xff\xd8JPEG")
        self._telegram(payload("telegram_photo"))
        self._process()
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("channel_id", "=", self.telegram.id)]
            ),
            1,
        )
        photo_message = ticket.message_ids.filtered(lambda m: "фото" in (m.body or ""))
        self.assertEqual(photo_message.attachment_ids.mapped("name"), ["photo.jpg"])
        self.assertEqual(
            base64.b64decode(photo_message.attachment_ids.datas), b"\xff\xd8JPEG"
        )
        self.assertEqual(
            json.loads(self.fake.calls("/getFile")[0]["body"]), {"file_id": "BIG"}
        )

    def test_duplicate_delivery_one_message(self):
        for _attempt in range(3):
            self.assertEqual(self._telegram(payload("telegram_text")).status_code, 200)
        self.assertEqual(len(self._events(self.telegram)), 1)
        self._process()
        ticket = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        self.assertEqual(
            len(
                ticket.message_ids.filtered(lambda m: m.author_id == ticket.partner_id)
            ),
            1,
        )

    def test_bad_requests_refused_nothing_stored(self):
        with mute_logger("odoo.addons.helpdesk_channels.models.helpdesk_channel"):
            self.assertEqual(
                self._telegram(payload("telegram_text"), "wrong").status_code, 403
            )
            self.assertEqual(
                self._telegram(payload("telegram_text"), "").status_code, 403
            )
        self.assertEqual(
            self._post(self.telegram, payload("telegram_text"), key="nope").status_code,
            404,
        )
        self.assertEqual(self._telegram(b"{not json").status_code, 400)
        self.assertEqual(self._telegram({"no": "update id"}).status_code, 400)
        self.assertEqual(self._telegram(b"x" * (1024 * 1024 + 10)).status_code, 400)
        self.telegram.active = False
        self.assertEqual(self._telegram(payload("telegram_text")).status_code, 404)
        self.assertFalse(self.env["helpdesk.channel.event"].search([]))

    def test_group_chats_and_service_messages_ignored(self):
        self._telegram(payload("telegram_group"))
        start = payload("telegram_text")
        start["update_id"] = 10005
        start["message"]["text"] = "/start"
        self._telegram(start)
        self._telegram({"update_id": 10006, "my_chat_member": {"chat": {"id": 1}}})
        self._process()
        events = self._events(self.telegram)
        self.assertEqual(set(events.mapped("state")), {"ignored"})
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("channel_id", "!=", False)])
        )

    def test_after_close_reopen_or_new_ticket(self):
        self._telegram(payload("telegram_text"))
        self._process()
        ticket = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.is_closed)
        follow_up = payload("telegram_text")
        follow_up["update_id"] = 10010
        follow_up["message"]["text"] = "Again broken"
        with freeze_time(ticket.date_closed + timedelta(days=2)):
            self._telegram(follow_up)
            self._process()
        self.assertFalse(ticket.is_closed, "reopened within the channel's days")
        ticket.stage_id = self.stage_done
        late = payload("telegram_text")
        late["update_id"] = 10011
        late["message"]["text"] = "New problem"
        with freeze_time(ticket.date_closed + timedelta(days=30)):
            self._telegram(late)
            self._process()
        tickets = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)], order="id"
        )
        self.assertEqual(len(tickets), 2)
        self.assertTrue(tickets[0].is_closed)
        self.assertEqual(tickets[1].previous_ticket_id, tickets[0])
        self.assertEqual(tickets[1].name, "New problem")

    def test_download_error_retried_then_failed(self):
        self.fake.answer("/getFile", status=500, body={"ok": False})
        self._telegram(payload("telegram_photo"))
        with mute_logger("odoo.addons.helpdesk_channels.models.helpdesk_channel_event"):
            self._process()
        event = self._events(self.telegram)
        self.assertEqual(event.state, "error")
        self.assertEqual(event.attempts, 1)
        self.assertIn("500", event.error)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("channel_id", "!=", False)])
        )
        self.assertEqual(self.telegram.failures_24h, 1)
        self.assertIn("500", self.telegram.last_error)
        # not before its time; then again, and after the last attempt it stays failed
        self._process()
        self.assertEqual(event.attempts, 1)
        for attempt in range(2, 6):
            with freeze_time(fields.Datetime.now() + timedelta(hours=attempt * 2)):
                self._process()
        self.assertEqual(event.attempts, 5)
        self.assertEqual(event.state, "error")
        # the provider is back: re-run from the health panel
        self.fake.answers.clear()
        self.fake.answer(
            "/getFile",
            body={"ok": True, "result": {"file_path": "p.jpg", "file_size": 10}},
        )
        self.fake.answer("/file/bot123:TEST/p.jpg", body=b"img")
        event.action_retry()
        self._process()
        self.assertEqual(event.state, "done")
        self.assertEqual(
            event.ticket_id.message_ids.attachment_ids.mapped("name"), ["photo.jpg"]
        )

    # ------------------------------------------------------------------ webhook
    def test_generic_webhook_in(self):
        body = {
            "event_id": "evt-1",
            "contact": {
                "id": "jivo-42",
                "name": "Ivan Sidorov",
                "phone": "+380 44 123 45 67",
            },
            "text": "Где мой заказ?",
            "attachments": [
                {
                    "name": "check.pdf",
                    "mimetype": "application/pdf",
                    "content_base64": base64.b64encode(b"%PDF").decode(),
                },
                {
                    "name": "virus.exe",
                    "mimetype": "application/octet-stream",
                    "content_base64": "TVo=",
                },
            ],
        }
        self.assertEqual(self._signed(body, secret="other").status_code, 403)
        self.assertEqual(self._signed(body).status_code, 200)
        self.assertEqual(self._signed(body).status_code, 200, "a retry is accepted")
        self._process()
        ticket = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.webhook.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer, "found by phone")
        message = ticket.message_ids.filtered(lambda m: m.author_id == self.customer)
        self.assertEqual(message.attachment_ids.mapped("name"), ["check.pdf"])
        self.assertIn("virus.exe", message.body, "the refused file is said")

    # ------------------------------------------------------------------ bad input
    def test_shared_contact_card_of_someone_else_is_not_an_identity(self):
        victim = self.customer  # phone +380441234567
        card = payload("telegram_text")
        card["update_id"] = 20001
        del card["message"]["text"]
        card["message"]["contact"] = {"phone_number": "+380441234567", "user_id": 12345}
        self._telegram(card)
        self._process()
        ticket = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        self.assertNotEqual(ticket.partner_id, victim, "another person's card")
        self.assertFalse(ticket.channel_contact_id.phone)
        # the sender's own card is their number
        own = payload("telegram_text")
        own["update_id"] = 20002
        own["message"]["chat"]["id"] = own["message"]["from"]["id"] = 7777
        own["message"]["contact"] = {"phone_number": "+380441234567", "user_id": 7777}
        self._telegram(own)
        self._process()
        mine = self.env["helpdesk.ticket"].search(
            [("channel_contact_id.external_id", "=", "7777")]
        )
        self.assertEqual(mine.partner_id, victim)

    def test_malformed_fields_ignored_not_crashing(self):
        bad = []
        for index, change in enumerate(
            [
                {"chat": "private"},
                {"from": "bob"},
                {"text": 12345},
                {"text": {}, "caption": 3.14},
                {"text": "   \n\u200b "},
                {"photo": ["x"]},
                {
                    "document": {
                        "file_id": "D",
                        "file_size": "10",
                        "file_name": 123,
                        "mime_type": 5,
                    }
                },
                {"contact": {"phone_number": 79001234567, "user_id": 1111111}},
                {"chat": {"id": None, "type": "private"}},
                {"sticker": {"emoji": 7}},
            ]
        ):
            update = payload("telegram_text")
            update["update_id"] = 30000 + index
            update["message"].update(change)
            bad.append(update)
        nul = payload("telegram_text")
        nul["update_id"] = 30100
        nul["message"]["text"] = "Hello\u0000 world"
        nul["message"]["from"]["first_name"] = 42
        for update in bad + [nul]:
            self.assertEqual(self._telegram(update).status_code, 200)
        self.assertEqual(self._telegram({"update_id": True}).status_code, 400)
        self.assertEqual(
            self._telegram(
                b'{"update_id": 1, "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
            ).status_code,
            400,
        )
        self._process()
        events = self._events(self.telegram)
        self.assertNotIn("error", events.mapped("state"), events.mapped("error"))
        tickets = self.env["helpdesk.ticket"].search(
            [("channel_id", "=", self.telegram.id)]
        )
        self.assertTrue(all(t.name.strip() for t in tickets))
        self.assertIn("Hello world", " ".join(tickets.message_ids.mapped("body")))
        # webhook: junk types, a phone without digits
        for index, body in enumerate(
            [
                {"event_id": "j1", "contact": {"id": {"a": 1}}, "text": "x"},
                {"event_id": "j2", "contact": {"id": "p1", "phone": "+"}, "text": "x"},
                {
                    "event_id": "j3",
                    "contact": {"id": "p2", "phone": "+abc", "name": ["a"]},
                    "text": "x",
                    "attachments": 5,
                },
                {
                    "event_id": "j4",
                    "contact": {"id": "p3", "email": "not an email"},
                    "text": "   ",
                },
            ]
        ):
            self.assertEqual(self._signed(body).status_code, 200, index)
        self._process()
        events = self._events(self.webhook)
        self.assertNotIn("error", events.mapped("state"), events.mapped("error"))
        partners = (
            self.env["helpdesk.channel.contact"]
            .search([("channel_id", "=", self.webhook.id)])
            .partner_id
        )
        self.assertEqual(len(partners), 2, "no merge through an empty phone")
        self.assertFalse(any(partners.mapped("phone")))
