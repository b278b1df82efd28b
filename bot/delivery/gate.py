"""Whether a channel is working: pauses after rate limits and while the messenger is down.

A failure is the message's own when the channel delivered something else a moment ago (within
``healthy_window`` seconds, and not many failures in a row): that message is retried with its
own backoff. Otherwise the messenger is down for everyone: the channel pauses (``backoff_base``
seconds, doubling up to ``probe_max``, 10 s) and then probes: with a cheap call that sends no
message (Telegram's ``getMe``, Viber's ``get_account_info``) when the channel has one, else
with one message at a time, until the messenger answers. The messages that failed meanwhile
wait without counting a try. The pause between probes is short whatever the cap between tries
of one message, so sending resumes within about ``probe_max`` plus a probe's timeout of the
messenger coming back, however long it was away.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Probe = Callable[[], Awaitable[bool]]
PROBE_MAX = 10.0


@dataclass(frozen=True)
class GateStatus:
    """A channel's state for health and metrics: ``ok``, ``paused`` (rate limited, or down
    and waiting to probe) or ``probing``; since when it has been down (monotonic) if it is."""

    state: str
    paused_for: float
    down_since: float | None


class ChannelGate:
    """The pause and probe state of one channel, shared by its lanes."""

    def __init__(
        self,
        *,
        backoff_base: float = 2.0,
        probe_max: float = PROBE_MAX,
        healthy_window: float = 10.0,
        streak: int = 3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._base, self._max = backoff_base, probe_max
        self._healthy_window = healthy_window
        self._streak_limit = streak
        self._clock = clock
        self._paused_until = 0.0
        self._last_success = float("-inf")
        self._failures = 0
        self._down_pauses = 0
        self._down_since: float | None = None
        self._probe_lock = asyncio.Lock()
        self.probing = False

    @property
    def down(self) -> bool:
        """The messenger is failing for everyone (paused or probing)."""
        return self.probing

    def status(self) -> GateStatus:
        paused = self.paused_for()
        state = "paused" if paused > 0 else "probing" if self.probing else "ok"
        return GateStatus(state, paused, self._down_since if self.probing else None)

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - self._clock())

    def allowed(self, in_flight: int) -> int | None:
        """How many more sends may start now (``None``: as many as capacity allows)."""
        if self.paused_for() > 0:
            return 0
        return max(0, 1 - in_flight) if self.probing else None

    def success(self) -> None:
        self._last_success = self._clock()
        self._failures = 0
        self._down_pauses = 0
        self._down_since = None
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
            self._pause(now)
        return False

    async def probe(self, probe: Probe) -> bool:
        """While the channel is down: ask the messenger with ``probe`` (one caller at a time;
        the others wait for its answer). ``True`` when it answered (sending resumes)."""
        async with self._probe_lock:
            if not self.probing:
                return True
            if self.paused_for() > 0:
                return False
            try:
                answered = await probe()
            except Exception:  # noqa: BLE001 - a probe that fails is an answer too
                answered = False
            if answered:
                self.success()
            else:
                self._pause(self._clock())
            return answered

    def _pause(self, now: float) -> None:
        self._down_pauses += 1
        self._paused_until = now + min(self._base * 2 ** (self._down_pauses - 1), self._max)
        if not self.probing:
            self._down_since = now
        self.probing = True
