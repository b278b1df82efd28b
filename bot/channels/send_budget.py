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

The messenger counts a send when it arrives, which is some time after our grant: a process that
is descheduled, or a connection that is slow, delays some sends more than others, and a window
of grants may then arrive in less than a window. A send made :meth:`SendBudget.sending` holds its
place from the grant until a window after its answer came: it arrived somewhere in between, so
the messenger never counts more than ``limit`` in any window, whatever the delays.
:meth:`SendBudget.acquire` counts a place from the grant only. ``margin`` widens the window a
little more; after a 429 (:meth:`SendBudget.widen`) it grows by ``margin`` again, up to four times.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

REPLY, ALERT = 0, 1
DEFAULT_MARGIN = 0.01  # the window edge and the clocks; delays on the way are held for (sending)
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
        self._held = 0  # places of sends under way (granted, no answer yet)
        self._frees: deque[float] = deque()  # when the other places counted come free, in order
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
        """Wait for a place in the window (replies first); it counts from now."""
        await self._grant(priority)
        self._release()

    @asynccontextmanager
    async def sending(self, priority: int = REPLY) -> AsyncIterator[None]:
        """Wait for a place (replies first) and hold it while the send is under way, and for a
        window after (see the module's docstring)."""
        await self._grant(priority)
        try:
            yield
        finally:
            self._release()

    def widen(self) -> None:
        """The messenger counted more than the limit in a window: keep a wider margin."""
        if self.limit and self.window < self._widest:
            self.window = min(self.window + self._margin, self._widest)
            self._spacing = self.window / self.limit

    def pause(self, seconds: float) -> None:
        """Grant nothing for ``seconds`` (the messenger asked us to wait)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)
        self._pump()

    async def _grant(self, priority: int) -> None:
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

    def _release(self) -> None:
        """A send granted is done: its place is counted for a window from now."""
        if self.limit:
            self._held -= 1
            self._frees.append(self._clock() + self.window)
            if self._waiting and self._timer is None:  # a waiter may wait for this place
                self._pump()

    def _give_back(self) -> None:
        if self.limit:
            self._held -= 1
        self.granted -= 1
        self._pump()

    def _next_time(self, priority: int, now: float) -> float:
        """When the head waiter of ``priority`` may be granted (``<= now``: at once;
        ``inf``: when a send under way is done)."""
        at = self._paused_until
        if self.limit:
            while self._frees and self._frees[0] <= now:
                self._frees.popleft()
            over = self._held + len(self._frees) - self.limit
            if over >= 0:
                at = max(at, self._frees[over] if over < len(self._frees) else math.inf)
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
                if at != math.inf:
                    loop = asyncio.get_running_loop()
                    self._timer = loop.call_at(loop.time() + (at - now), self._pump)
                return
            heapq.heappop(self._waiting)
            if self.limit:
                self._held += 1
            if priority != REPLY:
                self._next_alert = self._alert_slot(now) + self._spacing
            self.granted += 1
            future.set_result(None)
