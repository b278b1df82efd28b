"""The loop of ``kesco-bot run`` that keeps an instance's answers current and the kept questions
within their 90 days: every ``interval`` seconds it asks the database for the version of the
staff topics in use and applies it when it changed (:meth:`LiveFaq.refresh`), and the same for
the admins' place edits (:func:`services.places.live.refresh`); every
``cleanup_every`` seconds it deletes the unanswered questions older than 90 days
(:func:`services.knowledge.unanswered.cleanup`). Errors (a database down for a while) are
logged quietly and tried again on the next round."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from services.db import Database
from services.db.types import utcnow
from services.knowledge import unanswered
from services.knowledge.live import LiveFaq
from services.periodic import PeriodicJob
from services.places import live as places
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)
POLL_SECONDS = 5.0
CLEANUP_SECONDS = 3600.0


class KnowledgeWatcher(PeriodicJob):
    """Polls the published version for ``live`` and cleans up the kept questions."""

    def __init__(
        self,
        database: Database,
        live: LiveFaq,
        interval: float = POLL_SECONDS,
        cleanup_every: float = CLEANUP_SECONDS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(interval, "knowledge-watcher")
        self.database = database
        self.live = live
        self.cleanup_every = cleanup_every
        self.clock = clock
        self._cleaned_at: float | None = None

    async def run_once(self) -> None:
        """One round: refresh the answers, and clean up when it is time."""
        try:
            await self.live.refresh(self.database)
            await places.refresh(self.database)
            if (
                self._cleaned_at is None
                or time.monotonic() - self._cleaned_at >= self.cleanup_every
            ):
                async with self.database.transaction() as session:
                    removed = await unanswered.cleanup(session, self.clock())
                self._cleaned_at = time.monotonic()
                if removed:
                    log.info("unanswered questions: %s older than 90 days deleted", removed)
        except Exception as error:  # noqa: BLE001 - the database may be down for a while
            _QUIET.failure(
                "knowledge",
                "refreshing the FAQ knowledge failed (%s); trying again",
                type(error).__name__,
                exc_info=error,
            )
            return
        _QUIET.recovered("knowledge", "refreshing the FAQ knowledge works again")
