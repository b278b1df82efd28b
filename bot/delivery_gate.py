"""Whether a channel is working: pauses after rate limits and while the messenger is down.

A failure is the message's own when the channel delivered something else a moment ago (within
``healthy_window`` seconds, and not many failures in a row): that message is retried with its
own backoff and counts towards giving up. Otherwise the messenger is down for everyone: the
channel pauses (2 s, doubling up to ``backoff_max``) and then sends one message at a time, a
probe, until one gets through; the messages that failed meanwhile wait without counting a try.
So a 30-minute outage costs no message its chances, and sending resumes within one pause of
the messenger coming back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class ChannelGate:
    """The pause and probe state of one channel, shared by its senders."""

    def __init__(
        self,
        *,
        backoff_base: float = 2.0,
        backoff_max: float = 300.0,
        healthy_window: float = 10.0,
        streak: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._base, self._max = backoff_base, backoff_max
        self._healthy_window = healthy_window
        self._streak_limit = streak
        self._clock = clock
        self._paused_until = 0.0
        self._last_success = float("-inf")
        self._failures = 0
        self._down_pauses = 0
        self.probing = False

    @property
    def down(self) -> bool:
        """The messenger is failing for everyone (paused or probing)."""
        return self.probing

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._clock())

    async def ready(self) -> None:
        """Wait out a pause."""
        while (wait := self.paused_for()) > 0:
            await asyncio.sleep(wait)

    def allowed(self, in_flight: int) -> int | None:
        """How many more sends may start now (``None``: as many as capacity allows)."""
        if self.paused_for() > 0:
            return 0
        return max(0, 1 - in_flight) if self.probing else None

    def success(self) -> None:
        self._last_success = self._clock()
        self._failures = 0
        self._down_pauses = 0
        self.probing = False

    def rate_limited(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def failure(self) -> bool:
        """Note a failed send; returns ``True`` when it is the message's own failure, ``False``
        when the messenger is down (the channel then pauses)."""
        self._failures += 1
        now = self._clock()
        working = now - self._last_success <= self._healthy_window
        if working and self._failures < self._streak_limit and not self.probing:
            return True
        if self.paused_for() <= 0:
            self._down_pauses += 1
            pause = min(self._base * 2 ** (self._down_pauses - 1), self._max)
            self._paused_until = now + pause
            self.probing = True
        return False
