"""The scheduler loop of ``kesco-bot run``: publishes scheduled notices when they are due."""

from __future__ import annotations

import logging

from services.notices.desk import NoticeDesk
from services.periodic import PeriodicJob
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)


class NoticeScheduler(PeriodicJob):
    """Every ``interval`` seconds (or at once when woken), publishes the notices that are due."""

    def __init__(self, desk: NoticeDesk, interval: float = 5.0) -> None:
        super().__init__(interval, "notice-scheduler")
        self.desk = desk
        desk.wakeups.schedule.connect(self.wake)  # at once after a scheduling transaction

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
