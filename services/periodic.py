"""A job of ``kesco-bot run`` that runs every few seconds in a task of its own: first at start,
then ``interval`` seconds after each round ends, or at once when woken. A round that fails is
the job's own business (each logs it once and tries again next round); stopping cancels the
task and waits for it."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def cancel_and_wait(task: asyncio.Task[Any]) -> None:
    """Cancel ``task`` and wait until it has stopped (its cancellation is not an error)."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


class PeriodicJob:
    """Subclasses give :meth:`run_once`, ``interval`` (seconds) and a task name."""

    def __init__(self, interval: float, name: str) -> None:
        self.interval = interval
        self._name = name
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> object:
        raise NotImplementedError

    def wake(self) -> None:
        """Run a round at once (not waiting out the interval)."""
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            await self.run_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name=self._name)

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None
