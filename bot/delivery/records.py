"""Recording what became of sent alerts, in batches, and stopping when it cannot.

:class:`Recorder` keeps the outcomes of sends (:class:`services.alerts.outbox.Outcome`) and
writes them every ``interval`` seconds, many rows in one transaction. When a write fails (the
database is away) it keeps them, :attr:`Recorder.ok` is cleared so that nothing more is sent,
and it tries again until the write succeeds. Outcomes are kept across a lost dispatcher lock:
the next time this process dispatches, it writes them before it queues again the rows that were
claimed, so a message it sent is not sent twice because the database was away for a while.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot import metrics
from services.alerts import outbox
from services.alerts.outbox import Outcome
from services.db import Database

log = logging.getLogger(__name__)


class Recorder:
    """Buffers outcomes and writes them in batches; :attr:`ok` is set while writes succeed."""

    def __init__(self, database: Database, *, interval: float = 0.05, batch: int = 2000) -> None:
        self._database = database
        self._interval = interval
        self._batch = batch
        self._pending: list[Outcome] = []
        self._wake = asyncio.Event()
        self.ok = asyncio.Event()
        self.ok.set()
        self._failures = 0

    @property
    def pending(self) -> int:
        return len(self._pending)

    def add(self, outcome: Outcome) -> None:
        self._pending.append(outcome)
        metrics.UNRECORDED.set(len(self._pending))
        if len(self._pending) >= self._batch:
            self._wake.set()

    async def run(self, stopping: asyncio.Event) -> None:
        """Write outcomes until ``stopping`` is set (then write what is left, once)."""
        while not stopping.is_set():
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._delay())
            await self.flush()
        await self.flush()

    def _delay(self) -> float:
        return self._interval if self.ok.is_set() else min(0.2 * 2**self._failures, 2.0)

    async def flush(self) -> bool:
        """Write what is pending; ``False`` (and :attr:`ok` cleared) when the write failed."""
        if not self._pending:
            return True
        batch, self._pending = self._pending, []
        try:
            await outbox.record(self._database, batch)
        except Exception as error:  # noqa: BLE001 - the database may be away for a while
            self._pending = batch + self._pending
            self._failures += 1
            if self.ok.is_set() or self._failures % 50 == 0:
                log.warning(
                    "recording %d delivery outcomes failed (%s): sending paused until the "
                    "database answers",
                    len(self._pending),
                    type(error).__name__,
                )
            self.ok.clear()
            return False
        if not self.ok.is_set():
            log.info("delivery outcomes recorded again after %d failed tries", self._failures)
        self._failures = 0
        self.ok.set()
        metrics.UNRECORDED.set(len(self._pending))
        return True

    async def drain(self, stopping: asyncio.Event | None = None) -> bool:
        """Write everything pending, retrying until it succeeds (or ``stopping`` is set)."""
        while not await self.flush():
            if stopping is not None and stopping.is_set():
                return False
            await asyncio.sleep(self._delay())
        return True
