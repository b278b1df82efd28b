"""Carrying out the stored fan-out plans, once each, in the order the events came.

:func:`run_pending` takes the oldest unfinished plan (``alert_fanouts``, locked for its
transaction, so that two runners, in one process or in several, take turns on it rather than
both doing it), does the next piece of it and commits that piece together with how far it has
got. A piece is the cancellations, or one alert queued to the chats of one range of ids
(``CHUNK`` ids): the first messages of a fan-out to a million chats can go out within a second,
and a runner that dies midway leaves nothing done twice and nothing undone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import fanout
from services.alerts import plan as p
from services.alerts.outbox import cancel_queued
from services.alerts.reporters import close_reports_in
from services.db import Database, end_if_stalled
from services.db.alert_models import AlertEvent, AlertFanout
from services.db.models import Chat
from services.db.types import utcnow

CHUNK = 50_000
STALLED_PIECE = 10.0  # a runner stopped mid-piece holds the plan's lock no longer than this
_LOCKS: dict[tuple[str, int], asyncio.Lock] = {}


def _lock(database: Database) -> asyncio.Lock:
    """One runner at a time per database in this process (SQLite has no row locks)."""
    key = (database.url, id(asyncio.get_running_loop()))
    if key not in _LOCKS:
        if len(_LOCKS) > 64:
            _LOCKS.clear()
        _LOCKS[key] = asyncio.Lock()
    return _LOCKS[key]


async def run_pending(
    database: Database,
    *,
    until: str | None = None,
    default_language: str = "sq",
    chunk: int = CHUNK,
    on_progress: Callable[[], None] | None = None,
) -> int:
    """Run pending fan-outs until none is left (or the one of event ``until`` is done).

    Returns the outbox rows queued; ``on_progress`` is called after each piece that queued
    some (to wake the dispatcher).
    """
    queued = 0
    while True:
        async with _lock(database), database.transaction() as session:
            await end_if_stalled(session, STALLED_PIECE)
            piece = await _next_piece(session, default_language, chunk)
        if piece is None:
            return queued
        event_id, finished, rows = piece
        queued += rows
        if rows and on_progress is not None:
            on_progress()
        if until is not None and event_id == until and finished:
            return queued


async def pending(database: Database) -> int:
    """How many fan-outs are waiting or under way."""
    async with database.transaction() as session:
        query = select(func.count()).select_from(AlertFanout).where(AlertFanout.done_at.is_(None))
        return int(await session.scalar(query) or 0)


async def planned_reach(session: AsyncSession, event_id: str) -> int | None:
    """How many chats the fan-out of ``event_id``, not finished yet, would reach now, counted in
    the caller's transaction (for staff, who want a number at once); None without a plan or
    once the fan-out is done (the event's ``recipients`` then says)."""
    plan = await session.scalar(
        select(AlertFanout.plan).where(
            AlertFanout.event_id == event_id, AlertFanout.done_at.is_(None)
        )
    )
    if plan is None:
        return None
    reach = 0
    for step in plan:
        if step["op"] == "queue":
            reach += await fanout.count(session, *p.conditions(step["audience"]))
    return reach


async def _next_piece(
    session: AsyncSession, default_language: str, chunk: int
) -> tuple[str, bool, int] | None:
    fanout_row = await session.scalar(
        select(AlertFanout)
        .where(AlertFanout.done_at.is_(None))
        .order_by(AlertFanout.id)
        .limit(1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if fanout_row is None:
        return None
    now = utcnow()
    queued = 0
    steps = fanout_row.plan
    while fanout_row.step < len(steps):
        step = steps[fanout_row.step]
        if step["op"] == "cancel":
            await cancel_queued(session, step["subject"], step["roles"])
            fanout_row.step += 1
            continue
        if step["op"] == "close_reports":
            await close_reports_in(session, step["areas"], datetime.fromisoformat(step["at"]))
            fanout_row.step += 1
            continue
        last_chat = int(await session.scalar(select(func.max(Chat.id))) or 0)
        upper = fanout_row.after_chat + chunk
        if fanout_row.after_chat < last_chat:
            at = datetime.fromisoformat(step["at"]) if step.get("at") else now
            span = (fanout_row.after_chat, upper)
            queued = await fanout.queue(
                session,
                p.alert_of(step["alert"]),
                p.conditions(step["audience"], span),
                now=at,
                default_language=step.get("default_language", default_language),
                chats=(fanout_row.after_chat, upper),
            )
        if upper >= last_chat:
            fanout_row.step, fanout_row.after_chat = fanout_row.step + 1, 0
        else:
            fanout_row.after_chat = upper
        fanout_row.recipients += queued
        break
    finished = fanout_row.step >= len(steps)
    if finished:
        await _finish(session, fanout_row, now)
    return fanout_row.event_id, finished, queued


async def _finish(session: AsyncSession, row: AlertFanout, now: datetime) -> None:
    row.done_at = now
    await session.execute(
        update(AlertEvent).where(AlertEvent.id == row.event_id).values(recipients=row.recipients)
    )
