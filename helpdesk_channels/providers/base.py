# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests

PROVIDERS = {}

# what a webhook may carry at most (a message with its metadata, not its files:
# files are downloaded through the provider's API by the processing job)
MAX_BODY_BYTES = 1024 * 1024
TIMEOUT = 10


class ProviderError(Exception):
    """A provider call failed. ``retry_after``: seconds the provider asks to
    wait (rate limit); ``permanent``: retrying will not help."""

    def __init__(self, message, retry_after=None, permanent=False):
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


@dataclass
class InboundMessage:
    """A customer's message, whatever the messenger."""

    external_id: str  # the sender's id in the messenger (chat id, wa_id...)
    message_id: str = ""
    name: str = ""
    username: str = ""
    phone: str = ""
    email: str = ""
    lang: str = ""
    text: str = ""
    # [(reference for download(), file name, mimetype, size or 0)]
    files: list = field(default_factory=list)
    # [(file name, mimetype, bytes)] already in the event (generic webhook)
    contents: list = field(default_factory=list)
    edited: bool = False
    # when the customer wrote (the messenger's timestamp, UTC, naive)
    date: datetime | None = None


@dataclass
class OutboundFile:
    """A file of a reply: its bytes, and a public link to it for messengers
    that fetch files themselves (``Provider.public_file_urls``)."""

    name: str
    mimetype: str
    content: bytes
    url: str = ""


# invisible characters that make a title or a name look empty
_INVISIBLE = dict.fromkeys(map(ord, "\u0000\u200b\u200c\u200d\u2060\ufeff"))


def text(value, limit=None):
    """A string of the payload, or "" for anything else (numbers, objects,
    lists, booleans): malformed fields never reach the ticket."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    value = str(value).replace("\x00", "")
    return value[:limit] if limit else value


def identifier(value):
    """A sender's or an event's id: a non-blank string or an integer."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    value = str(value).strip()
    return value if 0 < len(value) <= 255 else ""


def visible(value):
    """The text without its invisible characters, stripped."""
    return (value or "").translate(_INVISIBLE).strip()


def timestamp(value, milliseconds=False):
    """A messenger's Unix timestamp as a naive UTC datetime, or None."""
    if isinstance(value, bool):
        return None
    try:
        seconds = float(value) / (1000 if milliseconds else 1)
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def register(cls):
    PROVIDERS[cls.code] = cls()
    return cls


def get_provider(code):
    return PROVIDERS.get(code)


def hmac_sha256_hex(key, body):
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def signed(secret, body, given, prefix=""):
    """Whether ``given`` is ``prefix`` and the hex HMAC-SHA256 of ``body`` with
    ``secret`` (constant time; no secret never matches)."""
    given = given or ""
    if not secret or not given.startswith(prefix):
        return False
    return same(hmac_sha256_hex(secret, body), given[len(prefix) :])


def same(expected, given):
    """Constant-time comparison of two secrets (empty never matches)."""
    if not expected or not given:
        return False
    return hmac.compare_digest(str(expected).encode(), str(given).encode())


class Provider:
    """What a messenger does. Subclasses set ``code``, ``label`` and
    ``default_api_url`` and implement what their API offers."""

    code = ""
    label = ""
    default_api_url = ""
    # the messenger downloads a reply's files from a link (no upload)
    public_file_urls = False

    # ------------------------------------------------------------ inbound
    def verify(self, channel, body, headers, args):
        """Whether the request comes from the provider (constant time)."""
        raise NotImplementedError

    def handshake(self, channel, method, body, headers, args):
        """A response the provider expects instead of "ok" (verification
        requests), as (status, text), or None."""
        return None

    def split(self, channel, payload):
        """The events of a webhook body: [(provider event id, event payload)].
        Events without an id are refused (nothing to de-duplicate on)."""
        raise NotImplementedError

    def success_text(self, channel):
        return "ok"

    def parse(self, channel, event):
        """The customer's message of an event (``InboundMessage``), or a
        string: why the event is ignored."""
        raise NotImplementedError

    def parse_status(self, channel, event):
        """A delivery report of a reply: (messenger message id, "delivered" /
        "read" / "failed", error), or None."""
        return None

    def download(self, channel, reference):
        """The bytes of a file of an inbound message."""
        raise ProviderError("This messenger sends no files.", permanent=True)

    # ------------------------------------------------------------ outbound
    def send(self, channel, contact, text, attachments, ticket=None, key=None):
        """Send a reply (``attachments``: [``OutboundFile``]; ``key``: the same
        for every retry of one reply); returns the provider's message id."""
        raise ProviderError("This channel sends no replies.", permanent=True)

    def send_template(self, channel, contact, template, params):
        """Send an approved template, ``params`` filling its variables ([[name,
        value], ...]); returns the provider's message id."""
        raise ProviderError("This messenger has no message templates.", permanent=True)

    def register_webhook(self, channel):
        """Tell the provider where to send events; returns a message for the
        user, or raises ``ProviderError``."""
        raise ProviderError(
            "This messenger is connected in its own settings: see the channel's "
            "setup guide.",
            permanent=True,
        )

    # ------------------------------------------------------------ helpers
    def fetch(self, url, **kwargs):
        """The bytes at ``url`` (a file of a message); a refusal is final."""
        response = self.request("GET", url, **kwargs)
        if response.status_code != 200:
            raise ProviderError(
                f"File download failed ({response.status_code})", permanent=True
            )
        return response.content

    def api_url(self, channel):
        return (channel.api_base_url or self.default_api_url).rstrip("/")

    def request(self, method, url, **kwargs):
        """An HTTP call; network errors and 429/5xx become retryable
        ``ProviderError``s, 4xx permanent ones."""
        timeout = kwargs.pop("timeout", TIMEOUT)
        try:
            response = requests.request(method, url, timeout=timeout, **kwargs)
        except requests.RequestException as error:
            # the URL may hold a token (Telegram's /bot<token>/): name the host only
            host = urlsplit(url).netloc
            raise ProviderError(f"{type(error).__name__} calling {host}") from None
        if response.status_code == 429:
            raise ProviderError(
                "Rate limited (429)", retry_after=self._retry_after(response)
            )
        if response.status_code >= 500:
            raise ProviderError(f"Provider error ({response.status_code})")
        return response

    def _retry_after(self, response):
        """The wait a rate-limited answer asks for: the Retry-After header, or
        Telegram's ``parameters.retry_after``."""
        header = response.headers.get("Retry-After")
        if header and header.strip().isdigit():
            return float(header)
        try:
            return float(response.json()["parameters"]["retry_after"])
        except (ValueError, KeyError, TypeError):
            return None

    @staticmethod
    def json(response):
        try:
            return response.json()
        except ValueError as error:
            raise ProviderError("The provider answered no JSON") from error

    @staticmethod
    def loads(body):
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        return payload if isinstance(payload, dict) else None
