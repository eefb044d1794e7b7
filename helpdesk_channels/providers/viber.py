# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Viber REST Bot API: callbacks signed with the bot's token
(``X-Viber-Content-Signature``), webhook registered by ``set_webhook``."""

import mimetypes

from .base import (
    InboundMessage,
    Provider,
    ProviderError,
    register,
    signed,
    timestamp,
)

PICTURE_TYPES = ("image/jpeg", "image/png", "image/gif")
PICTURE_BYTES = 1024 * 1024


@register
class Viber(Provider):
    code = "viber"
    label = "Viber"
    default_api_url = "https://chatapi.viber.com"
    public_file_urls = True

    def verify(self, channel, body, headers, args):
        return signed(
            channel.sudo().token, body, headers.get("X-Viber-Content-Signature")
        )

    def split(self, channel, payload):
        token = payload.get("message_token")
        if token in (None, ""):
            return []
        return [(f"{payload.get('event')}:{token}", payload)]

    def parse_status(self, channel, event):
        state = {"delivered": "delivered", "seen": "read", "failed": "failed"}.get(
            event.get("event")
        )
        if not state:
            return None
        return str(event.get("message_token")), state, event.get("desc") or ""

    def parse(self, channel, event):
        kind = event.get("event")
        if kind != "message":
            return f"{kind or 'unknown'} event"
        sender = event.get("sender") or {}
        message = event.get("message") or {}
        inbound = InboundMessage(
            external_id=str(sender.get("id") or ""),
            message_id=str(event.get("message_token")),
            name=sender.get("name") or "",
            lang=sender.get("language") or "",
            text=message.get("text") or "",
            date=timestamp(event.get("timestamp"), milliseconds=True),
        )
        contact = message.get("contact") or {}
        if contact.get("phone_number"):
            inbound.phone = contact["phone_number"]
            inbound.text = inbound.text or contact["phone_number"]
        if message.get("media") and message.get("type") in (
            "picture",
            "video",
            "file",
        ):
            name = message.get("file_name") or (
                "picture.jpg" if message.get("type") == "picture" else "file"
            )
            mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            inbound.files.append(
                (message["media"], name, mimetype, message.get("size") or 0)
            )
        if message.get("type") == "sticker" and not inbound.text:
            inbound.text = "[sticker]"
        if not inbound.external_id or not (inbound.text or inbound.files):
            return "an empty message"
        return inbound

    def download(self, channel, reference):
        return self.fetch(reference)

    def _call(self, channel, path, payload):
        response = self.request(
            "POST",
            f"{self.api_url(channel)}/pa/{path}",
            json=payload,
            headers={"X-Viber-Auth-Token": channel.sudo().token or ""},
        )
        answer = self.json(response)
        if answer.get("status") != 0:
            raise ProviderError(
                answer.get("status_message") or f"{path} failed", permanent=True
            )
        return answer

    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        base = {
            "receiver": contact.external_id,
            "sender": {"name": (channel.name or "Support")[:28]},
        }
        messages = [{"type": "text", "text": text[:7000]}] if text else []
        for file in attachments:
            # Viber fetches the file from its link: pictures up to 1 MB are
            # shown inline, anything else is a file to download
            if file.mimetype in PICTURE_TYPES and len(file.content) <= PICTURE_BYTES:
                messages.append({"type": "picture", "text": "", "media": file.url})
            else:
                messages.append(
                    {
                        "type": "file",
                        "media": file.url,
                        "size": len(file.content),
                        "file_name": file.name[:255],
                    }
                )
        token = ""
        for message in messages:
            answer = self._call(channel, "send_message", {**base, **message})
            token = str(answer.get("message_token") or "")
        return token

    def register_webhook(self, channel):
        self._call(
            channel,
            "set_webhook",
            {
                "url": channel.webhook_url,
                "event_types": ["delivered", "seen", "failed", "conversation_started"],
                "send_name": True,
            },
        )
        return "Viber sends the bot's messages to the webhook."
