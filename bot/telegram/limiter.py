"""A rate limiter for PTB that keeps to Telegram's flood limits and waits out 429s."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

_LOG = logging.getLogger(__name__)
_Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]


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


class TelegramRateLimiter(BaseRateLimiter[int]):
    """Spaces messages out the way Telegram asks bots to, and retries after a 429.

    * at most ``overall_rate`` messages per second in total (Telegram: about 30);
    * one message per ``chat_interval`` seconds to one private chat (Telegram: 1 per second);
    * ``group_rate`` messages per ``group_period`` seconds to one group (Telegram: 20 a minute).

    A ``RetryAfter`` (HTTP 429) pauses all sending for the time Telegram asked for, then the
    request is retried, up to ``max_retries`` times, unless the wait exceeds ``max_wait``: then
    the ``RetryAfter`` propagates for the caller to reschedule.
    """

    def __init__(
        self,
        overall_rate: float = 30.0,
        chat_interval: float = 1.0,
        group_rate: float = 20.0,
        group_period: float = 60.0,
        max_retries: int = 3,
        max_wait: float = 30.0,
    ) -> None:
        self._overall = AsyncLimiter(overall_rate, 1.0) if overall_rate else None
        self._chat_interval = chat_interval
        self._group_interval = group_period / group_rate if group_rate else 0.0
        self._max_retries = max_retries
        self._max_wait = max_wait
        self._next_slot: dict[str, float] = {}
        self._paused_until = 0.0

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
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        attempt = 0
        while True:
            await self._wait_pause()
            if _counts_as_message(endpoint) and data.get("chat_id") is not None:
                await self._wait_chat_slot(data["chat_id"])
                if self._overall is not None:
                    await self._overall.acquire()
                await self._wait_pause()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_after_seconds(error)
                self._pause(wait)
                if attempt >= retries or wait > self._max_wait:
                    raise
                attempt += 1
                _LOG.info("Telegram flood control on %s: waiting %.1f s", endpoint, wait)

    def _pause(self, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        self._paused_until = max(self._paused_until, loop.time() + seconds)

    async def _wait_pause(self) -> None:
        delay = self._paused_until - asyncio.get_running_loop().time()
        if delay > 0:
            await asyncio.sleep(delay)

    async def _wait_chat_slot(self, chat_id: Any) -> None:
        key = str(chat_id)
        is_group = key.startswith(("-", "@"))
        interval = self._group_interval if is_group else self._chat_interval
        if interval <= 0:
            return
        now = asyncio.get_running_loop().time()
        if len(self._next_slot) > 4096:
            self._next_slot = {k: t for k, t in self._next_slot.items() if t > now}
        slot = max(now, self._next_slot.get(key, 0.0))
        self._next_slot[key] = slot + interval
        if slot > now:
            await asyncio.sleep(slot - now)
