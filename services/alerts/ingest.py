"""Applying events: store each once, update the outage or planned work, plan the fan-out.

What an event means is decided in one transaction: the event row (its ``id`` is the idempotency
key), the interruption, and the event's fan-out plan (:mod:`services.alerts.plan`: which rows to
cancel, which alert to queue to whom). The plan is carried out afterwards, once, in the order
the events came (:mod:`services.alerts.fanout_run`), and the dispatcher sends the rows.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from services.alerts import fanout, quiet, texts
from services.alerts import plan as p
from services.alerts.events import ParsedEvent, parse_event
from services.alerts.fanout import SOON, URGENT, Alert
from services.alerts.fanout_run import run_pending
from services.alerts.plan import Deadlines
from services.areas import get_area
from services.db import Database
from services.db.alert_models import AlertEvent, AlertFanout, Interruption
from services.db.models import ChatLink
from services.db.types import utcnow


@dataclass(frozen=True)
class IngestResult:
    """What became of an event: ``applied``, ``duplicate`` (same ``id`` seen before),
    ``ignored`` (older than what is already applied for its outage or work) or ``recorded``
    (kept, but nobody to message: an unknown customer code, or an unknown outage).

    ``recipients``: the chats its alerts were queued for; ``None`` while its fan-out has not
    run yet (it runs after the event is stored)."""

    event_id: str
    status: str
    recipients: int | None


@dataclass
class _Step:
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
        self, role: str, rendered: texts.Rendered, urgency: int, quiet_rule: str,
        expires_at: datetime | None = None,
    ) -> Alert:  # fmt: skip
        expires = expires_at or self.deadlines.for_urgency(urgency, self.now)
        return Alert(self.event.id, self.event.subject, role, rendered, urgency, quiet_rule,
                     fast=self.fast, expires_at=expires)  # fmt: skip


DEFAULT_LANGUAGE = languages.LANGUAGES[0].code


async def ingest_event(
    database: Database,
    event: Mapping[str, Any],
    *,
    now: datetime | None = None,
    default_language: str = DEFAULT_LANGUAGE,
    fast: bool = False,
    deadlines: Deadlines | None = None,
    wait: bool = True,
) -> IngestResult:
    """Validate, store once and apply ``event`` in a transaction of its own.

    ``default_language`` is the language of chats that never chose one (the bot passes
    ``KESCO_DEFAULT_LANGUAGE``); ``fast``: its alerts may go the channels' fast, paid way;
    ``deadlines``: how long its alerts are tried. With ``wait`` (the default) the fan-out runs
    before this returns (with those of earlier events still pending), so ``recipients`` is
    known; without, it is left to the bot's fan-out runner. Raises ``EventRejected`` when the
    event is malformed.
    """
    parsed = parse_event(event)
    async with database.transaction() as session:
        result = await apply_event(session, parsed, now=now, default_language=default_language,
                                   fast=fast, deadlines=deadlines)  # fmt: skip
    if not wait or result.recipients is not None:
        return result
    await run_pending(database, until=parsed.id)
    async with database.transaction() as session:
        seen = await session.get(AlertEvent, parsed.id)
        return IngestResult(parsed.id, result.status, seen.recipients if seen else 0)


async def apply_event(
    session: AsyncSession,
    event: Mapping[str, Any] | ParsedEvent,
    *,
    now: datetime | None = None,
    default_language: str = DEFAULT_LANGUAGE,
    fast: bool = False,
    deadlines: Deadlines | None = None,
) -> IngestResult:
    """:func:`ingest_event` in the caller's transaction (a staff notice and its event commit
    together), without running the fan-out: the event's plan is stored for the fan-out runner
    (:func:`services.alerts.run_pending`), so ``recipients`` is ``None`` when there is one."""
    parsed = event if isinstance(event, ParsedEvent) else parse_event(event)
    now = now or utcnow()
    if not await _store(session, parsed, now):
        seen = await session.get(AlertEvent, parsed.id)
        pending = seen is not None and seen.status == "applied" and await _pending(session, seen)
        return IngestResult(parsed.id, "duplicate", None if pending else (seen.recipients if seen
                                                                         else 0))  # fmt: skip
    step = _Step(session, parsed, now, default_language, fast, deadlines or Deadlines())
    status = await _APPLY[parsed.type](step)
    queues = any(item["op"] == "queue" for item in step.steps)
    await session.execute(
        update(AlertEvent).where(AlertEvent.id == parsed.id).values(status=status, recipients=0)
    )
    if step.steps:
        session.add(AlertFanout(event_id=parsed.id, plan=step.steps, step=0, after_chat=0,
                                recipients=0, created_at=now))  # fmt: skip
        await session.flush()
    return IngestResult(parsed.id, status, None if queues else 0)


async def _pending(session: AsyncSession, event: AlertEvent) -> bool:
    query = select(AlertFanout.done_at).where(AlertFanout.event_id == event.id)
    row = (await session.execute(query)).first()
    return row is not None and row[0] is None


async def _store(session: AsyncSession, event: ParsedEvent, now: datetime) -> bool:
    insert = sqlite_insert if session.bind.dialect.name == "sqlite" else pg_insert
    payload = json.loads(json.dumps(dict(event.raw), default=str))
    result = await session.execute(
        insert(AlertEvent)
        .values(
            id=event.id,
            type=event.type,
            occurred_at=event.occurred_at,
            received_at=now,
            status="received",
            subject=event.subject,
            payload=payload,
            recipients=0,
        )  # fmt: skip
        .on_conflict_do_nothing(index_elements=["id"])
    )
    return bool(result.rowcount)


async def _interruption(step: _Step, kind: str, external_id: str) -> tuple[Interruption, bool]:
    """The outage or work, locked for this transaction, and whether this event created it."""
    session = step.session
    insert = sqlite_insert if session.bind.dialect.name == "sqlite" else pg_insert
    created = await session.execute(
        insert(Interruption)
        .values(
            kind=kind,
            external_id=external_id,
            areas=[],
            status="unknown",
            last_event_at=step.event.occurred_at,
            created_at=step.now,
            updated_at=step.now,
            day_reminder_done=False,
            hour_reminder_done=False,
        )  # fmt: skip
        .on_conflict_do_nothing(index_elements=["kind", "external_id"])
    )
    query = (
        select(Interruption)
        .where(Interruption.kind == kind, Interruption.external_id == external_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = (await session.execute(query)).scalar_one()
    return row, bool(created.rowcount)


def _is_stale(row: Interruption, created: bool, step: _Step) -> bool:
    if not created and step.event.occurred_at < row.last_event_at:
        return True
    row.last_event_at = step.event.occurred_at
    row.updated_at = step.now
    return False


async def _bill(step: _Step) -> str:
    fields = step.event.fields
    code = fields["customer_code"]
    if not await _anyone_linked(step.session, code):
        return "recorded"
    rendered = texts.bill_issued(code, fields["amount"], fields["currency"], fields["period"],
                                 fields["due_date"])  # fmt: skip
    alert = step.alert("single", rendered, fanout.ROUTINE, quiet.WAIT)
    step.queue(alert, p.code(code), p.wants("bills"))
    return "applied"


async def _payment(step: _Step) -> str:
    fields = step.event.fields
    code = fields["customer_code"]
    if not await _anyone_linked(step.session, code):
        return "recorded"
    rendered = texts.payment_received(code, fields["amount"], fields["currency"])
    alert = step.alert("single", rendered, fanout.ROUTINE, quiet.SILENT)
    step.queue(alert, p.code(code), p.wants("payments"))
    return "applied"


async def _anyone_linked(session: AsyncSession, code: str) -> bool:
    query = select(func.count()).select_from(ChatLink).where(ChatLink.customer_code == code)
    return bool(await session.scalar(query))


async def _outage_started(step: _Step) -> str:
    fields = step.event.fields
    row, created = await _interruption(step, "outage", fields["outage_id"])
    if _is_stale(row, created, step):
        return "ignored"
    row.district, row.areas, row.status = fields["district"], fields["areas"], "active"
    row.starts_at, row.restored_at = fields["started_at"], None
    row.ends_at = fields.get("estimated_restore_at")
    row.texts = fields.get("reason")
    rendered = texts.outage_started(row.areas, fields["started_at"], row.ends_at, row.texts)
    alert = step.alert("first", rendered, URGENT, quiet.SILENT)
    step.queue(alert, p.outage_audience(row.areas, step.now), p.not_got_first(row.subject))
    return "applied"


async def _outage_updated(step: _Step) -> str:
    fields = step.event.fields
    row, created = await _interruption(step, "outage", fields["outage_id"])
    if _is_stale(row, created, step):
        return "ignored"
    if "areas" in fields:
        row.areas = fields["areas"]
        area = get_area(row.areas[0])
        row.district = area.district if area else row.district
    if "estimated_restore_at" in fields:
        row.ends_at = fields["estimated_restore_at"]
    if "reason" in fields:
        row.texts = fields["reason"]
    if created or row.status != "active":
        row.status = "active" if created else row.status
        return "recorded"
    step.cancel(row.subject, roles=("follow_up",))
    rendered = texts.outage_updated(row.areas, row.ends_at, row.texts)
    step.queue(
        step.alert("follow_up", rendered, URGENT, quiet.SILENT),
        p.outage_follow_up(row.subject, row.areas, step.now, fanout.DELIVERED_OR_UNDERWAY),
    )
    if "areas" in fields:
        first = step.alert("first", rendered, URGENT, quiet.SILENT)
        step.queue(first, p.outage_audience(row.areas, step.now), p.not_got_first(row.subject))
    return "applied"


async def _outage_restored(step: _Step) -> str:
    fields = step.event.fields
    row, created = await _interruption(step, "outage", fields["outage_id"])
    if _is_stale(row, created, step):
        return "ignored"
    row.status, row.restored_at = "restored", fields["restored_at"]
    if created:
        return "recorded"
    step.cancel(row.subject)
    rendered = texts.outage_restored(row.areas, fields["restored_at"])
    step.queue(
        step.alert("follow_up", rendered, URGENT, quiet.SILENT),
        p.outage_follow_up(row.subject, row.areas, step.now, fanout.UNDERWAY_OR_SENT),
    )
    step.close_reports(row.areas)
    return "applied"


async def _work_scheduled(step: _Step) -> str:
    fields = step.event.fields
    row, created = await _interruption(step, "planned_work", fields["work_id"])
    if _is_stale(row, created, step):
        return "ignored"
    if not created:
        step.cancel(row.subject)
        if row.starts_at != fields["starts_at"]:
            row.day_reminder_done = row.hour_reminder_done = False
    row.district, row.areas, row.status = fields["district"], fields["areas"], "scheduled"
    row.starts_at, row.ends_at, row.texts = fields["starts_at"], fields["ends_at"], None
    row.texts = fields["description"]
    if row.ends_at is not None and row.ends_at <= step.now:
        return "applied"
    rendered = texts.work_scheduled(row.areas, fields["starts_at"], fields["ends_at"], row.texts)
    alert = step.alert("first", rendered, SOON, quiet.WAIT, expires_at=row.ends_at)
    step.queue(alert, p.areas(row.areas), p.wants("planned_works"))
    return "applied"


async def _work_cancelled(step: _Step) -> str:
    row, created = await _interruption(step, "planned_work", step.event.fields["work_id"])
    if _is_stale(row, created, step):
        return "ignored"
    row.status = "cancelled"
    if created:
        return "recorded"
    step.cancel(row.subject)
    rendered = texts.work_cancelled(row.areas, row.starts_at)
    ends = row.ends_at if row.ends_at and row.ends_at > step.now else None
    step.queue(
        step.alert("follow_up", rendered, SOON, quiet.WAIT, expires_at=ends),
        p.got_first(row.subject, fanout.UNDERWAY_OR_SENT),
        p.wants("planned_works"),
    )
    return "applied"


_APPLY: dict[str, Callable[[_Step], Awaitable[str]]] = {
    "bill.issued": _bill,
    "payment.received": _payment,
    "outage.started": _outage_started,
    "outage.updated": _outage_updated,
    "outage.restored": _outage_restored,
    "planned_work.scheduled": _work_scheduled,
    "planned_work.cancelled": _work_cancelled,
}
