# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# Headers set by auto-responders (RFC 3834, Exchange, common vacation tools).
AUTO_REPLY_HEADERS = {
    "auto-submitted": lambda v: v not in ("", "no"),
    "x-auto-response-suppress": lambda v: v in ("all", "oof", "autoreply"),
    "precedence": lambda v: v in ("auto_reply", "bulk", "junk", "list"),
    "x-autoreply": bool,
    "x-autorespond": bool,
}


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def _is_auto_reply_message(self, message):
        """Whether an incoming ``email.message`` was written by a robot
        (vacation reply, auto-acknowledgement, mailing list)."""
        return any(
            is_auto(str(message.get(header)).strip().lower())
            for header, is_auto in AUTO_REPLY_HEADERS.items()
            if message.get(header) is not None
        )

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Process robots' mails with ``helpdesk_auto_reply`` in the context, so that
        what they trigger never answers them (no stage mail, no SMS)."""
        if self._is_auto_reply_message(message):
            self = self.with_context(helpdesk_auto_reply=True)  # noqa: PLW0642
        return super()._message_route_process(message, message_dict, routes)

    @api.model
    def message_parse(self, message, save_original=False):
        """A mail whose text parts declare an unknown charset is read as UTF-8 (bad
        bytes replaced) instead of making the whole gateway run fail."""
        try:
            return super().message_parse(message, save_original=save_original)
        except (LookupError, UnicodeError):
            _logger.warning(
                "Mail %s from %s has an undecodable charset: read as UTF-8",
                message.get("Message-Id"),
                message.get("From"),
            )
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    part.set_param("charset", "utf-8")
            return super().message_parse(message, save_original=save_original)
