# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One small synchronous client per messenger (``requests`` only, no SDK)."""

from .base import (
    PROVIDERS,
    InboundMessage,
    OutboundFile,
    Provider,
    ProviderError,
    get_provider,
)
from . import telegram, webhook, whatsapp, viber, vk  # noqa: F401  (registration)

__all__ = [
    "PROVIDERS",
    "InboundMessage",
    "OutboundFile",
    "Provider",
    "ProviderError",
    "get_provider",
]
