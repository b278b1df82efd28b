"""The scheduler loop of ``kesco-bot run``: publishes scheduled notices when they are due."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from services.notices.desk import NoticeDesk
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)


class NoticeScheduler:
    """Every ``interval`` seconds (or at once when woken), publishes the notices that are due."""

    def __init__(self, desk: NoticeDesk, interval: float = 5.0) -> None:
        self.desk = desk
        self.interval = interval
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        desk.wakeups.schedule.connect(self.wake)

    def wake(self) -> None:
        """Look at once (the desk calls this after a scheduling transaction commits)."""
        self._wake.set()

    async def run_once(self) -> int:
        try:
            published = await self.desk.publish_due()
        except Exception as error:  # noqa: BLE001 - the database may be down for a while
            _QUIET.failure(
                "publish",
                "publishing due notices failed (%s); trying again later",
                type(error).__name__,
                exc_info=error,
            )
            return 0
        _QUIET.recovered("publish", "publishing due notices works again")
        return published

    async def _loop(self) -> None:
        while True:
            await self.run_once()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval)
            self._wake.clear()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="notice-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
