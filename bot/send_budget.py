"""A messenger's sending budget: at most N sends in any window, replies before alerts.

:class:`SendBudget` grants at most ``limit`` sends in any ``window`` seconds (a sliding window,
not a bucket: it never lets a burst past the limit). Waiting sends are granted by priority
(:data:`REPLY` before :data:`ALERT`), first come first served within one. So alerts use what
replies leave of the budget, and a reply waits at most for the next free place, never behind a
broadcast. Alerts are also spaced ``window / limit`` apart, so that the places a reply may need
come up evenly rather than once a window. The spacing follows a schedule, not the last grant: when
the event loop comes late to a grant (a busy process at 1000 a second comes a few milliseconds
late), the alerts it owes since are granted at once, up to :data:`CATCH_UP` seconds' worth, so
lateness does not add up into a lower rate. :meth:`SendBudget.pause` holds every grant (a 429).

``margin`` widens the window a little: the messenger counts a send when it arrives, and the
time from our grant to its arrival varies by a few milliseconds; after a 429 (:meth:`widen`) it
grows by ``margin`` again, up to four times, for machines where it varies more.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable

REPLY, ALERT = 0, 1
DEFAULT_MARGIN = 0.025
CATCH_UP = 0.02  # seconds of alerts' schedule a late grant may make up at once


class SendBudget:
    """At most ``limit`` grants in any ``window`` (+ ``margin``) seconds; ``limit`` 0: no limit."""

    def __init__(
        self,
        limit: float,
        window: float = 1.0,
        *,
        margin: float = DEFAULT_MARGIN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = int(limit) if limit >= 1 else (1 if limit > 0 else 0)
        self.window = (window / limit if 0 < limit < 1 else window) + margin
        self._spacing = self.window / self.limit if self.limit else 0.0
        self._margin, self._widest = margin, self.window + 3 * margin
        self._clock = clock
        self._granted: deque[float] = deque()
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._paused_until = 0.0
        self._next_alert = float("-inf")  # the alerts' schedule: when the next one is due
        self._timer: asyncio.TimerHandle | None = None
        self.granted = 0

    @property
    def waiting(self) -> int:
        return sum(1 for *_, future in self._waiting if not future.done())

    async def acquire(self, priority: int = REPLY) -> None:
        """Wait for a place in the window (replies first)."""
        if not self.limit and self._paused_until <= self._clock():
            self.granted += 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._order), future))
        self._pump()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._give_back()
            raise

    def widen(self) -> None:
        """The messenger counted more than the limit in a window: keep a wider margin."""
        if self.limit and self.window < self._widest:
            self.window = min(self.window + self._margin, self._widest)
            self._spacing = self.window / self.limit

    def pause(self, seconds: float) -> None:
        """Grant nothing for ``seconds`` (the messenger asked us to wait)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)
        self._pump()

    def _give_back(self) -> None:
        if self._granted:
            self._granted.pop()
        self.granted -= 1
        self._pump()

    def _next_time(self, priority: int, now: float) -> float:
        """When the head waiter of ``priority`` may be granted (``<= now``: at once)."""
        at = self._paused_until
        if self.limit:
            while self._granted and self._granted[0] <= now - self.window:
                self._granted.popleft()
            if len(self._granted) >= self.limit:
                at = max(at, self._granted[len(self._granted) - self.limit] + self.window)
            if priority != REPLY:
                at = max(at, self._alert_slot(now))
        return at

    def _alert_slot(self, now: float) -> float:
        """When the next alert is due: on schedule while the schedule is at most
        :data:`CATCH_UP` behind, else now (the alerts had stopped for a while)."""
        return self._next_alert if self._next_alert >= now - CATCH_UP else now

    def _pump(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        while self._waiting:
            priority, _, future = self._waiting[0]
            if future.done():
                heapq.heappop(self._waiting)
                continue
            now = self._clock()
            at = self._next_time(priority, now)
            if at > now:
                loop = asyncio.get_running_loop()
                self._timer = loop.call_at(loop.time() + (at - now), self._pump)
                return
            heapq.heappop(self._waiting)
            if self.limit:
                self._granted.append(now)
            if priority != REPLY:
                self._next_alert = self._alert_slot(now) + self._spacing
            self.granted += 1
            future.set_result(None)
