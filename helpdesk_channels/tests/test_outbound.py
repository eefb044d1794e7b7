# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestOutbound(HelpdeskChannelCase):
    def _conversation(self, channel, external_id="555"):
        contact = self.env["helpdesk.channel.contact"].create(
            {
                "channel_id": channel.id,
                "external_id": external_id,
                "partner_id": self.customer.id,
                "last_inbound_date": fields.Datetime.now(),
            }
        )
        return self._create_tickets(1, channel_contact_id=contact.id)

    def _reply(self, ticket, body="Please restart the printer", **kwargs):
        return ticket.with_user(self.agent).message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment", **kwargs
        )

    def _send(self):
        self._run_cron_method(self.env["helpdesk.channel.message"]._cron_send)
        self.env.invalidate_all()

    def test_reply_goes_back_note_does_not(self):
        ticket = self._conversation(self.telegram)
        ticket.with_user(self.agent).message_post(
            body="internal thoughts",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        message = self._reply(ticket)
        self.assertFalse(self.fake.calls("sendMessage"), "never sent in the request")
        row = ticket.channel_message_ids
        self.assertEqual(len(row), 1, "the internal note stays inside")
        self.assertEqual((row.state, row.mail_message_id), ("queued", message))
        self.fake.answer(
            "/sendMessage", body={"ok": True, "result": {"message_id": 77}}
        )
        self._send()
        calls = self.fake.calls("/bot123:TEST/sendMessage")
        self.assertEqual(len(calls), 1)
        self.assertEqual(
            json.loads(calls[0]["body"]),
            {"chat_id": "555", "text": "Please restart the printer"},
        )
        self.assertEqual((row.state, row.external_message_id), ("sent", "77"))

    def test_rate_limit_retried_then_failed(self):
        ticket = self._conversation(self.telegram)
        self._reply(ticket)
        self.fake.answer(
            "/sendMessage",
            status=429,
            body={
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 7",
                "parameters": {"retry_after": 7},
            },
            times=1,
        )
        self.fake.answer("/sendMessage", status=500, body={"ok": False})
        start = fields.Datetime.now()
        with freeze_time(start):
            self._send()
        row = ticket.channel_message_ids
        self.assertEqual((row.state, row.attempts), ("queued", 1))
        self.assertEqual(row.next_attempt_date, start + timedelta(seconds=7))
        # the provider fails on: retried with backoff, then failed and said
        for step in range(1, 8):
            with freeze_time(start + timedelta(hours=step)):
                self._send()
        self.assertEqual(row.state, "failed")
        self.assertIn("500", row.error)
        self.assertEqual(len(self.fake.calls("sendMessage")), 6)
        note = ticket.message_ids[:1]
        self.assertIn("did not reach the customer", note.body)
        self.assertTrue(note.subtype_id.internal)
        self.assertFalse(
            ticket.channel_message_ids - row, "the failure note is not sent itself"
        )

    def test_whatsapp_window(self):
        whatsapp = self.env["helpdesk.channel"].create(
            {
                "name": "T WhatsApp",
                "provider": "whatsapp",
                "team_id": self.team.id,
                "token": "WA-TOKEN",
                "wa_phone_number_id": "106540352242922",
                "wa_app_secret": "wa-secret",
                "api_base_url": self.fake.url,
            }
        )
        ticket = self._conversation(whatsapp, "380441234567")
        self.fake.answer("/messages", body={"messages": [{"id": "wamid.X1"}]})
        with freeze_time(fields.Datetime.now() + timedelta(hours=23)):
            self._reply(ticket)
            self._send()
        row = ticket.channel_message_ids
        self.assertEqual((row.state, row.external_message_id), ("sent", "wamid.X1"))
        call = self.fake.calls("/106540352242922/messages")[0]
        self.assertEqual(call["headers"]["Authorization"], "Bearer WA-TOKEN")
        self.assertEqual(json.loads(call["body"])["to"], "380441234567")
        with freeze_time(fields.Datetime.now() + timedelta(hours=25)):
            self._reply(ticket, body="Too late?")
            self._send()
        late = ticket.channel_message_ids - row
        self.assertEqual(late.state, "failed")
        self.assertIn("24 hours", late.error)
        self.assertEqual(
            len(self.fake.calls("/messages")), 1, "nothing sent out of the window"
        )

    def test_generic_webhook_out_signed(self):
        ticket = self._conversation(self.webhook, "jivo-42")
        self._reply(ticket)
        self._send()
        call = self.fake.calls("/replies")[0]
        expected = hmac.new(b"wh-secret", call["body"], hashlib.sha256).hexdigest()
        self.assertEqual(call["headers"]["X-Helpdesk-Signature"], f"sha256={expected}")
        body = json.loads(call["body"])
        self.assertEqual(body["contact"], {"id": "jivo-42"})
        self.assertEqual(body["ticket"]["ref"], ticket.ticket_ref)
        self.assertEqual(body["text"], "Please restart the printer")
        self.assertEqual(ticket.channel_message_ids.state, "sent")

    def test_delivery_state_on_the_chatter_message(self):
        # a customer known by the messenger only (no e-mail)
        olena = self.env["res.partner"].create({"name": "Olena"})
        contact = self.env["helpdesk.channel.contact"].create(
            {
                "channel_id": self.telegram.id,
                "external_id": "777",
                "partner_id": olena.id,
            }
        )
        ticket = self._create_tickets(
            1, partner_id=olena.id, channel_contact_id=contact.id
        )
        message = self._reply(ticket)
        notification = message.notification_ids.filtered(
            lambda n: n.notification_type == "helpdesk_channel"
        )
        self.assertEqual(notification.res_partner_id, olena)
        self.assertEqual(notification.notification_status, "ready")
        self.fake.answer("/sendMessage", body={"ok": True, "result": {"message_id": 5}})
        self._send()
        self.assertEqual(notification.notification_status, "pending", "sent")
        failing = self._reply(ticket, body="second")
        self.fake.answers.clear()
        self.fake.answer(
            "/sendMessage",
            status=403,
            body={"ok": False, "description": "Forbidden: bot was blocked by the user"},
        )
        self._send()
        failed = failing.notification_ids.filtered(
            lambda n: n.notification_type == "helpdesk_channel"
        )
        self.assertEqual(failed.notification_status, "exception")
        self.assertIn("blocked", failed.failure_reason)
        # a customer with an e-mail address keeps their e-mail notification
        ticket = self._conversation(self.telegram, "888")
        message = self._reply(ticket)
        self.assertEqual(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == self.customer
            ).notification_type,
            "email",
        )

    def test_whatsapp_template_outside_the_window(self):
        whatsapp = self.env["helpdesk.channel"].create(
            {
                "name": "T WhatsApp",
                "provider": "whatsapp",
                "team_id": self.team.id,
                "token": "WA-TOKEN",
                "wa_phone_number_id": "1065",
                "api_base_url": self.fake.url,
                "template_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "ticket_update",
                            "language": "ru",
                            "body": "Есть новости по вашей заявке",
                        },
                    )
                ],
            }
        )
        ticket = self._conversation(whatsapp, "380441234567")
        self.fake.answer("/messages", body={"messages": [{"id": "wamid.T1"}]})
        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            wizard = (
                self.env["helpdesk.ticket.channel.template"]
                .with_user(self.agent)
                .create(
                    {"ticket_id": ticket.id, "template_id": whatsapp.template_ids.id}
                )
            )
            wizard.action_send()
            self._send()
        row = ticket.channel_message_ids
        self.assertEqual((row.state, row.external_message_id), ("sent", "wamid.T1"))
        sent = json.loads(self.fake.calls("/1065/messages")[0]["body"])
        self.assertEqual(sent["type"], "template")
        self.assertEqual(
            sent["template"], {"name": "ticket_update", "language": {"code": "ru"}}
        )
        self.assertIn("Есть новости", row.mail_message_id.body)

    def test_replies_seen_with_their_ticket_only(self):
        ticket = self._conversation(self.telegram)
        self._reply(ticket)
        Reply = self.env["helpdesk.channel.message"]
        self.assertTrue(
            Reply.with_user(self.agent).search([("ticket_id", "=", ticket.id)])
        )
        self.assertFalse(
            Reply.with_user(self.outsider).search([("ticket_id", "=", ticket.id)]),
            "an agent of another team does not see it",
        )
