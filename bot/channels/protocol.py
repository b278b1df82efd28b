"""What the runtime expects of a channel adapter, and the errors a send can end in.

Adapters are composed, not inherited: each one is given the inbound pipeline
(:class:`bot.channels.inbound.Inbound`, which calls the conversation) and a :class:`ChatLifecycle`,
and offers a :class:`ChannelSender` to the alert dispatcher. The runtime drives every adapter
through the :class:`Channel` protocol; :mod:`bot.channels.registry` lists them, and
:mod:`bot.channels.setup` is what a channel's builder is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from aiohttp import web

from handlers.messages import OutgoingMessage


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


class Withheld(DeliveryError):
    """Not sent at all: this process may no longer send alerts (it lost the dispatcher's lead
    while the message waited for its turn). Nothing is recorded; the new leader sends it."""


_SEND_GUARD: ContextVar[Callable[[], bool] | None] = ContextVar("kesco_send_guard", default=None)


def guard_alerts(may_send: Callable[[], bool]) -> None:
    """In the current task, alerts are posted only while ``may_send()`` holds (the lane sets
    it to its leader's lease); a sender asks :func:`check_may_send` just before posting,
    after any wait for its rate limit, when the lease may have run out meanwhile."""
    _SEND_GUARD.set(may_send)


def check_may_send() -> None:
    """Raise :class:`Withheld` when the current task may no longer post alerts."""
    guard = _SEND_GUARD.get()
    if guard is not None and not guard():
        raise Withheld("this process no longer leads the dispatcher")


class Unconfirmed(DeliveryError):
    """The request went out but no answer came (a read timeout, a dropped connection): the
    messenger may have delivered it, so it is not sent again blindly."""


@dataclass(frozen=True)
class SendingLimits:
    """How fast a channel can send alerts, as the dispatcher sizes its work to it.

    ``rate``: messages a second, replies included (replies go first). ``fast_rate``: messages a
    second when an alert is sent the fast way (Telegram's paid broadcast), ``None`` when the
    channel has none or it is off; each such message costs ``fast_cost`` (Telegram: Stars).
    ``batch``: receivers one call may take (:class:`BatchSender`); 1 when it sends one by one,
    and ``batch_rate`` such calls a second. ``receipts``: the messenger reports each message's
    delivery to the bot (Viber), so a send with no answer is settled by its receipt
    (:mod:`services.alerts.settle`).
    """

    rate: float
    fast_rate: float | None = None
    fast_cost: float = 0.0
    batch: int = 1
    batch_rate: float = 0.0
    receipts: bool = False


@dataclass(frozen=True)
class Sent:
    """An alert delivered; ``fast`` when it went the fast (paid) way."""

    fast: bool = False


class ChannelSender(Protocol):
    """Sends neutral messages to chats of one channel: replies at once, alerts within
    what the replies leave of the channel's budget (:attr:`limits`)."""

    channel: str

    @property
    def limits(self) -> SendingLimits: ...

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        """Deliver a reply; raise a :class:`DeliveryError` subclass when it fails."""

    async def send_alert(
        self, chat_id: str, message: OutgoingMessage, *, fast: bool = False
    ) -> Sent:
        """Deliver an alert (the fast way when ``fast`` and the channel has one)."""
        ...

    async def probe(self) -> bool:
        """Whether the messenger answers now, with a cheap call that sends no message (within
        a few seconds); used while the channel is down."""
        ...


@runtime_checkable
class BatchSender(Protocol):
    """A channel that sends one alert to many chats in one call (``limits.batch`` of them)."""

    async def send_batch(
        self, chat_ids: Sequence[str], message: OutgoingMessage
    ) -> dict[str, DeliveryError]:
        """Deliver ``message`` to every chat of ``chat_ids``; returns the chats it failed for.

        Raises a :class:`DeliveryError` when the call as a whole failed (for every chat).
        """
        ...


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
