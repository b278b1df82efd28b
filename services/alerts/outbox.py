"""The durable outbox: claiming rows to send, recording what became of them, progress.

A row is ``queued`` until a dispatcher claims it (``sending``, with a lease), then ends
``sent``, ``failed`` (its deadline passed, it was refused, or its outcome is unknown:
``last_error`` says which), ``blocked`` (the chat is gone) or ``cancelled``. Rows still
``sending`` when a dispatcher dies are queued again by the next one. What became of rows is
recorded in batches (:func:`record`), many rows in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts.fanout import URGENT
from services.alerts.plan import Deadlines
from services.db import Database
from services.db.alert_models import AlertFanout, AlertPreference, OutboxMessage
from services.db.models import Chat
from services.db.types import UTCDateTime

OUTBOX = OutboxMessage.__table__

STATES = ("queued", "sending", "sent", "failed", "blocked", "cancelled")


@dataclass(frozen=True)
class ClaimedMessage:
    """A row a dispatcher has claimed, with what it needs to send it."""

    id: int
    chat_id: int
    channel: str
    external_id: str
    text: str
    buttons: list[list[list[str]]]
    quiet: str
    quiet_hours: str | None
    attempts: int
    created_at: datetime
    expires_at: datetime | None = None
    fast: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one claimed row, to be recorded (:func:`record`).

    ``state``: ``sent`` (at ``at``; a batch of them is recorded with its latest ``at``; ``fast``
    if it went the paid way), ``queued`` (again, not
    before ``at``), ``failed`` or ``blocked`` (its chat, ``chat_id``, is gone); ``reason`` is
    kept as the last error; ``attempt`` says whether it counts as a try.
    """

    id: int
    state: str
    at: datetime | None = None
    reason: str | None = None
    attempt: bool = True
    fast: bool = False
    chat_id: int | None = None


async def cancel_queued(
    session: AsyncSession, subject: str, roles: Sequence[str] | None = None
) -> int:
    """Cancel the not-yet-sent rows about ``subject`` (of ``roles``, or all)."""
    statement = update(OutboxMessage).where(
        OutboxMessage.subject == subject, OutboxMessage.state == "queued"
    )
    if roles is not None:
        statement = statement.where(OutboxMessage.role.in_(list(roles)))
    result = await session.execute(statement.values(state="cancelled"))
    return int(result.rowcount or 0)


@cache
def _claim_statements(fast: bool | None) -> tuple[Any, Any]:
    """The two statements of a claim, built once (their values are bound parameters)."""
    due = (
        select(OUTBOX.c.id)
        .where(
            OUTBOX.c.state == "queued",
            OUTBOX.c.channel == bindparam("b_channel"),
            OUTBOX.c.not_before <= bindparam("b_now", type_=UTCDateTime),
        )
        .order_by(OUTBOX.c.urgency, OUTBOX.c.id)
        .limit(bindparam("b_limit"))
        .with_for_update(skip_locked=True)
    )
    if fast is not None:
        due = due.where(OUTBOX.c.fast.is_(fast))
    take = (
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(due.scalar_subquery()))
        .values(state="sending", lease_until=bindparam("b_lease", type_=UTCDateTime))
        .returning(OUTBOX.c.id)
    )
    chats, preferences = Chat.__table__, AlertPreference.__table__
    read = (
        select(OUTBOX.c.id, OUTBOX.c.chat_id, OUTBOX.c.channel, chats.c.external_id,
               OUTBOX.c.text, OUTBOX.c.buttons, OUTBOX.c.quiet, preferences.c.quiet_hours,
               OUTBOX.c.attempts, OUTBOX.c.created_at, OUTBOX.c.expires_at, OUTBOX.c.fast)
        .select_from(OUTBOX.join(chats, chats.c.id == OUTBOX.c.chat_id)
                     .outerjoin(preferences, preferences.c.chat_id == OUTBOX.c.chat_id))
        .where(OUTBOX.c.id.in_(bindparam("b_ids", expanding=True)))
        .order_by(OUTBOX.c.urgency, OUTBOX.c.id)
    )  # fmt: skip
    return take, read


async def claim(
    database: Database,
    channel: str,
    limit: int,
    now: datetime,
    lease: timedelta,
    *,
    fast: bool | None = None,
) -> list[ClaimedMessage]:
    """Claim up to ``limit`` due rows of ``channel`` (only those that may go the fast way, or
    only the others, or all), most urgent first, skipping rows another dispatcher has locked on
    PostgreSQL."""
    take, read = _claim_statements(fast)
    async with database.transaction() as session:
        connection = await session.connection()
        claimed = await connection.execute(
            take, {"b_channel": channel, "b_now": now, "b_limit": limit, "b_lease": now + lease}
        )
        ids = [row[0] for row in claimed]
        if not ids:
            return []
        rows = await connection.execute(read, {"b_ids": ids})
        return [
            ClaimedMessage(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]) if r[5] else [],
                           r[6], r[7], r[8], r[9], r[10], bool(r[11]))  # fmt: skip
            for r in rows
        ]


def _short(reason: str | None) -> str | None:
    return reason[:300] if reason else None


