"""Personal data kept only as long as needed: the periodic job of ``kesco-bot run`` that deletes

- call-back requests done more than the retention period ago (``KESCO_RETENTION_DAYS``,
  default 30), with their phone numbers and texts;
- call-back drafts (a request whose number or area never came) after a day;
- reports of no power made more than the retention period ago;
- budget spends (:mod:`services.budgets`) after a day, and wrong proofs after two days (both
  count only within a day); the keys of handled messenger updates after a week (a messenger
  redelivers within a day).

Open call-back requests are kept until staff mark them done. What else is kept, and for how
long, is listed in docs/security.md ("Call-backs and personal data"). Every instance may run
the job: the deletes are idempotent. Errors (a database down) are logged quietly and tried again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import Database, changed
from services.db.models import ProcessedUpdate, ProofFailure
from services.db.report_models import PowerReport
from services.db.support_models import BudgetSpend, CallbackRequest
from services.db.types import utcnow
from services.periodic import PeriodicJob
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)
DEFAULT_KEEP = timedelta(days=30)
DRAFT_KEEP = timedelta(days=1)
SPEND_KEEP = timedelta(days=1)
PROOF_FAILURE_KEEP = timedelta(days=2)
PROCESSED_KEEP = timedelta(days=7)
INTERVAL_SECONDS = 3600.0


@dataclass(frozen=True)
class Purged:
    """How many rows one round deleted, by kind."""

    callbacks: int = 0
    drafts: int = 0
    reports: int = 0
    spends: int = 0
    proof_failures: int = 0
    updates: int = 0

    @property
    def total(self) -> int:
        return (
            self.callbacks
            + self.drafts
            + self.reports
            + self.spends
            + self.proof_failures
            + self.updates
        )


async def purge(session: AsyncSession, now: datetime, keep: timedelta = DEFAULT_KEEP) -> Purged:
    """Delete what is older than it may be kept (in the caller's transaction)."""
    done = await session.execute(
        delete(CallbackRequest).where(
            CallbackRequest.done_at.is_not(None), CallbackRequest.done_at < now - keep
        )
    )
    drafts = await session.execute(
        delete(CallbackRequest).where(
            CallbackRequest.ready.is_(False), CallbackRequest.created_at < now - DRAFT_KEEP
        )
    )
    reports = await session.execute(delete(PowerReport).where(PowerReport.created_at < now - keep))
    spends = await session.execute(delete(BudgetSpend).where(BudgetSpend.at < now - SPEND_KEEP))
    proofs = await session.execute(
        delete(ProofFailure).where(ProofFailure.at < now - PROOF_FAILURE_KEEP)
    )
    updates = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.at < now - PROCESSED_KEEP)
    )
    return Purged(
        changed(done),
        changed(drafts),
        changed(reports),
        changed(spends),
        changed(proofs),
        changed(updates),
    )


class RetentionJob(PeriodicJob):
    """Runs :func:`purge` every ``interval`` seconds (first at start)."""

    def __init__(
        self,
        database: Database,
        keep: timedelta = DEFAULT_KEEP,
        interval: float = INTERVAL_SECONDS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(interval, "retention")
        self.database = database
        self.keep = keep
        self.clock = clock

    async def run_once(self) -> Purged | None:
        """One round; None when it failed (tried again next round)."""
        try:
            async with self.database.transaction() as session:
                purged = await purge(session, self.clock(), self.keep)
        except Exception as error:  # noqa: BLE001 - the database may be down for a while
            _QUIET.failure(
                "retention",
                "deleting old personal data failed (%s); trying again",
                type(error).__name__,
                exc_info=error,
            )
            return None
        _QUIET.recovered("retention", "deleting old personal data works again")
        if purged.total:
            log.info(
                "retention: deleted %d done call-backs, %d drafts, %d reports of no power, "
                "%d budget spends, %d wrong proofs",
                purged.callbacks,
                purged.drafts,
                purged.reports,
                purged.spends,
                purged.proof_failures,
            )
        return purged
