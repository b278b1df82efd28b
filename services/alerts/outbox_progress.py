"""The outbox as staff see it: rows by state, stopping a broadcast, sending again what did not
arrive, what the fast (paid) way spent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts.fanout import URGENT
from services.alerts.outbox import STATES
from services.alerts.plan import Deadlines
from services.db import Database, changed
from services.db.alert_models import AlertFanout, OutboxMessage


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
    session: AsyncSession,
    event_id: str,
    now: datetime,
    deadlines: Deadlines | None = None,
    *,
    unconfirmed: bool = False,
) -> int:
    """Queue again the rows of ``event_id`` that did not arrive, with a new deadline; returns
    how many. ``failed`` rows (refused, expired) always; rows that may have arrived
    (``unconfirmed``: no answer came) only when staff ask for them, since those that did
    arrive are then sent twice. A row a delivery receipt showed arrived is ``sent``, never
    among them (:mod:`services.alerts.settle`)."""
    deadlines = deadlines or Deadlines()
    expires = {True: now + deadlines.urgent, False: now + deadlines.routine}
    states = ("failed", "unconfirmed") if unconfirmed else ("failed",)
    total = 0
    for urgent in (True, False):
        urgency = (OutboxMessage.urgency == URGENT) if urgent else (OutboxMessage.urgency != URGENT)
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.event_id == event_id, OutboxMessage.state.in_(states), urgency)
            .values(
                state="queued",
                not_before=now,
                attempts=0,
                unanswered=0,
                expires_at=expires[urgent],
                last_error=None,
            )
            .execution_options(synchronize_session=False)
        )
        total += changed(result)
    return total


async def fast_sent(
    session: AsyncSession,
    *,
    event_id: str | None = None,
    channel: str | None = None,
    since: datetime | None = None,
) -> int:
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
    return changed(result)
