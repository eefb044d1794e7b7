# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Any other messenger, phone system or form: JSON in, JSON out, both signed
with HMAC-SHA256 of the body (header ``X-Helpdesk-Signature: sha256=<hex>``).

In: ``{"event_id": "...", "contact": {"id": "...", "name": "...", "phone": "...",
"email": "..."}, "text": "...", "attachments": [{"name": "...", "mimetype":
"...", "content_base64": "..."}]}``. Out: every public reply of a ticket of the
conversation, ``{"event_id", "contact": {"id"}, "ticket": {"id", "ref"}, "text",
"attachments": [...]}``.
"""

import base64
import binascii
import json
import uuid

from odoo.tools import email_normalize

from .base import (
    InboundMessage,
    Provider,
    ProviderError,
    hmac_sha256_hex,
    identifier,
    register,
    signed,
    text,
    visible,
)

SIGNATURE_HEADER = "X-Helpdesk-Signature"


@register
class Webhook(Provider):
    code = "webhook"
    label = "Webhook"
    default_api_url = ""

    def verify(self, channel, body, headers, args):
        secret = channel.sudo().webhook_secret
        return signed(secret, body, headers.get(SIGNATURE_HEADER), "sha256=")

    def split(self, channel, payload):
        event_id = identifier(payload.get("event_id"))
        return [(event_id, payload)] if event_id else []

    def parse(self, channel, event):
        contact = event.get("contact")
        if not isinstance(contact, dict) or not identifier(contact.get("id")):
            return "no contact id"
        email = email_normalize(text(contact.get("email"), 255)) or ""
        inbound = InboundMessage(
            external_id=identifier(contact["id"]),
            message_id=identifier(event.get("event_id")),
            name=visible(text(contact.get("name"), 128)),
            phone=text(contact.get("phone"), 32),
            email=email,
            text=text(event.get("text")),
        )
        attachments = event.get("attachments")
        for attachment in attachments if isinstance(attachments, list) else []:
            if not isinstance(attachment, dict):
                continue
            try:
                content = base64.b64decode(
                    text(attachment.get("content_base64")), validate=True
                )
            except (binascii.Error, ValueError):
                continue
            inbound.contents.append(
                (
                    text(attachment.get("name"), 128) or "file",
                    text(attachment.get("mimetype"), 128) or "application/octet-stream",
                    content,
                )
            )
        if not visible(inbound.text) and not inbound.contents:
            return "no text nor attachment"
        return inbound

    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        url = channel.sudo().outbound_url
        if not url:
            raise ProviderError("No outbound URL set on the channel.", permanent=True)
        body = json.dumps(
            {
                "event_id": str(key or uuid.uuid4()),
                "contact": {"id": contact.external_id},
                "ticket": {"id": ticket.id, "ref": ticket.ticket_ref} if ticket else {},
                "text": text,
                "attachments": [
                    {
                        "name": file.name,
                        "mimetype": file.mimetype,
                        "content_base64": base64.b64encode(file.content).decode(),
                    }
                    for file in attachments
                ],
            }
        ).encode()
        response = self.request(
            "POST",
            url,
            data=body,
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: "sha256="
                + hmac_sha256_hex(channel.sudo().webhook_secret or "", body),
            },
        )
        if response.status_code >= 400:
            raise ProviderError(
                f"The receiver answered {response.status_code}", permanent=True
            )
        try:
            return str(response.json().get("message_id") or "")
        except (ValueError, AttributeError):
            return ""
