# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Telegram Bot API: https://core.telegram.org/bots/api"""

import mimetypes

from .base import InboundMessage, Provider, ProviderError, register, same

# the Bot API serves files up to 20 MB
MAX_DOWNLOAD = 20 * 1024 * 1024


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
        if not isinstance(update_id, int):
            return []
        return [(str(update_id), payload)]

    def parse(self, channel, event):
        edited = "edited_message" in event
        message = event.get("message") or event.get("edited_message")
        if not isinstance(message, dict):
            kinds = ", ".join(sorted(k for k in event if k != "update_id"))
            return f"not a message ({kinds or 'empty'})"
        chat = message.get("chat") or {}
        if chat.get("type") != "private":
            return (
                f"{chat.get('type') or 'unknown'} chat: only private chats open tickets"
            )
        sender = message.get("from") or {}
        if sender.get("is_bot"):
            return "sent by a bot"
        text = message.get("text") or message.get("caption") or ""
        if text.strip() == "/start" and not edited:
            return "/start: the conversation opens, no message yet"
        name = " ".join(
            part for part in (sender.get("first_name"), sender.get("last_name")) if part
        )
        inbound = InboundMessage(
            external_id=str(chat.get("id")),
            message_id=str(message.get("message_id") or ""),
            name=name,
            username=sender.get("username") or "",
            lang=sender.get("language_code") or "",
            text=text,
            edited=edited,
        )
        contact = message.get("contact")
        if isinstance(contact, dict) and contact.get("phone_number"):
            inbound.phone = contact["phone_number"]
            if not inbound.text:
                inbound.text = contact["phone_number"]
        sticker = message.get("sticker")
        if isinstance(sticker, dict) and not inbound.text:
            inbound.text = sticker.get("emoji") or "[sticker]"
        location = message.get("location")
        if isinstance(location, dict) and not inbound.text:
            inbound.text = (
                f"https://www.openstreetmap.org/?mlat={location.get('latitude')}"
                f"&mlon={location.get('longitude')}"
            )
        photos = message.get("photo")
        if isinstance(photos, list) and photos:
            best = max(photos, key=lambda p: p.get("file_size") or 0)
            inbound.files.append(
                (
                    best.get("file_id"),
                    "photo.jpg",
                    "image/jpeg",
                    best.get("file_size") or 0,
                )
            )
        for kind in ("document", "video", "audio", "voice", "video_note", "animation"):
            item = message.get(kind)
            if isinstance(item, dict) and item.get("file_id"):
                mimetype = item.get("mime_type") or "application/octet-stream"
                extension = mimetypes.guess_extension(mimetype) or ""
                inbound.files.append(
                    (
                        item["file_id"],
                        item.get("file_name") or f"{kind}{extension}",
                        mimetype,
                        item.get("file_size") or 0,
                    )
                )
        if not inbound.text and not inbound.files:
            return "a message without text nor file (service message)"
        return inbound

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
        if (result.get("file_size") or 0) > MAX_DOWNLOAD:
            raise ProviderError(
                "The file is larger than Telegram lets bots download", permanent=True
            )
        response = self.request(
            "GET", f"{base}/file/bot{token}/{result.get('file_path')}"
        )
        if response.status_code != 200:
            raise ProviderError(
                f"File download failed ({response.status_code})", permanent=True
            )
        return response.content

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
        for name, mimetype, content in attachments:
            method, field = (
                ("sendPhoto", "photo")
                if mimetype in ("image/jpeg", "image/png")
                else ("sendDocument", "document")
            )
            last = self._call(
                channel,
                method,
                data={"chat_id": contact.external_id},
                files={field: (name, content, mimetype)},
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
