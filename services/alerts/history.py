"""What became of an outage's or a planned work's messages: its events, and the delivery of
their outbox rows (how many chats were reached, what is still being sent, why messages failed).

For the staff board and a notice's page: a notice's outage is one subject (``outage:<id>``)
with several events (started, updated, restored), each with its outbox rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.alert_models import AlertEvent, AlertFanout, OutboxMessage

# Why messages did not arrive, as an operator names it (docs/staff-guide.md).
FAILURE_REASONS = ("blocked", "gone", "rate_limited", "gave_up", "expired", "rejected")
PENDING = ("queued", "sending", "unsettled")  # still on their way (unsettled: receipts awaited)


@dataclass
class Delivery:
    """The outbox rows of one subject: by state, chats reached, failures by reason."""

    counts: dict[str, int] = field(default_factory=dict)
    reached: int = 0  # chats whose first message was sent
    failures: dict[str, int] = field(default_factory=dict)
    fanning_out: bool = False  # an event's messages are still being queued

    @property
    def pending(self) -> int:
        return sum(self.counts.get(state, 0) for state in PENDING)

    @property
    def state(self) -> str:
        return delivery_state(self.counts, fanning_out=self.fanning_out)


def delivery_state(counts: dict[str, int], *, fanning_out: bool = False) -> str:
    """``sending`` while messages wait, are on their way or still being queued
    (``fanning_out``); then ``delivered`` (some sent), ``unconfirmed`` (none confirmed, but
    some may have arrived: the messenger never answered), ``failed`` (every message failed),
    ``stopped`` (cancelled before any was sent) or ``nobody`` (no chat to reach)."""
    if fanning_out or any(counts.get(state, 0) for state in PENDING):
        return "sending"
    if counts.get("sent", 0):
        return "delivered"
    if counts.get("unconfirmed", 0):
        return "unconfirmed"
    if counts.get("failed", 0) + counts.get("blocked", 0):
        return "failed"
    return "stopped" if counts.get("cancelled", 0) else "nobody"


def failure_reason():
    """The reason of a failed or blocked row, from its state and ``last_error``."""
    error = func.lower(func.coalesce(OutboxMessage.last_error, ""))
    return case(
        ((OutboxMessage.state == "blocked") & error.like("%block%"), "blocked"),
        (OutboxMessage.state == "blocked", "gone"),
        (error.like("gave up%rate limited%"), "rate_limited"),
        (error.like("gave up%"), "gave_up"),
        (error.like("expired%"), "expired"),
        else_="rejected",
    )


async def deliveries_in(session: AsyncSession, subjects: Sequence[str]) -> dict[str, Delivery]:
    """The delivery of each of ``subjects`` (every event about it), in one pass."""
    result = {subject: Delivery() for subject in subjects}
    if not subjects:
        return result
    by_state = (
        select(OutboxMessage.subject, OutboxMessage.state, func.count())
        .where(OutboxMessage.subject.in_(list(subjects)))
        .group_by(OutboxMessage.subject, OutboxMessage.state)
    )
    for subject, state, number in await session.execute(by_state):
        result[subject].counts[state] = int(number)
    reached = (
        select(OutboxMessage.subject, func.count(func.distinct(OutboxMessage.chat_id)))
        .where(
            OutboxMessage.subject.in_(list(subjects)),
            OutboxMessage.role == "first",
            OutboxMessage.state == "sent",
        )
        .group_by(OutboxMessage.subject)
    )
    for subject, number in await session.execute(reached):
        result[subject].reached = int(number)
    reason = failure_reason()
    failures = (
        select(OutboxMessage.subject, reason, func.count())
        .where(
            OutboxMessage.subject.in_(list(subjects)),
            OutboxMessage.state.in_(("failed", "blocked")),
        )
        .group_by(OutboxMessage.subject, reason)
    )
    for failed in await session.execute(failures):
        result[str(failed[0])].failures[str(failed[1])] = int(failed[2])
    fanning_out = (
        select(AlertEvent.subject)
        .join(AlertFanout, AlertFanout.event_id == AlertEvent.id)
        .where(AlertEvent.subject.in_(list(subjects)), AlertFanout.done_at.is_(None))
    )
    for busy in await session.scalars(fanning_out):
        result[str(busy)].fanning_out = True
    return result


async def failures_of_event_in(session: AsyncSession, event_id: str) -> dict[str, int]:
    """Failed and blocked rows of one event, by reason (every reason present)."""
    reason = failure_reason()
    query = (
        select(reason, func.count())
        .where(OutboxMessage.event_id == event_id, OutboxMessage.state.in_(("failed", "blocked")))
        .group_by(reason)
    )
    counts = dict.fromkeys(FAILURE_REASONS, 0)
    for row in await session.execute(query):
        counts[str(row[0])] = int(row[1])
    return counts


async def events_of_in(session: AsyncSession, subject: str) -> list[AlertEvent]:
    """The events applied about ``subject``, oldest first."""
    query = (
        select(AlertEvent)
        .where(AlertEvent.subject == subject)
        .order_by(AlertEvent.occurred_at, AlertEvent.received_at)
    )
    return list((await session.scalars(query)).all())
