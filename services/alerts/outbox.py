"""The durable outbox: claiming rows to send, recording what became of them, progress.

A row is ``queued`` until a dispatcher claims it (``sending``, with a lease), then ends
``sent``, ``failed`` (gave up, ``last_error`` says why), ``blocked`` (the chat is gone) or
``cancelled``. Rows still ``sending`` when a dispatcher dies are queued again by the next one:
a message is sent at least once and, once recorded as sent, never again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import Database
from services.db.alert_models import AlertPreference, OutboxMessage
from services.db.models import Chat

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


async def claim(
    database: Database, channel: str, limit: int, now: datetime, lease: timedelta
) -> list[ClaimedMessage]:
    """Claim up to ``limit`` due rows of ``channel``, most urgent first (skipping rows another
    dispatcher has locked on PostgreSQL)."""
    due = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.state == "queued",
            OutboxMessage.channel == channel,
            OutboxMessage.not_before <= now,
        )
        .order_by(OutboxMessage.urgency, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    async with database.transaction() as session:
        claimed = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(due.scalar_subquery()))
            .values(state="sending", lease_until=now + lease, attempts=OutboxMessage.attempts + 1)
            .returning(OutboxMessage.id)
            .execution_options(synchronize_session=False)
        )
        ids = [row[0] for row in claimed]
        if not ids:
            return []
        rows = await session.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.chat_id,
                OutboxMessage.channel,
                Chat.external_id,
                OutboxMessage.text,
                OutboxMessage.buttons,
                OutboxMessage.quiet,
                AlertPreference.quiet_hours,
                OutboxMessage.attempts,
                OutboxMessage.created_at,
            )  # fmt: skip
            .join(Chat, Chat.id == OutboxMessage.chat_id)
            .outerjoin(AlertPreference, AlertPreference.chat_id == OutboxMessage.chat_id)
            .where(OutboxMessage.id.in_(ids))
            .order_by(OutboxMessage.urgency, OutboxMessage.id)
        )
        return [
            ClaimedMessage(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                json.loads(r[5]) if r[5] else [],
                r[6],
                r[7],
                r[8],
                r[9],
            )  # fmt: skip
            for r in rows
        ]


async def _set(database: Database, message_id: int, **values: object) -> None:
    async with database.transaction() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.state == "sending")
            .values(lease_until=None, **values)
        )


async def mark_sent(database: Database, message_id: int, now: datetime) -> None:
    await _set(database, message_id, state="sent", sent_at=now, last_error=None)


async def mark_failed(database: Database, message_id: int, reason: str) -> None:
    await _set(database, message_id, state="failed", last_error=reason[:300])


async def retry_later(
    database: Database, message_id: int, at: datetime, reason: str, *, count_attempt: bool = True
) -> None:
    """Queue the row again for ``at``; ``count_attempt=False`` gives back the claim's attempt."""
    attempts = OutboxMessage.attempts if count_attempt else OutboxMessage.attempts - 1
    await _set(
        database, message_id, state="queued", not_before=at, attempts=attempts,
        last_error=reason[:300] if reason else None,
    )  # fmt: skip


async def mark_recipient_gone(database: Database, message_id: int, chat_id: int, why: str) -> int:
    """Block this row and every queued row of the chat, and mark the chat inactive."""
    async with database.transaction() as session:
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


async def stop_in(session: AsyncSession, event_id: str) -> int:
    """:func:`stop_broadcast` in the caller's transaction."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.event_id == event_id, OutboxMessage.state == "queued")
        .values(state="cancelled")
    )
    return int(result.rowcount or 0)
