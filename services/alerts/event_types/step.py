"""What an event type's ``apply`` is given: the event, the transaction, and the fan-out plan
it writes (:mod:`services.alerts.plan`), with the outage or planned work it is about.

``apply`` returns what became of the event: ``applied``, ``ignored`` (stale: older than what
is already applied for its outage or work) or ``recorded`` (kept, but nobody to message).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import plan as p
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.fanout import Alert
from services.alerts.plan import Deadlines
from services.alerts.texts import Rendered
from services.db import changed, dialect_of
from services.db.alert_models import Interruption
from services.db.models import ChatLink


@dataclass
class Step:
    """One event being applied in ``session`` at ``now``; ``steps`` is its fan-out plan so far.
    ``language``: of chats that never chose one; ``fast``: its alerts may go the paid way."""

    session: AsyncSession
    event: ParsedEvent
    now: datetime
    language: str
    fast: bool = False
    deadlines: Deadlines = Deadlines()
    steps: list[p.Step] = field(default_factory=list)

    def queue(self, alert: Alert, *audience: p.Condition) -> None:
        self.steps.append(p.queue(alert, audience, self.language, self.now))

    def cancel(self, subject: str, roles: Sequence[str] | None = None) -> None:
        self.steps.append(p.cancel(subject, roles))

    def close_reports(self, areas: Sequence[str]) -> None:
        """Power is back in ``areas``: close their reports, once the reporters are told."""
        self.steps.append(p.close_reports(areas, self.now))

    def alert(
        self,
        role: str,
        rendered: Rendered,
        urgency: int,
        quiet_rule: str,
        expires_at: datetime | None = None,
    ) -> Alert:
        expires = expires_at or self.deadlines.for_urgency(urgency, self.now)
        code = self.event.fields.get("customer_code")
        return Alert(
            self.event.id,
            self.event.subject,
            role,
            rendered,
            urgency,
            quiet_rule,
            fast=self.fast,
            expires_at=expires,
            customer_code=code if isinstance(code, str) else None,
        )

    async def anyone_linked(self, code: str) -> bool:
        """Whether any chat is linked to customer ``code``."""
        query = select(func.count()).select_from(ChatLink).where(ChatLink.customer_code == code)
        return bool(await self.session.scalar(query))

    async def interruption(self, kind: str, external_id: str) -> tuple[Interruption, bool]:
        """The outage or work, locked for this transaction, and whether this event created it."""
        insert = sqlite_insert if dialect_of(self.session) == "sqlite" else pg_insert
        created = await self.session.execute(
            insert(Interruption)
            .values(
                kind=kind,
                external_id=external_id,
                areas=[],
                status="unknown",
                last_event_at=self.event.occurred_at,
                created_at=self.now,
                updated_at=self.now,
                day_reminder_done=False,
                hour_reminder_done=False,
            )
            .on_conflict_do_nothing(index_elements=["kind", "external_id"])
        )
        query = (
            select(Interruption)
            .where(Interruption.kind == kind, Interruption.external_id == external_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        row = (await self.session.execute(query)).scalar_one()
        return row, changed(created) > 0

    def is_stale(self, row: Interruption, created: bool) -> bool:
        """Whether the event is older than the last one applied to ``row``; if not, it becomes
        the last one."""
        if not created and self.event.occurred_at < row.last_event_at:
            return True
        row.last_event_at = self.event.occurred_at
        row.updated_at = self.now
        return False
