# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""WhatsApp Cloud API (Meta Graph API): webhooks signed with the app secret
(``X-Hub-Signature-256``), verified once by a GET with ``hub.challenge``."""

from .base import (
    InboundMessage,
    Provider,
    ProviderError,
    register,
    same,
    signed,
    text,
    timestamp,
)

MEDIA_KINDS = ("image", "document", "audio", "video", "sticker")
# what WhatsApp shows as a picture, a video or a voice message; anything else
# goes as a document
IMAGE_TYPES = ("image/jpeg", "image/png")
VIDEO_TYPES = ("video/mp4", "video/3gpp")
AUDIO_TYPES = ("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")


def _media_kind(mimetype):
    if mimetype in IMAGE_TYPES:
        return "image"
    if mimetype in VIDEO_TYPES:
        return "video"
    if mimetype in AUDIO_TYPES:
        return "audio"
    return "document"


@register
class WhatsApp(Provider):
    code = "whatsapp"
    label = "WhatsApp"
    default_api_url = "https://graph.facebook.com/v23.0"

    def verify(self, channel, body, headers, args):
        return signed(
            channel.sudo().wa_app_secret,
            body,
            headers.get("X-Hub-Signature-256"),
            "sha256=",
        )

    def handshake(self, channel, method, body, headers, args):
        if method != "GET":
            return None
        if args.get("hub.mode") == "subscribe" and same(
            channel.sudo().wa_verify_token, args.get("hub.verify_token")
        ):
            return 200, args.get("hub.challenge") or ""
        return 403, "Forbidden"

    def split(self, channel, payload):
        events = []
        for entry in payload.get("entry") or []:
            for change in (entry or {}).get("changes") or []:
                value = (change or {}).get("value") or {}
                names = {
                    c.get("wa_id"): (c.get("profile") or {}).get("name")
                    for c in value.get("contacts") or []
                    if isinstance(c, dict)
                }
                for message in value.get("messages") or []:
                    if isinstance(message, dict) and message.get("id"):
                        events.append(
                            (
                                str(message["id"]),
                                {
                                    "message": message,
                                    "name": names.get(message.get("from")) or "",
                                },
                            )
                        )
                for status in value.get("statuses") or []:
                    if isinstance(status, dict) and status.get("id"):
                        events.append(
                            (
                                f"status:{status['id']}:{status.get('status')}",
                                {"status": status},
                            )
                        )
        return events

    def parse_status(self, channel, event):
        status = event.get("status")
        if not isinstance(status, dict):
            return None
        state = {"delivered": "delivered", "read": "read", "failed": "failed"}.get(
            status.get("status")
        )
        if not state:
            return None
        errors = status.get("errors") or [{}]
        return str(status.get("id")), state, (errors[0] or {}).get("title") or ""

    def parse(self, channel, event):
        message = event.get("message")
        if not isinstance(message, dict):
            return "a delivery status"
        kind = message.get("type")
        inbound = InboundMessage(
            external_id=str(message.get("from") or ""),
            message_id=str(message.get("id")),
            name=event.get("name") or "",
            phone="+" + str(message.get("from") or ""),
            date=timestamp(message.get("timestamp")),
        )
        if kind == "text":
            inbound.text = (message.get("text") or {}).get("body") or ""
        elif kind in MEDIA_KINDS:
            media = message.get(kind) or {}
            inbound.text = media.get("caption") or ""
            mimetype = (media.get("mime_type") or "application/octet-stream").split(
                ";"
            )[0]
            inbound.files.append(
                (media.get("id"), media.get("filename") or f"{kind}", mimetype, 0)
            )
        elif kind == "location":
            location = message.get("location") or {}
            inbound.text = (
                f"https://www.openstreetmap.org/?mlat={location.get('latitude')}"
                f"&mlon={location.get('longitude')}"
            )
        elif kind in ("button", "interactive"):
            inbound.text = (message.get("button") or {}).get("text") or str(
                (message.get("interactive") or {}).get("button_reply", {}).get("title")
                or ""
            )
        else:
            return f"{kind or 'unknown'} message"
        if not inbound.external_id or not (inbound.text or inbound.files):
            return "an empty message"
        return inbound

    def _headers(self, channel):
        return {"Authorization": f"Bearer {channel.sudo().token}"}

    def download(self, channel, reference):
        headers = self._headers(channel)
        meta = self.json(
            self.request("GET", f"{self.api_url(channel)}/{reference}", headers=headers)
        )
        if not meta.get("url"):
            raise ProviderError("The media has expired or is unknown", permanent=True)
        return self.fetch(meta["url"], headers=headers)

    def fetch_templates(self, channel):
        """The approved templates of the business account: [(name, language,
        body)], following the pages."""
        account = channel.wa_business_account_id
        url = f"{self.api_url(channel)}/{account}/message_templates"
        params = {"fields": "name,language,status,components", "limit": 100}
        templates = []
        for _page in range(20):
            response = self.request(
                "GET", url, headers=self._headers(channel), params=params
            )
            answer = self.json(response)
            if response.status_code >= 400:
                error = answer.get("error") or {}
                raise ProviderError(
                    error.get("message") or "Templates refused", permanent=True
                )
            for item in answer.get("data") or []:
                if not isinstance(item, dict) or item.get("status") != "APPROVED":
                    continue
                body = next(
                    (
                        text(c.get("text"))
                        for c in item.get("components") or []
                        if isinstance(c, dict) and c.get("type") == "BODY"
                    ),
                    "",
                )
                templates.append(
                    (text(item.get("name"), 512), text(item.get("language"), 16), body)
                )
            after = ((answer.get("paging") or {}).get("cursors") or {}).get("after")
            if not after or not (answer.get("paging") or {}).get("next"):
                break
            params = {**params, "after": after}
        return [t for t in templates if t[0] and t[1]]

    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        last = ""
        if text:
            last = self._post_message(
                channel,
                {
                    "to": contact.external_id,
                    "type": "text",
                    "text": {"body": text[:4096]},
                },
            )
        for file in attachments:
            kind = _media_kind(file.mimetype)
            media = {"id": self._upload(channel, file)}
            if kind == "document":
                media["filename"] = file.name
            last = self._post_message(
                channel, {"to": contact.external_id, "type": kind, kind: media}
            )
        return last

    def _upload(self, channel, file):
        """Upload a file to WhatsApp's media store; its media id."""
        url = f"{self.api_url(channel)}/{channel.sudo().wa_phone_number_id}/media"
        response = self.request(
            "POST",
            url,
            headers=self._headers(channel),
            data={"messaging_product": "whatsapp", "type": file.mimetype},
            files={"file": (file.name, file.content, file.mimetype)},
        )
        answer = self.json(response)
        if response.status_code >= 400 or not answer.get("id"):
            error = answer.get("error") or {}
            raise ProviderError(
                f"{file.name}: {error.get('message') or 'upload refused'}",
                permanent=True,
            )
        return str(answer["id"])

    def send_template(self, channel, contact, template, params):
        message = {
            "name": template.name,
            "language": {"code": template.language},
        }
        if params:
            # {{1}}, {{2}}: positional, in order; {{name}}: named parameters
            positional = all(str(name).isdigit() for name, _value in params)
            if positional:
                params = sorted(params, key=lambda p: int(p[0]))
            message["components"] = [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": str(value)[:1024]}
                        if positional
                        else {
                            "type": "text",
                            "parameter_name": name,
                            "text": str(value)[:1024],
                        }
                        for name, value in params
                    ],
                }
            ]
        return self._post_message(
            channel,
            {"to": contact.external_id, "type": "template", "template": message},
        )

    def _post_message(self, channel, message):
        url = f"{self.api_url(channel)}/{channel.sudo().wa_phone_number_id}/messages"
        response = self.request(
            "POST",
            url,
            headers=self._headers(channel),
            json={"messaging_product": "whatsapp", **message},
        )
        answer = self.json(response)
        if response.status_code >= 400:
            error = answer.get("error") or {}
            if error.get("code") in (130429, 131056, 80007):
                raise ProviderError(
                    error.get("message") or "Rate limited", retry_after=60
                )
            raise ProviderError(error.get("message") or "Send failed", permanent=True)
        return str(((answer.get("messages") or [{}])[0]).get("id") or "")
