"""Applying events: store each once, update the outage or planned work, fan out the alerts.

Everything an event changes is written in one transaction: the event row (its ``id`` is the
idempotency key), the interruption, and the outbox rows. The dispatcher sends them later.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from services.alerts import fanout, quiet, texts
from services.alerts.events import ParsedEvent, parse_event
from services.alerts.fanout import (
    SOON,
    URGENT,
    Alert,
    got_first,
    in_areas,
    outage_audience,
    outage_follow_up,
    wants,
)
from services.alerts.outbox import cancel_queued
from services.alerts.reporters import close_reports_in
from services.areas import get_area
from services.db import Database
from services.db.alert_models import AlertEvent, Interruption
from services.db.models import ChatLink
from services.db.types import utcnow


@dataclass(frozen=True)
class IngestResult:
    """What became of an event: ``applied``, ``duplicate`` (same ``id`` seen before),
    ``ignored`` (older than what is already applied for its outage or work) or ``recorded``
    (kept, but nobody to message: an unknown customer code, or an unknown outage)."""

    event_id: str
    status: str
    recipients: int


@dataclass
class _Step:
    session: AsyncSession
    event: ParsedEvent
    now: datetime
    language: str

    async def queue(self, alert: Alert, *conditions: Any) -> int:
        return await fanout.queue(
            self.session, alert, conditions, now=self.now, default_language=self.language
        )

    def alert(self, role: str, rendered: texts.Rendered, urgency: int, quiet_rule: str) -> Alert:
        return Alert(self.event.id, self.event.subject, role, rendered, urgency, quiet_rule)


DEFAULT_LANGUAGE = languages.LANGUAGES[0].code


async def ingest_event(
    database: Database,
    event: Mapping[str, Any],
    *,
    now: datetime | None = None,
    default_language: str = DEFAULT_LANGUAGE,
) -> IngestResult:
    """Validate, store once and apply ``event`` in a transaction of its own.

    ``default_language`` is the language of chats that never chose one (the bot passes
    ``KESCO_DEFAULT_LANGUAGE``). Raises ``EventRejected`` when the event is malformed.
    """
    parsed = parse_event(event)
    async with database.transaction() as session:
        return await apply_event(session, parsed, now=now, default_language=default_language)


async def apply_event(
    session: AsyncSession,
    event: Mapping[str, Any] | ParsedEvent,
    *,
    now: datetime | None = None,
    default_language: str = DEFAULT_LANGUAGE,
) -> IngestResult:
    """:func:`ingest_event` in the caller's transaction (a staff notice and its event commit
    together)."""
    parsed = event if isinstance(event, ParsedEvent) else parse_event(event)
    now = now or utcnow()
    if not await _store(session, parsed, now):
        seen = await session.get(AlertEvent, parsed.id)
        return IngestResult(parsed.id, "duplicate", seen.recipients if seen else 0)
    step = _Step(session, parsed, now, default_language)
    status, recipients = await _APPLY[parsed.type](step)
    await session.execute(
        update(AlertEvent)
        .where(AlertEvent.id == parsed.id)
        .values(status=status, recipients=recipients)
    )
    return IngestResult(parsed.id, status, recipients)


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


async def _bill(step: _Step) -> tuple[str, int]:
    fields = step.event.fields
    code = fields["customer_code"]
    if not await _anyone_linked(step.session, code):
        return "recorded", 0
    rendered = texts.bill_issued(code, fields["amount"], fields["currency"], fields["period"],
                                 fields["due_date"])  # fmt: skip
    alert = step.alert("single", rendered, fanout.ROUTINE, quiet.WAIT)
    return "applied", await step.queue(alert, fanout.linked_to_code(code), wants("bills"))


async def _payment(step: _Step) -> tuple[str, int]:
    fields = step.event.fields
    code = fields["customer_code"]
    if not await _anyone_linked(step.session, code):
        return "recorded", 0
    rendered = texts.payment_received(code, fields["amount"], fields["currency"])
    alert = step.alert("single", rendered, fanout.ROUTINE, quiet.SILENT)
    return "applied", await step.queue(alert, fanout.linked_to_code(code), wants("payments"))


async def _anyone_linked(session: AsyncSession, code: str) -> bool:
    query = select(func.count()).select_from(ChatLink).where(ChatLink.customer_code == code)
    return bool(await session.scalar(query))


async def _outage_started(step: _Step) -> tuple[str, int]:
    fields = step.event.fields
    row, created = await _interruption(step, "outage", fields["outage_id"])
    if _is_stale(row, created, step):
        return "ignored", 0
    row.district, row.areas, row.status = fields["district"], fields["areas"], "active"
    row.starts_at, row.restored_at = fields["started_at"], None
    row.ends_at = fields.get("estimated_restore_at")
    row.texts = fields.get("reason")
    rendered = texts.outage_started(row.areas, fields["started_at"], row.ends_at, row.texts)
    alert = step.alert("first", rendered, URGENT, quiet.SILENT)
    recipients = await step.queue(
        alert, outage_audience(row.areas, step.now), ~got_first(row.subject)
    )
    return "applied", recipients


async def _outage_updated(step: _Step) -> tuple[str, int]:
    fields = step.event.fields
    row, created = await _interruption(step, "outage", fields["outage_id"])
    if _is_stale(row, created, step):
        return "ignored", 0
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
        return "recorded", 0
    await cancel_queued(step.session, row.subject, roles=("follow_up",))
    rendered = texts.outage_updated(row.areas, row.ends_at, row.texts)
    recipients = await step.queue(
        step.alert("follow_up", rendered, URGENT, quiet.SILENT),
        outage_follow_up(row.subject, row.areas, step.now, fanout.DELIVERED_OR_UNDERWAY),
    )
    if "areas" in fields:
        first = step.alert("first", rendered, URGENT, quiet.SILENT)
        recipients += await step.queue(
            first, outage_audience(row.areas, step.now), ~got_first(row.subject)
        )
    return "applied", recipients


async def _outage_restored(step: _Step) -> tuple[str, int]:
    fields = step.event.fields
    row, created = await _interruption(step, "outage", fields["outage_id"])
    if _is_stale(row, created, step):
        return "ignored", 0
    row.status, row.restored_at = "restored", fields["restored_at"]
    if created:
        return "recorded", 0
    await cancel_queued(step.session, row.subject)
    rendered = texts.outage_restored(row.areas, fields["restored_at"])
    recipients = await step.queue(
        step.alert("follow_up", rendered, URGENT, quiet.SILENT),
        outage_follow_up(row.subject, row.areas, step.now, fanout.UNDERWAY_OR_SENT),
    )
    await close_reports_in(step.session, row.areas, step.now)
    return "applied", recipients


async def _work_scheduled(step: _Step) -> tuple[str, int]:
    fields = step.event.fields
    row, created = await _interruption(step, "planned_work", fields["work_id"])
    if _is_stale(row, created, step):
        return "ignored", 0
    if not created:
        await cancel_queued(step.session, row.subject)
        if row.starts_at != fields["starts_at"]:
            row.day_reminder_done = row.hour_reminder_done = False
    row.district, row.areas, row.status = fields["district"], fields["areas"], "scheduled"
    row.starts_at, row.ends_at, row.texts = fields["starts_at"], fields["ends_at"], None
    row.texts = fields["description"]
    if row.ends_at is not None and row.ends_at <= step.now:
        return "applied", 0
    rendered = texts.work_scheduled(row.areas, fields["starts_at"], fields["ends_at"], row.texts)
    alert = step.alert("first", rendered, SOON, quiet.WAIT)
    return "applied", await step.queue(alert, in_areas(row.areas), wants("planned_works"))


async def _work_cancelled(step: _Step) -> tuple[str, int]:
    row, created = await _interruption(step, "planned_work", step.event.fields["work_id"])
    if _is_stale(row, created, step):
        return "ignored", 0
    row.status = "cancelled"
    if created:
        return "recorded", 0
    await cancel_queued(step.session, row.subject)
    rendered = texts.work_cancelled(row.areas, row.starts_at)
    recipients = await step.queue(
        step.alert("follow_up", rendered, SOON, quiet.WAIT),
        got_first(row.subject, fanout.UNDERWAY_OR_SENT),
        wants("planned_works"),
    )
    return "applied", recipients


_APPLY: dict[str, Callable[[_Step], Awaitable[tuple[str, int]]]] = {
    "bill.issued": _bill,
    "payment.received": _payment,
    "outage.started": _outage_started,
    "outage.updated": _outage_updated,
    "outage.restored": _outage_restored,
    "planned_work.scheduled": _work_scheduled,
    "planned_work.cancelled": _work_cancelled,
}
