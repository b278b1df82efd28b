"""Applying events: store each once, update the outage or planned work, plan the fan-out.

What an event means is decided in one transaction: the event row (its ``id`` is the idempotency
key), then what its type applies (its module in :mod:`services.alerts.event_types`): the outage
or planned work, and the event's fan-out plan (:mod:`services.alerts.plan`: which rows to
cancel, which alert to queue to whom). The plan is carried out afterwards, once, in the order
the events came (:mod:`services.alerts.fanout_run`), and the dispatcher sends the rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from services.alerts.event_types.registry import BY_NAME
from services.alerts.event_types.step import Step
from services.alerts.events import ParsedEvent, parse_event
from services.alerts.fanout_run import run_pending
from services.alerts.plan import Deadlines
from services.db import Database, changed, dialect_of
from services.db.alert_models import AlertEvent, AlertFanout
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
        result = await apply_event(
            session,
            parsed,
            now=now,
            default_language=default_language,
            fast=fast,
            deadlines=deadlines,
        )
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
        return IngestResult(
            parsed.id, "duplicate", None if pending else (seen.recipients if seen else 0)
        )
    step = Step(session, parsed, now, default_language, fast, deadlines or Deadlines())
    status = await BY_NAME[parsed.type].apply(step)
    queues = any(item["op"] == "queue" for item in step.steps)
    await session.execute(
        update(AlertEvent).where(AlertEvent.id == parsed.id).values(status=status, recipients=0)
    )
    if step.steps:
        session.add(
            AlertFanout(
                event_id=parsed.id,
                plan=step.steps,
                step=0,
                after_chat=0,
                recipients=0,
                created_at=now,
            )
        )
        await session.flush()
    return IngestResult(parsed.id, status, None if queues else 0)


async def _pending(session: AsyncSession, event: AlertEvent) -> bool:
    query = select(AlertFanout.done_at).where(AlertFanout.event_id == event.id)
    row = (await session.execute(query)).first()
    return row is not None and row[0] is None


async def _store(session: AsyncSession, event: ParsedEvent, now: datetime) -> bool:
    insert = sqlite_insert if dialect_of(session) == "sqlite" else pg_insert
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
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    return changed(result) > 0
