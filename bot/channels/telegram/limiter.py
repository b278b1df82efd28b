"""A rate limiter for PTB that keeps to Telegram's flood limits, replies first.

Every message the bot sends (replies and alerts alike) passes :class:`TelegramRateLimiter`:

* at most ``overall_rate`` messages in any one second in total (Telegram: about 30), granted
  replies first: alerts use what replies leave (:class:`bot.channels.send_budget.SendBudget`);
* messages with ``allow_paid_broadcast`` (paid broadcast) count apart, up to ``paid_rate`` in
  any one second (Telegram: 1000);
* to one private chat, a short burst of ``chat_burst`` messages, then one per
  ``chat_interval`` seconds (so a reply of two or three messages goes at once, while a chat
  that floods the bot is slowed down);
* to one group, ``group_rate`` messages per ``group_period`` seconds (Telegram: 20 a minute).

The sender says what a call is with ``rate_limit_args``: a :class:`SendClass` (alert or reply,
paid or not). A 429 pauses every send for the time Telegram asked; the call is then retried, up
to ``max_retries`` times while the wait is at most ``max_wait`` seconds (an alert: never, the
dispatcher reschedules it), else the ``RetryAfter`` propagates.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.channels.send_budget import ALERT, REPLY, SendBudget

_LOG = logging.getLogger(__name__)
_Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]
PAID_RATE = 1000.0


@dataclass(frozen=True)
class SendClass:
    """What one call is, for the limiter (PTB's ``rate_limit_args``)."""

    alert: bool = False
    paid: bool = False


REPLY_CALL = SendClass()


def retry_after_seconds(error: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds (without PTB's int/timedelta deprecation dance)."""
    value = getattr(error, "_retry_after", None)
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    return float(error.retry_after)  # type: ignore[arg-type]


def _counts_as_message(endpoint: str) -> bool:
    return endpoint.startswith(("send", "copyMessage", "forwardMessage")) and (
        endpoint != "sendChatAction"
    )


class _ChatBuckets:
    """Per private chat: ``burst`` messages at once, refilled one per ``interval`` seconds."""

    def __init__(self, burst: float, interval: float) -> None:
        self._burst, self._interval = burst, interval
        self._next: dict[str, float] = {}  # when the bucket is full again, minus one message

    async def wait(self, key: str) -> None:
        if self._interval <= 0:
            return
        now = asyncio.get_running_loop().time()
        if len(self._next) > 8192:
            self._next = {k: t for k, t in self._next.items() if t > now}
        # A virtual clock: each message moves it on by one interval; a burst may run ahead
        # of the real clock by (burst - 1) intervals.
        earliest = now - (self._burst - 1) * self._interval
        slot = max(earliest, self._next.get(key, earliest))
        self._next[key] = slot + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)


class TelegramRateLimiter(BaseRateLimiter[SendClass]):
    """Keeps every message within Telegram's limits (see the module's docstring)."""

    def __init__(
        self,
        overall_rate: float = 30.0,
        chat_interval: float = 1.0,
        group_rate: float = 20.0,
        group_period: float = 60.0,
        max_retries: int = 3,
        max_wait: float = 30.0,
        *,
        chat_burst: int = 3,
        paid_rate: float = PAID_RATE,
    ) -> None:
        self.overall = SendBudget(overall_rate)
        self.paid = SendBudget(paid_rate)
        self._chats = _ChatBuckets(max(chat_burst, 1), chat_interval)
        self._groups = _ChatBuckets(1, group_period / group_rate if group_rate else 0.0)
        self._max_retries = max_retries
        self._max_wait = max_wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: SendClass | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        kind = rate_limit_args if isinstance(rate_limit_args, SendClass) else REPLY_CALL
        retries = 0 if kind.alert else self._max_retries
        message = _counts_as_message(endpoint) and data.get("chat_id") is not None
        attempt = 0
        while True:
            try:
                if not message:
                    return await callback(*args, **kwargs)
                async with self.sending(data["chat_id"], kind):
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_after_seconds(error)
                self.pause(kind, wait)
                if attempt >= retries or wait > self._max_wait:
                    raise
                attempt += 1
                _LOG.info("Telegram flood control on %s: waiting %.1f s", endpoint, wait)

    @asynccontextmanager
    async def sending(self, chat_id: Any, kind: SendClass) -> AsyncIterator[None]:
        """Wait until one message of ``kind`` may go to ``chat_id``, and hold its place in the
        budget while it is sent (:meth:`bot.channels.send_budget.SendBudget.sending`); sends
        made without PTB, such as the bulk path of alerts, use it too, so that they share the
        same budget."""
        await self._wait_chat(chat_id)
        budget = self.paid if kind.paid else self.overall
        async with budget.sending(ALERT if kind.alert else REPLY):
            yield

    def pause(self, kind: SendClass, seconds: float) -> None:
        """Telegram answered 429: hold the budget ``kind`` uses for ``seconds``, and keep a
        wider margin from then on."""
        budget = self.paid if kind.paid else self.overall
        budget.pause(seconds)
        budget.widen()

    async def _wait_chat(self, chat_id: Any) -> None:
        key = str(chat_id)
        if key.startswith(("-", "@")):
            await self._groups.wait(key)
        else:
            await self._chats.wait(key)
