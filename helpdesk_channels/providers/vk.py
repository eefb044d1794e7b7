# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""VK community messages through the Callback API: requests carry the
community's ``secret``; the first one (``confirmation``) is answered with the
confirmation code shown in the community's settings."""

import secrets

from .base import InboundMessage, Provider, ProviderError, register, same

API_VERSION = "5.199"
# peers above this are group chats
CHAT_PEER_OFFSET = 2000000000


@register
class VK(Provider):
    code = "vk"
    label = "VK"
    default_api_url = "https://api.vk.com"

    def verify(self, channel, body, headers, args):
        payload = self.loads(body) or {}
        if str(payload.get("group_id") or "") != str(channel.sudo().vk_group_id or ""):
            return False
        return same(channel.sudo().vk_secret, payload.get("secret"))

    def handshake(self, channel, method, body, headers, args):
        payload = self.loads(body) or {}
        if payload.get("type") == "confirmation":
            return 200, channel.sudo().vk_confirmation_code or ""
        return None

    def split(self, channel, payload):
        event_id = payload.get("event_id")
        if not event_id:
            return []
        return [(str(event_id), payload)]

    def parse(self, channel, event):
        if event.get("type") != "message_new":
            return f"{event.get('type') or 'unknown'} event"
        message = (event.get("object") or {}).get("message") or {}
        peer = message.get("peer_id") or 0
        if peer >= CHAT_PEER_OFFSET:
            return "group chat: only private messages open tickets"
        inbound = InboundMessage(
            external_id=str(peer),
            message_id=str(message.get("id") or ""),
            name=f"VK {message.get('from_id') or peer}",
            text=message.get("text") or "",
        )
        for attachment in message.get("attachments") or []:
            kind = (attachment or {}).get("type")
            item = (attachment or {}).get(kind) or {}
            if kind == "photo" and item.get("sizes"):
                best = max(item["sizes"], key=lambda s: s.get("width") or 0)
                inbound.files.append((best.get("url"), "photo.jpg", "image/jpeg", 0))
            elif kind == "doc" and item.get("url"):
                name = item.get("title") or f"document.{item.get('ext') or 'bin'}"
                inbound.files.append(
                    (
                        item["url"],
                        name,
                        "application/octet-stream",
                        item.get("size") or 0,
                    )
                )
        if not inbound.text and not inbound.files:
            return "an empty message"
        return inbound

    def download(self, channel, reference):
        return self.fetch(reference)

    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        response = self.request(
            "POST",
            f"{self.api_url(channel)}/method/messages.send",
            data={
                "access_token": channel.sudo().token or "",
                "v": API_VERSION,
                "peer_id": contact.external_id,
                "message": text[:9000],
                "random_id": int(key) % 2**31 if key else secrets.randbelow(2**31),
            },
        )
        answer = self.json(response)
        error = answer.get("error")
        if error:
            if error.get("error_code") in (6, 9, 10):
                raise ProviderError(
                    error.get("error_msg") or "Too many requests", retry_after=5
                )
            raise ProviderError(
                error.get("error_msg") or "messages.send failed", permanent=True
            )
        return str(answer.get("response") or "")
