"""Running events' fan-outs after they are stored (``kesco-bot run``, every instance).

The events API and the notice desk store an event with its fan-out plan and answer; this runner
then carries the plans out (:func:`services.alerts.run_pending`), woken when one is stored and
looking every ``poll`` seconds for plans another instance stored or a stopped process left
unfinished. Instances take turns on a plan, so each runs once, in the order the events came.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from services.alerts import run_pending
from services.alerts.wakeups import Wakeups
from services.db import Database

log = logging.getLogger(__name__)


class FanoutRunner:
    """Carries out pending fan-outs: woken by ``wakeups.fanouts``, it fires ``wakeups.dispatch``
    when rows were queued."""

    def __init__(
        self,
        database: Database,
        wakeups: Wakeups,
        *,
        default_language: str = "sq",
        poll: float = 1.0,
    ) -> None:
        self._database = database
        self._default_language = default_language
        self._on_progress = wakeups.dispatch.fire
        wakeups.fanouts.connect(self.wake)
        self._poll = poll
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failures = 0

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name="fan-out")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, 10.0)

    async def run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                await run_pending(
                    self._database,
                    default_language=self._default_language,
                    on_progress=self._on_progress,
                )
                self._failures = 0
            except Exception as error:  # noqa: BLE001 - the database may be away for a while
                self._failures += 1
                if self._failures == 1 or self._failures % 60 == 0:
                    log.warning(
                        "running fan-outs failed (%d times): %s",
                        self._failures,
                        type(error).__name__,
                    )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll)
