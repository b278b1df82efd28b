"""What the runtime expects of a channel adapter, and the errors a send can end in.

Adapters are composed, not inherited: each one is given the inbound pipeline
(:class:`bot.inbound.Inbound`, which calls the conversation) and a :class:`ChatLifecycle`,
and offers a :class:`ChannelSender` to the alert dispatcher. The runtime drives every adapter
through the :class:`Channel` protocol; ``bot/channel_registry.py`` lists them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

from aiohttp import web

from handlers.messages import IncomingMessage, OutgoingMessage

if TYPE_CHECKING:
    from bot.inbound import Inbound
    from bot.settings import Settings

Handle = Callable[[IncomingMessage], Awaitable[list[OutgoingMessage]]]


class DeliveryError(Exception):
    """A message could not be delivered; the subclass says what to do about it."""


class RetryLater(DeliveryError):
    """The messenger rate-limited us (HTTP 429 or Viber's too-many-requests): wait, then retry."""

    def __init__(self, retry_after: float, detail: str = "") -> None:
        super().__init__(detail or f"retry after {retry_after}s")
        self.retry_after = retry_after


class RecipientGone(DeliveryError):
    """The user blocked the bot or unsubscribed: mark the chat inactive, never retry."""


class TransientFailure(DeliveryError):
    """A network error or a 5xx: retry with backoff."""


class PermanentFailure(DeliveryError):
    """The messenger rejected the request itself (a 400): retrying will not help."""


class ChannelSender(Protocol):
    """Sends one neutral message to one chat of one channel."""

    channel: str

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        """Deliver ``message``; raise a :class:`DeliveryError` subclass when it fails."""


class ChatLifecycle(Protocol):
    """What adapters report about chats and deliveries, backed by the database."""

    async def mark_inactive(self, channel: str, chat_id: str, reason: str) -> None: ...

    async def mark_active(self, channel: str, chat_id: str) -> None: ...

    async def first_delivery(self, channel: str, key: str) -> bool:
        """Record ``key`` (an update or message token) and say whether it is new."""
        ...

    async def record_status(self, channel: str, chat_id: str, token: str, status: str) -> None:
        """Record a delivery receipt (delivered, seen, failed) for a sent message."""
        ...


class Channel(Protocol):
    """A messenger adapter as the runtime drives it.

    ``name`` is the channel's name in the database and the registry; ``sender`` sends alerts;
    :meth:`aiohttp_routes` are mounted on the web server before :meth:`start` (webhooks);
    :meth:`ping` is the channel's health check.
    """

    name: str
    sender: ChannelSender

    def aiohttp_routes(self) -> list[web.RouteDef]: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def ping(self) -> bool: ...


@dataclass(frozen=True)
class ChannelSetup:
    """What a channel's builder is given (see ``bot/channel_registry.py``).

    ``terminal`` (input, output) is set only by ``kesco-bot chat``, for the console.
    """

    settings: Settings
    inbound: Inbound
    lifecycle: ChatLifecycle
    terminal: tuple[TextIO, TextIO] | None = None