async def record(database: Database, outcomes: Sequence[Outcome]) -> None:
    """Record what became of claimed rows, all in one transaction. A row is changed only while
    it is still ``sending`` (claimed)."""
    if not outcomes:
        return
    claimed = (OUTBOX.c.id == bindparam("b_id")) & (OUTBOX.c.state == "sending")
    tries = OUTBOX.c.attempts + bindparam("b_try")
    sent: dict[bool, list[Outcome]] = {}
    groups: dict[str, list[dict[str, object]]] = {}
    for item in outcomes:
        if item.state == "sent":
            sent.setdefault(item.fast, []).append(item)
            continue
        values = {"b_id": item.id, "b_try": int(item.attempt), "b_reason": _short(item.reason),
                  "b_at": item.at}  # fmt: skip
        groups.setdefault(item.state, []).append(values)
    statements = {
        "queued": dict(state="queued", not_before=bindparam("b_at"),
                       last_error=bindparam("b_reason")),
        "failed": dict(state="failed", last_error=bindparam("b_reason")),
    }  # fmt: skip
    async with database.transaction() as session:
        connection = await session.connection()
        for fast, items in sent.items():  # most outcomes: one statement for all of them
            at = max(item.at for item in items if item.at is not None)
            await connection.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_([item.id for item in items]), OUTBOX.c.state == "sending")
                .values(state="sent", sent_at=at, fast_sent=fast, last_error=None,
                        lease_until=None, attempts=OUTBOX.c.attempts + 1)  # fmt: skip
            )
        for state, values in statements.items():
            if groups.get(state):
                statement = update(OUTBOX).where(claimed).values(
                    lease_until=None, attempts=tries, **values
                )
                await connection.execute(statement, groups[state])
        for item in outcomes:
            if item.state == "blocked" and item.chat_id is not None:
                await _block(session, item.id, item.chat_id, item.reason or "recipient gone")


async def _block(session: AsyncSession, message_id: int, chat_id: int, why: str) -> int:
    await session.execute(
        update(Chat).where(Chat.id == chat_id).values(active=False, inactive_reason=why[:200])
    )
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.chat_id == chat_id,
            (OutboxMessage.id == message_id) | (OutboxMessage.state == "queued"),
        )
        .values(state="blocked", lease_until=None, last_error=why[:300])
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


async def requeue_in_flight(database: Database, now: datetime, *, all_leases: bool) -> int:
    """Queue again rows left ``sending`` by a dispatcher that died (every one, when we hold the
    dispatcher lock; else those whose lease ran out)."""
    statement = update(OutboxMessage).where(OutboxMessage.state == "sending")
    if not all_leases:
        statement = statement.where(OutboxMessage.lease_until < now)
    async with database.transaction() as session:
        result = await session.execute(statement.values(state="queued", lease_until=None))
    return int(result.rowcount or 0)


async def counts_by_state(database: Database, event_id: str | None = None) -> dict[str, int]:
    """Outbox rows by state (all states present), of one event or of all."""
    async with database.transaction() as session:
        return await counts_in(session, event_id)


async def counts_in(session: AsyncSession, event_id: str | None = None) -> dict[str, int]:
    """:func:`counts_by_state` in the caller's transaction."""
    query = select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
    if event_id is not None:
        query = query.where(OutboxMessage.event_id == event_id)
    counts = dict.fromkeys(STATES, 0)
    for state, number in await session.execute(query):
        counts[state] = int(number)
    return counts


async def broadcast_progress(database: Database, event_id: str) -> dict[str, int]:
    """Outbox rows of ``event_id`` by state: queued, sending, sent, failed, blocked, cancelled."""
    return await counts_by_state(database, event_id)


async def stop_broadcast(database: Database, event_id: str) -> int:
    """Cancel the not-yet-sent rows of ``event_id``; returns how many were cancelled."""
    async with database.transaction() as session:
        return await stop_in(session, event_id)


async def resend_failed(
    session: AsyncSession, event_id: str, now: datetime, deadlines: Deadlines | None = None
) -> int:
    """Queue again the ``failed`` rows of ``event_id`` (not blocked or cancelled ones), with a
    new deadline; returns how many. Rows whose outcome was unknown are among them: sending
    them again is a choice staff make."""
    deadlines = deadlines or Deadlines()
    expires = {True: now + deadlines.urgent, False: now + deadlines.routine}
    total = 0
    for urgent in (True, False):
        urgency = (OutboxMessage.urgency == URGENT) if urgent else (OutboxMessage.urgency != URGENT)
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.event_id == event_id, OutboxMessage.state == "failed", urgency)
            .values(state="queued", not_before=now, attempts=0, expires_at=expires[urgent],
                    last_error=None)  # fmt: skip
            .execution_options(synchronize_session=False)
        )
        total += int(result.rowcount or 0)
    return total


async def fast_sent(session: AsyncSession, *, event_id: str | None = None,
                    channel: str | None = None, since: datetime | None = None) -> int:  # fmt: skip
    """Rows that went the fast (paid) way: of one event, of one channel, sent since a time."""
    query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.fast_sent)
    if event_id is not None:
        query = query.where(OutboxMessage.event_id == event_id)
    if channel is not None:
        query = query.where(OutboxMessage.channel == channel)
    if since is not None:
        query = query.where(OutboxMessage.sent_at >= since)
    return int(await session.scalar(query) or 0)


async def stop_in(session: AsyncSession, event_id: str) -> int:
    """:func:`stop_broadcast` in the caller's transaction. A fan-out of the event that has not
    finished queues nothing more (its cancellations still run)."""
    pending = await session.scalar(
        select(AlertFanout)
        .where(AlertFanout.event_id == event_id, AlertFanout.done_at.is_(None))
        .with_for_update()
    )
    if pending is not None:
        rest = [step for step in pending.plan[pending.step :] if step["op"] == "cancel"]
        pending.plan = [*pending.plan[: pending.step], *rest]
        pending.after_chat = 0
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.event_id == event_id, OutboxMessage.state == "queued")
        .values(state="cancelled")
    )
    return int(result.rowcount or 0)
