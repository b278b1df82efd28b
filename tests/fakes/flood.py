"""Telegram's flood limits as the fake Bot API enforces them (``FakeTelegramAPI.flood``).

Telegram documents its limits loosely ("about 30 messages per second" in all, "one message per
second" to a chat with "short bursts" allowed, "20 messages per minute" to a group, "up to 1000
messages per second" with ``allow_paid_broadcast``) and answers HTTP 429 with ``retry_after``
beyond them. The fake makes them exact, so a test or a benchmark can tell whether a client keeps
to them:

* free messages: at most ``per_second`` accepted in any window of ``window`` seconds;
* paid broadcast: at most ``paid_per_second`` in any window, counted apart from the free ones;
* a private chat: a bucket of ``chat_burst`` messages refilled at ``chat_rate`` a second;
* a group or channel (negative or ``@`` ids): ``group_per_minute`` in any 60 seconds.

A refused message is not counted. ``retry_after`` is the whole number of seconds until the
refused message would have been accepted (at least 1), as Telegram answers.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

MESSAGE_METHODS = ("send", "copyMessage", "copyMessages", "forwardMessage", "forwardMessages")


def counts_as_message(method: str) -> bool:
    return method.startswith(MESSAGE_METHODS) and method != "sendChatAction"


@dataclass
class FloodLimits:
    """The limits; ``FloodLimits.off()`` lets everything through."""

    per_second: int = 30
    paid_per_second: int = 1000
    chat_burst: float = 5.0
    chat_rate: float = 1.0
    group_per_minute: int = 20
    window: float = 1.0

    @classmethod
    def off(cls) -> FloodLimits:
        return cls(per_second=0, paid_per_second=0, chat_burst=0, group_per_minute=0)


class _Window:
    """At most ``limit`` events in any ``length`` seconds (``limit`` 0: no limit)."""

    def __init__(self, limit: int, length: float) -> None:
        self.limit, self.length = limit, length
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0: now)."""
        while self.times and self.times[0] <= now - self.length:
            self.times.popleft()
        if not self.limit or len(self.times) < self.limit:
            return 0.0
        return self.times[len(self.times) - self.limit] + self.length - now

    def add(self, now: float) -> None:
        if self.limit:
            self.times.append(now)


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class FloodControl:
    """Applies :class:`FloodLimits` to the messages the fake accepts; counts what it refused."""

    limits: FloodLimits = field(default_factory=FloodLimits)
    clock: Callable[[], float] = time.monotonic
    refused: int = 0
    refused_chats: int = 0

    def __post_init__(self) -> None:
        self._free = _Window(self.limits.per_second, self.limits.window)
        self._paid = _Window(self.limits.paid_per_second, self.limits.window)
        self._groups: dict[str, _Window] = {}
        self._chats: dict[str, _Bucket] = {}

    def admit(self, chat_id: object, paid: bool) -> float:
        """Count one message to ``chat_id`` and return 0, or return the seconds to wait (429)."""
        now = self.clock()
        key = str(chat_id)
        overall = (self._paid if paid else self._free).wait(now)
        chat = self._chat_wait(key, now)
        wait = max(overall, chat)
        if wait > 0:
            self.refused += 1
            self.refused_chats += chat > 0 and overall == 0
            return wait
        (self._paid if paid else self._free).add(now)
        self._take(key, now)
        return 0.0

    def _is_group(self, key: str) -> bool:
        return key.startswith(("-", "@"))

    def _chat_wait(self, key: str, now: float) -> float:
        limits = self.limits
        if self._is_group(key):
            window = self._groups.setdefault(key, _Window(limits.group_per_minute, 60.0))
            return window.wait(now)
        if not limits.chat_burst:
            return 0.0
        bucket = self._refill(key, now)
        return 0.0 if bucket.tokens >= 1.0 else (1.0 - bucket.tokens) / limits.chat_rate

    def _refill(self, key: str, now: float) -> _Bucket:
        limits = self.limits
        bucket = self._chats.get(key)
        if bucket is None:
            bucket = self._chats[key] = _Bucket(limits.chat_burst, now)
        bucket.tokens = min(limits.chat_burst, bucket.tokens + (now - bucket.at) * limits.chat_rate)
        bucket.at = now
        return bucket

    def _take(self, key: str, now: float) -> None:
        if self._is_group(key):
            self._groups[key].add(now)
        elif self.limits.chat_burst:
            self._chats[key].tokens -= 1.0


def retry_after(wait: float) -> int:
    """Telegram's ``retry_after``: whole seconds, at least one."""
    return max(1, math.ceil(wait))
