# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Telegram Bot API: https://core.telegram.org/bots/api"""

import mimetypes

from .base import (
    InboundMessage,
    Provider,
    ProviderError,
    register,
    same,
    text,
    timestamp,
    visible,
)

# the Bot API serves files up to 20 MB
MAX_DOWNLOAD = 20 * 1024 * 1024


def _size(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


@register
class Telegram(Provider):
    code = "telegram"
    label = "Telegram"
    default_api_url = "https://api.telegram.org"

    # ------------------------------------------------------------ inbound
    def verify(self, channel, body, headers, args):
        return same(
            channel.sudo().webhook_secret,
            headers.get("X-Telegram-Bot-Api-Secret-Token"),
        )

    def split(self, channel, payload):
        update_id = payload.get("update_id")
        if isinstance(update_id, bool) or not isinstance(update_id, int):
            return []
        return [(str(update_id), payload)]

    def parse(self, channel, event):
        edited = "edited_message" in event
        message = event.get("message") or event.get("edited_message")
        if not isinstance(message, dict):
            kinds = ", ".join(sorted(str(k) for k in event if k != "update_id"))
            return f"not a message ({kinds or 'empty'})"
        chat = message.get("chat")
        sender = message.get("from")
        if not isinstance(chat, dict) or not isinstance(sender, dict):
            return "a message without chat or sender"
        if chat.get("type") != "private":
            kind = text(chat.get("type")) or "unknown"
            return f"{kind} chat: only private chats open tickets"
        if sender.get("is_bot") is not False:
            return "sent by a bot (or a sender of unknown kind)"
        chat_id = chat.get("id")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int):
            return "a chat without a valid id"
        body = text(message.get("text")) or text(message.get("caption"))
        if body.strip() == "/start":
            return "/start: the conversation opens, no message yet"
        name = " ".join(
            part
            for part in (
                visible(text(sender.get("first_name"), 64)),
                visible(text(sender.get("last_name"), 64)),
            )
            if part
        )
        inbound = InboundMessage(
            external_id=str(chat_id),
            message_id=text(message.get("message_id")),
            name=name,
            username=visible(text(sender.get("username"), 64)),
            lang=text(sender.get("language_code"), 16),
            text=body,
            edited=edited,
            date=timestamp(message.get("date")),
        )
        self._add_extras(message, sender, inbound)
        self._add_files(message, inbound)
        if not visible(inbound.text) and not inbound.files:
            return "a message without text nor file (service message)"
        return inbound

    def _add_extras(self, message, sender, inbound):
        """A shared contact card, a sticker, a location: said as text."""
        contact = message.get("contact")
        if isinstance(contact, dict):
            phone = text(contact.get("phone_number"), 32)
            # a shared contact card is the sender's number only when it is their own
            if phone and contact.get("user_id") == sender.get("id"):
                inbound.phone = phone
            card = " ".join(
                p for p in (phone, text(contact.get("first_name"), 64)) if p
            )
            inbound.text = inbound.text or card
        sticker = message.get("sticker")
        if isinstance(sticker, dict) and not inbound.text:
            inbound.text = text(sticker.get("emoji"), 16) or "[sticker]"
        location = message.get("location")
        if isinstance(location, dict) and not inbound.text:
            latitude, longitude = location.get("latitude"), location.get("longitude")
            if all(
                isinstance(v, (int, float)) and not isinstance(v, bool)
                for v in (latitude, longitude)
            ):
                inbound.text = (
                    f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
                )

    def _add_files(self, message, inbound):
        """The photo (its largest size) and the other files of the message."""
        photos = message.get("photo")
        if isinstance(photos, list):
            sizes = [
                p for p in photos if isinstance(p, dict) and text(p.get("file_id"))
            ]
            if sizes:
                best = max(sizes, key=lambda p: _size(p.get("file_size")))
                inbound.files.append(
                    (
                        text(best["file_id"]),
                        "photo.jpg",
                        "image/jpeg",
                        _size(best.get("file_size")),
                    )
                )
        for kind in ("document", "video", "audio", "voice", "video_note", "animation"):
            item = message.get(kind)
            if isinstance(item, dict) and text(item.get("file_id")):
                mimetype = (
                    text(item.get("mime_type"), 128) or "application/octet-stream"
                )
                extension = mimetypes.guess_extension(mimetype) or ""
                inbound.files.append(
                    (
                        text(item["file_id"]),
                        text(item.get("file_name"), 128) or f"{kind}{extension}",
                        mimetype,
                        _size(item.get("file_size")),
                    )
                )

    def download(self, channel, reference):
        token = channel.sudo().token
        base = self.api_url(channel)
        answer = self.json(
            self.request(
                "POST", f"{base}/bot{token}/getFile", json={"file_id": reference}
            )
        )
        if not answer.get("ok"):
            raise ProviderError(
                answer.get("description") or "getFile failed", permanent=True
            )
        result = answer.get("result") or {}
        if _size(result.get("file_size")) > MAX_DOWNLOAD:
            raise ProviderError(
                "The file is larger than Telegram lets bots download", permanent=True
            )
        return self.fetch(f"{base}/file/bot{token}/{result.get('file_path')}")

    # ------------------------------------------------------------ outbound
    def _call(self, channel, method, **kwargs):
        token = channel.sudo().token
        response = self.request(
            "POST", f"{self.api_url(channel)}/bot{token}/{method}", **kwargs
        )
        answer = self.json(response)
        if answer.get("ok"):
            return answer.get("result")
        parameters = answer.get("parameters") or {}
        if response.status_code == 429 or parameters.get("retry_after"):
            raise ProviderError(
                answer.get("description") or "Too Many Requests",
                retry_after=parameters.get("retry_after"),
            )
        raise ProviderError(
            answer.get("description") or f"{method} failed", permanent=True
        )

    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        last = None
        if text:
            last = self._call(
                channel,
                "sendMessage",
                json={"chat_id": contact.external_id, "text": text[:4096]},
            )
        for file in attachments:
            method, field = (
                ("sendPhoto", "photo")
                if file.mimetype in ("image/jpeg", "image/png")
                else ("sendDocument", "document")
            )
            last = self._call(
                channel,
                method,
                data={"chat_id": contact.external_id},
                files={field: (file.name, file.content, file.mimetype)},
            )
        return str((last or {}).get("message_id") or "")

    def register_webhook(self, channel):
        self._call(
            channel,
            "setWebhook",
            json={
                "url": channel.webhook_url,
                "secret_token": channel.sudo().webhook_secret,
                "allowed_updates": ["message", "edited_message"],
            },
        )
        return "Telegram sends the bot's messages to the webhook."
