# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""VK community messages through the Callback API: requests carry the
community's ``secret``; the first one (``confirmation``) is answered with the
confirmation code shown in the community's settings."""

import secrets

from .base import (
    InboundMessage,
    Provider,
    ProviderError,
    register,
    same,
    timestamp,
)

API_VERSION = "5.199"
# peers above this are group chats
CHAT_PEER_OFFSET = 2000000000
# what VK shows as a photo; anything else goes as a document
PHOTO_TYPES = ("image/jpeg", "image/png", "image/gif")


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
            date=timestamp(message.get("date")),
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

    def _method(self, channel, name, **params):
        """A VK API method's ``response``; flood control is retried later."""
        response = self.request(
            "POST",
            f"{self.api_url(channel)}/method/{name}",
            data={
                "access_token": channel.sudo().token or "",
                "v": API_VERSION,
                **params,
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
                error.get("error_msg") or f"{name} failed", permanent=True
            )
        return answer.get("response")

    def _upload(self, channel, contact, file):
        """Upload a file for a message: its attachment string (photo… or
        doc…)."""
        photo = file.mimetype in PHOTO_TYPES
        server = self._method(
            channel,
            "photos.getMessagesUploadServer"
            if photo
            else "docs.getMessagesUploadServer",
            peer_id=contact.external_id,
            **({} if photo else {"type": "doc"}),
        )
        upload_url = server.get("upload_url") if isinstance(server, dict) else None
        if not upload_url:
            raise ProviderError("VK gave no upload address", permanent=True)
        response = self.request(
            "POST",
            upload_url,
            files={
                "photo" if photo else "file": (file.name, file.content, file.mimetype)
            },
        )
        uploaded = self.json(response)
        if not isinstance(uploaded, dict) or uploaded.get("error"):
            raise ProviderError(f"{file.name}: upload refused", permanent=True)
        if photo:
            kind = "photo"
            saved = self._method(
                channel,
                "photos.saveMessagesPhoto",
                server=uploaded.get("server"),
                photo=uploaded.get("photo"),
                hash=uploaded.get("hash"),
            )
            item = saved[0] if isinstance(saved, list) and saved else {}
        else:
            kind = "doc"
            saved = self._method(
                channel, "docs.save", file=uploaded.get("file"), title=file.name
            )
            item = saved.get("doc") if isinstance(saved, dict) else {}
        if not isinstance(item, dict) or not item.get("id"):
            raise ProviderError(
                f"{file.name}: VK did not keep the file", permanent=True
            )
        reference = f"{kind}{item.get('owner_id')}_{item['id']}"
        if item.get("access_key"):
            reference += f"_{item['access_key']}"
        return reference

    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        uploaded = [self._upload(channel, contact, file) for file in attachments]
        params = {
            "peer_id": contact.external_id,
            "message": text[:9000],
            "random_id": int(key) % 2**31 if key else secrets.randbelow(2**31),
        }
        if uploaded:
            params["attachment"] = ",".join(uploaded)
        return str(self._method(channel, "messages.send", **params) or "")
