# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import json
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..providers.base import InboundMessage, timestamp
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

    def _channel(self, provider, **values):
        defaults = {
            "whatsapp": {
                "token": "WA-TOKEN",
                "wa_phone_number_id": "1065",
                "wa_app_secret": "wa-secret",
            },
            "viber": {"token": "viber-token"},
            "vk": {"token": "vk-token", "vk_group_id": "1", "vk_secret": "s"},
        }[provider]
        return self.env["helpdesk.channel"].create(
            {
                "name": f"T {provider}",
                "provider": provider,
                "team_id": self.team.id,
                "api_base_url": self.fake.url,
                **defaults,
                **values,
            }
        )

    def _files(self):
        return [
            ("photo.png", b"\x89PNG\r\n\x1a\nfake picture"),
            ("invoice.pdf", b"%PDF-1.4 fake invoice"),
        ]

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
        self.assertEqual(
            late.state, "email", "the customer follows the ticket by e-mail: reached"
        )
        self.assertNotIn("did not reach", ticket.message_ids[:1].body or "")
        self.assertEqual(
            len(self.fake.calls("/messages")), 1, "nothing sent out of the window"
        )
        # a customer known by WhatsApp only: the reply fails, the team is told
        ticket.partner_id = self.env["res.partner"].create({"name": "Mykola"})
        ticket.channel_contact_id.partner_id = ticket.partner_id
        with freeze_time(fields.Datetime.now() + timedelta(hours=25)):
            self._reply(ticket, body="Still there?")
            self._send()
        refused = ticket.channel_message_ids - row - late
        self.assertEqual(refused.state, "failed")
        self.assertIn("24 hours", refused.error)
        self.assertIn("did not reach", ticket.message_ids[:1].body)
        self.assertEqual(len(self.fake.calls("/messages")), 1)

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

    def test_whatsapp_files_uploaded_then_sent(self):
        whatsapp = self._channel("whatsapp")
        ticket = self._conversation(whatsapp, "380441234567")
        self._reply(ticket, body="Photos of the repair", attachments=self._files())
        self.fake.answer("/1065/media", body={"id": "MEDIA-1"}, times=1)
        self.fake.answer("/1065/media", body={"id": "MEDIA-2"}, times=1)
        self.fake.answer("/1065/messages", body={"messages": [{"id": "wamid.F"}]})
        self._send()
        self.assertEqual(ticket.channel_message_ids.state, "sent")
        uploads = self.fake.calls("/1065/media")
        self.assertEqual(len(uploads), 2)
        self.assertIn(b'name="file"; filename="photo.png"', uploads[0]["body"])
        self.assertIn(b"fake picture", uploads[0]["body"])
        self.assertEqual(uploads[0]["headers"]["Authorization"], "Bearer WA-TOKEN")
        sent = [json.loads(c["body"]) for c in self.fake.calls("/1065/messages")]
        self.assertEqual([m["type"] for m in sent], ["text", "image", "document"])
        self.assertEqual(sent[1]["image"], {"id": "MEDIA-1"})
        self.assertEqual(
            sent[2]["document"], {"id": "MEDIA-2", "filename": "invoice.pdf"}
        )

    def test_whatsapp_refused_upload_fails_with_reason(self):
        whatsapp = self._channel("whatsapp")
        ticket = self._conversation(whatsapp, "380441234567")
        self._reply(ticket, body="", attachments=self._files()[:1])
        self.fake.answer(
            "/1065/media",
            status=400,
            body={
                "error": {
                    "message": "Param file must be a file with one of the "
                    "following types",
                    "code": 100,
                }
            },
        )
        self._send()
        row = ticket.channel_message_ids
        self.assertEqual(row.state, "failed")
        self.assertIn("photo.png", row.error)
        self.assertFalse(self.fake.calls("/messages"))

    def test_viber_files_by_tokenised_link(self):
        viber = self._channel("viber")
        ticket = self._conversation(viber, "viber-user==")
        self._reply(ticket, body="Here you are", attachments=self._files())
        self.fake.answer("/pa/send_message", body={"status": 0, "message_token": 5})
        self._send()
        self.assertEqual(ticket.channel_message_ids.state, "sent")
        sent = [json.loads(c["body"]) for c in self.fake.calls("/pa/send_message")]
        self.assertEqual([m["type"] for m in sent], ["text", "picture", "file"])
        attachments = ticket.channel_message_ids.mail_message_id.attachment_ids
        png = attachments.filtered(lambda a: a.name == "photo.png")
        self.assertTrue(png.access_token)
        self.assertTrue(
            sent[1]["media"].endswith(
                f"/web/content/{png.id}?access_token={png.access_token}&download=true"
            )
        )
        self.assertEqual(sent[2]["file_name"], "invoice.pdf")
        self.assertEqual(sent[2]["size"], len(self._files()[1][1]))
        self.assertEqual(sent[2]["receiver"], "viber-user==")

    def test_vk_files_uploaded_to_its_servers(self):
        vk = self._channel("vk")
        ticket = self._conversation(vk, "2000123")
        self._reply(ticket, body="Фото и счёт", attachments=self._files())
        upload_url = f"{self.fake.url}/vk-upload"
        self.fake.answer(
            "/method/photos.getMessagesUploadServer",
            body={"response": {"upload_url": upload_url + "/photo"}},
        )
        self.fake.answer(
            "/method/docs.getMessagesUploadServer",
            body={"response": {"upload_url": upload_url + "/doc"}},
        )
        self.fake.answer(
            "/vk-upload/photo", body={"server": 7, "photo": "[{}]", "hash": "h1"}
        )
        self.fake.answer("/vk-upload/doc", body={"file": "DOC-FILE"})
        self.fake.answer(
            "/method/photos.saveMessagesPhoto",
            body={"response": [{"id": 5, "owner_id": -7, "access_key": "k"}]},
        )
        self.fake.answer(
            "/method/docs.save",
            body={"response": {"type": "doc", "doc": {"id": 9, "owner_id": 11}}},
        )
        self.fake.answer("/method/messages.send", body={"response": 99})
        self._send()
        row = ticket.channel_message_ids
        self.assertEqual((row.state, row.external_message_id), ("sent", "99"))
        self.assertIn(b'name="photo"', self.fake.calls("/vk-upload/photo")[0]["body"])
        self.assertIn(
            b"peer_id=2000123",
            self.fake.calls("docs.getMessagesUploadServer")[0]["body"],
        )
        sent = self.fake.calls("/method/messages.send")[0]["body"].decode()
        self.assertIn("attachment=photo-7_5_k%2Cdoc11_9", sent)

    def _blocked_reply(self, partner, external_id="901"):
        contact = self.env["helpdesk.channel.contact"].create(
            {
                "channel_id": self.telegram.id,
                "external_id": external_id,
                "partner_id": partner.id,
            }
        )
        ticket = self._create_tickets(
            1, partner_id=partner.id, channel_contact_id=contact.id
        )
        self._reply(ticket, body="Your phone is ready")
        self.fake.answer(
            "/sendMessage",
            status=403,
            body={"ok": False, "description": "Forbidden: bot was blocked by the user"},
        )
        self._send()
        row = ticket.channel_message_ids
        self.assertEqual(row.state, "failed")
        return ticket, row

    def test_fallback_to_email(self):
        olena = self.env["res.partner"].create({"name": "Olena"})
        ticket, row = self._blocked_reply(olena)
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            row.with_user(self.agent).action_send_email()
        olena.email = "olena@example.com"
        row.with_user(self.agent).action_send_email()
        self.assertEqual(row.state, "email")
        message = row.mail_message_id
        notification = message.notification_ids.filtered(
            lambda n: n.res_partner_id == olena
        )
        self.assertEqual(notification.notification_type, "email")
        mail = notification.mail_mail_id
        self.assertEqual(mail.state, "outgoing", "queued, not sent in the request")
        self.assertIn("Your phone is ready", mail.body_html)
        self.assertEqual(mail.recipient_ids, olena)
        with self.assertRaisesRegex(UserError, "refused"):
            row.with_user(self.agent).action_send_email()
        # the e-mail bounces: the reply may go again, by e-mail or SMS
        notification.notification_status = "bounce"
        row.sudo().state = "failed"
        olena.phone = "+380441234567"
        row.with_user(self.agent).action_send_sms()
        self.assertEqual(
            row.mail_message_id.notification_ids.filtered(
                lambda n: n.res_partner_id == olena
            ).notification_type,
            "sms",
            "the bounced e-mail gave way to the SMS",
        )
        with self.assertRaises(AccessError):
            row.with_user(self.outsider).action_send_sms()

    def test_fallback_to_sms(self):
        olena = self.env["res.partner"].create({"name": "Olena"})
        ticket, row = self._blocked_reply(olena)
        with self.assertRaisesRegex(UserError, "no phone number"):
            row.with_user(self.agent).action_send_sms()
        olena.phone = "+380 44 123 4567"
        row.with_user(self.agent).action_send_sms()
        self.assertEqual(row.state, "sms")
        sms = self.env["sms.sms"].search([("partner_id", "=", olena.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing", "queued for the SMS job")
        self.assertEqual(sms.number, "+380441234567")
        self.assertEqual(sms.body, "Your phone is ready")
        self.assertFalse(
            row.mail_message_id.notification_ids.filtered(
                lambda n: n.notification_type == "helpdesk_channel"
            ),
            "the chatter message no longer shows a failed messenger delivery",
        )
        self.assertEqual(
            sms.mail_message_id, row.mail_message_id, "on the reply, no new message"
        )
        notification = row.mail_message_id.notification_ids.filtered(
            lambda n: n.res_partner_id == olena
        )
        self.assertEqual(notification.notification_type, "sms")

    def test_window_shown_on_the_ticket(self):
        whatsapp = self._channel("whatsapp")
        ticket = self._conversation(whatsapp, "380441234567")
        last = ticket.channel_contact_id.last_inbound_date
        self.assertEqual(ticket.channel_window_end, last + timedelta(hours=24))
        self.assertFalse(ticket.channel_window_closed)
        with freeze_time(last + timedelta(hours=25)):
            ticket.invalidate_recordset(["channel_window_closed"])
            self.assertTrue(ticket.channel_window_closed)
        self.assertFalse(self._conversation(self.telegram, "1").channel_window_end)

    def test_window_runs_from_when_the_customer_wrote(self):
        whatsapp = self._channel("whatsapp")
        now = fields.Datetime.now().replace(microsecond=0)
        wrote = now - timedelta(hours=3)
        inbound = InboundMessage(external_id="380501112233", date=wrote)
        contact = whatsapp._get_or_create_contact(inbound)
        self.assertEqual(contact.last_inbound_date, wrote, "processed late")
        older = InboundMessage(external_id="380501112233", date=wrote - timedelta(1))
        whatsapp._get_or_create_contact(older)
        self.assertEqual(contact.last_inbound_date, wrote, "never goes back")
        future = InboundMessage(external_id="380501112233", date=now + timedelta(9))
        with freeze_time(now):
            whatsapp._get_or_create_contact(future)
        self.assertEqual(contact.last_inbound_date, now, "never in the future")
        self.assertEqual(timestamp("1764000000"), datetime(2025, 11, 24, 16, 0))
        self.assertEqual(timestamp(1764000000123, milliseconds=True).second, 0)
        self.assertIsNone(timestamp("soon"))
        self.assertIsNone(timestamp(True))

    def test_outbox_actions_refuse_clearly(self):
        olena = self.env["res.partner"].create({"name": "Olena"})
        ticket, row = self._blocked_reply(olena)
        Reply = self.env["helpdesk.channel.message"].with_user(self.agent)
        with self.assertRaisesRegex(UserError, "one reply"):
            Reply.browse().action_send_email()
        with self.assertRaisesRegex(UserError, "one reply"):
            (row | self._blocked_reply(olena, "902")[1]).with_user(
                self.agent
            ).action_send_sms()
        row.with_user(self.agent).action_retry()
        self.assertEqual(row.state, "queued")
        with self.assertRaisesRegex(UserError, "failed"):
            row.with_user(self.agent).action_retry()

    def test_contacts_scoped_and_read_only_for_agents(self):
        ticket = self._conversation(self.telegram, "4242")
        contact = ticket.channel_contact_id
        Contact = self.env["helpdesk.channel.contact"]
        self.assertEqual(Contact.with_user(self.agent).search([]), contact)
        with self.assertRaises(AccessError):
            contact.with_user(self.agent).write({"external_id": "attacker"})
        self.assertFalse(
            Contact.with_user(self.outsider).search([]),
            "another team's conversations are not listed",
        )

    def test_no_email_attempted_to_a_customer_without_address(self):
        olena = self.env["res.partner"].create({"name": "Olena"})
        contact = self.env["helpdesk.channel.contact"].create(
            {
                "channel_id": self.telegram.id,
                "external_id": "903",
                "partner_id": olena.id,
            }
        )
        ticket = self._create_tickets(
            1, partner_id=olena.id, channel_contact_id=contact.id
        )
        ticket.message_subscribe(olena.ids)
        self._reply(ticket)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", olena.ids)]),
            "no e-mail without an address",
        )
