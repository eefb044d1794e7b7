# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The helpdesk's mail gateway, where it must sit on ``mail.thread``.

Core parses a mail before its route is known and asks the target model to check alias
routes only. The overrides below act on mails going to ``helpdesk.ticket`` and leave
every other model's mail exactly as core processes it; the decisions themselves are
``helpdesk.ticket`` methods (its "mail gateway" section).
"""

import codecs
import logging
import re
from collections import defaultdict

from odoo import api, models
from odoo.tools import email_normalize_all, email_split
from odoo.tools.mail import (
    decode_message_header,
    email_split_and_format,
    unfold_references,
)

try:
    import chardet
except ImportError:  # an Odoo requirement: only guard against a trimmed install
    chardet = None

_logger = logging.getLogger(__name__)

# Headers of our own automatic mails (stage templates, acknowledgements): RFC 3834
# responders and Exchange (out-of-office, auto-reply) must not answer them. Like core's
# out-of-office mails, but delivery reports stay allowed.
AUTO_MAIL_HEADERS = {
    "Auto-Submitted": "auto-replied",
    "X-Auto-Response-Suppress": "OOF, AutoReply",
}
ROBOT_PRECEDENCES = {"auto_reply", "bulk", "junk"}
NO_AUTO_ANSWER_SUPPRESS = {"all", "autoreply"}

# What the kind of an incoming mail means while it is processed on a ticket:
# ``helpdesk_auto_reply``: send no automatic answer (stage mail, SMS);
# ``helpdesk_robot_mail``: a program wrote it (people it copies do not follow).
MAIL_KIND_CONTEXT = {
    "robot": {"helpdesk_auto_reply": True, "helpdesk_robot_mail": True},
    "no_auto_answer": {"helpdesk_auto_reply": True},
}

# "[HD00033]", "(#HD00033)", "#HD00033": the forms our subjects and names carry
TICKET_REF_RE = re.compile(r"\[\s*#?([\w/.-]+)\s*\]|\(\s*#([\w/.-]+)\s*\)|#([\w/.-]+)")
TICKET_REF_MAX = 10
REDECODED_HEADERS = ("subject", "from", "cc")


def _header(message, name):
    value = message.get(name)
    return str(value).strip().lower() if value is not None else ""


def incoming_mail_kind(message):
    """The kind of an incoming ``email.message``:

    - ``"robot"``: written by a program (RFC 3834 auto-replies, vacation tools, bulk
      mail, delivery reports);
    - ``"no_auto_answer"``: written by a person who asks not to be answered
      automatically (Exchange's ``X-Auto-Response-Suppress``, mailing lists and
      shared mailboxes);
    - ``""``: an ordinary mail.
    """
    auto_submitted = _header(message, "Auto-Submitted").split(";")[0].strip()
    precedence = _header(message, "Precedence")
    sender = (email_split(_header(message, "From")) or [""])[0]
    if (
        (auto_submitted and auto_submitted != "no")
        or _header(message, "X-Autoreply")
        or _header(message, "X-Autorespond")
        or precedence in ROBOT_PRECEDENCES
        or message.get_content_type() == "multipart/report"
        or sender.partition("@")[0] == "mailer-daemon"
    ):
        return "robot"
    suppress = {
        token.strip()
        for token in _header(message, "X-Auto-Response-Suppress").split(",")
    }
    if (
        suppress & NO_AUTO_ANSWER_SUPPRESS
        or precedence == "list"
        or message.get("List-Id") is not None
    ):
        return "no_auto_answer"
    return ""


def subject_ticket_refs(subject):
    """The ticket references a subject may name (tokens with a digit)."""
    refs = set()
    for match in TICKET_REF_RE.finditer(subject or ""):
        token = next(group for group in match.groups() if group)
        if any(char.isdigit() for char in token):
            refs.update((token, token.upper()))
        if len(refs) >= 2 * TICKET_REF_MAX:
            break
    return refs


def incoming_mail_addresses(message):
    """The normalized recipients (envelope, To, Cc, resent) and the references of
    an incoming ``email.message`` that is not parsed yet."""
    recipients = email_normalize_all(
        ",".join(
            decode_message_header(message, header, separator=",")
            for header in ("Delivered-To", "To", "Cc", "Resent-To", "Resent-Cc")
        )
    )
    references = unfold_references(decode_message_header(message, "References")) + [
        decode_message_header(message, "In-Reply-To").strip()
    ]
    return recipients, [ref for ref in references if ref][-32:]


def _known_charset(charset):
    try:
        return bool(charset) and bool(codecs.lookup(charset))
    except LookupError:
        return False


def _guess_charset(data):
    if chardet is None or not data:
        return None
    charset = chardet.detect(data).get("encoding")
    return charset if _known_charset(charset) else None


def _decode(data, charsets):
    for charset in charsets:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def redecoded_message_values(message):
    """Message values (``subject``, ``email_from``, ``cc``) of the headers that were
    written as raw 8-bit text in another charset than UTF-8 (koi8-r, cp1251... as
    Russian mail clients do), which the ``email`` package reads as U+FFFD.

    They are decoded with the charsets of the text parts, else the one a detector
    guesses; a header none of them decodes is left as core parsed it.
    """
    raw = defaultdict(list)
    for name, value in message.raw_items():
        if name.lower() in REDECODED_HEADERS:
            try:
                raw[name.lower()].append(value.encode("ascii", "surrogateescape"))
            except UnicodeEncodeError:  # a message built from text, not bytes
                return {}
    raw = {
        name: values for name, values in raw.items() if not b"".join(values).isascii()
    }
    if not raw:
        return {}
    charsets = ["utf-8"]
    for part in message.walk():
        charset = part.get_content_charset()
        if part.get_content_maintype() == "text" and _known_charset(charset):
            charsets.append(charset)
    guessed = _guess_charset(
        b" ".join(value for values in raw.values() for value in values)
    )
    if guessed:
        charsets.append(guessed)
    charsets = list(dict.fromkeys(charsets))
    decoded = {}
    for name, values in raw.items():
        texts = [_decode(value, charsets) for value in values]
        if None not in texts:
            decoded[name] = [
                str(message.policy.header_fetch_parse(name, text)) for text in texts
            ]
    values = {}
    if "subject" in decoded:
        values["subject"] = " ".join(decoded["subject"])
    if "from" in decoded:
        email_from = ",".join(decoded["from"])
        email_from = (email_split_and_format(email_from) or [email_from])[0]
        values.update(email_from=email_from, **{"from": email_from})
    if "cc" in decoded:
        cc = ",".join(decoded["cc"])
        values["cc"] = ",".join(email_split_and_format(cc)) or cc
    return values


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_parse(self, message, save_original=False):
        """A helpdesk mail whose text parts declare an unknown charset is read with
        the charset a detector guesses (else UTF-8, bad bytes replaced) instead of
        making the gateway run fail. Other mails fail as in core."""
        try:
            return super().message_parse(message, save_original=save_original)
        except (LookupError, UnicodeError):
            if not self.env["helpdesk.ticket"]._gateway_is_ticket_mail(message):
                raise
            _logger.warning(
                "Helpdesk: mail %s from %s has an undecodable charset: guessed",
                message.get("Message-Id"),
                message.get("From"),
            )
            for part in message.walk():
                if part.get_content_maintype() == "text" and not _known_charset(
                    part.get_content_charset()
                ):
                    charset = _guess_charset(part.get_payload(decode=True))
                    part.set_param("charset", charset or "utf-8")
            return super().message_parse(message, save_original=save_original)

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """Core asks the target model to check alias routes only: tickets also check
        the replies and the fallback routes that go to them."""
        Ticket = self.env["helpdesk.ticket"]
        if route and route[0] == Ticket._name and self._name != Ticket._name:
            return Ticket._routing_check_route(
                message, message_dict, route, raise_exception=raise_exception
            )
        return super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )

    @api.model
    def _message_route_process(self, message, message_dict, routes):
        """Routes to tickets are processed with the helpdesk's context (see
        ``MAIL_KIND_CONTEXT``) and the 8-bit headers decoded; robots' and our own
        addresses' mails that no alias check caught are dropped. Routes to other
        models are processed as core does, one at a time as core's loop does."""
        Ticket = self.env["helpdesk.ticket"]
        if not any(route[0] == Ticket._name for route in routes or ()):
            return super()._message_route_process(message, message_dict, routes)
        context = MAIL_KIND_CONTEXT.get(incoming_mail_kind(message), {})
        redecoded = redecoded_message_values(message)
        partner_ids = message_dict.pop("partner_ids", [])
        thread_id = False
        for route in routes:
            if route[0] != Ticket._name:
                message_dict["partner_ids"] = partner_ids
                thread_id = super()._message_route_process(
                    message, message_dict, [route]
                )
                continue
            reason = not route[4] and Ticket._gateway_drop_reason(
                message, message_dict, route
            )
            if reason:
                Ticket._gateway_drop(message, message_dict, route, reason)
                continue
            original = {key: message_dict.get(key) for key in redecoded}
            message_dict.update(redecoded, partner_ids=partner_ids)
            try:
                thread_id = super(
                    MailThread, self.with_context(**context)
                )._message_route_process(message, message_dict, [route])
            finally:
                message_dict.update(original)
        return thread_id
