"""What became of a published notice's messages, in the caller's transaction: its delivery
(every event of its outage or works), stopping what is not sent yet, and sending again what
failed. :class:`services.notices.desk.NoticeDesk` scopes, audits and wakes around these."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services import alerts
from services.alerts.history import PENDING, delivery_state
from services.alerts.outbox import STATES
from services.alerts.outbox_progress import fast_sent
from services.db.alert_models import Interruption
from services.db.staff_models import Notice
from services.db.types import utcnow
from services.notices.errors import NoticeConflict
from services.notices.events import subject_id_for
from services.notices.views import EventDelivery, Progress, Spent


def subject_of(notice: Notice) -> str:
    """The alerts engine's subject of a notice's outage or works."""
    kind = "outage" if notice.kind == "outage" else "planned_work"
    return f"{kind}:{subject_id_for(notice.id)}"


async def spent_in(session: AsyncSession, notice: Notice, fast_cost: float) -> Spent:
    """Messages of the notice sent the fast way, and their estimated cost (Stars)."""
    count = await fast_sent(session, event_id=notice.event_id) if notice.fast else 0
    return Spent(count, round(count * fast_cost, 1))


def progress_of(
    notice: Notice, counts: dict[str, int], events: Sequence[EventDelivery], spent: Spent
) -> Progress:
    """A notice's delivery: the first message's counts by outbox state, every event's, the
    failures by reason (all events), the delivery state, and whether nothing is left to send.

    ``delivery`` is ``sending`` while messages wait or are still being queued, then
    ``delivered`` (some arrived), ``unconfirmed`` (none confirmed, some may have arrived),
    ``failed`` (every message failed), ``stopped`` (cancelled before any was sent) or
    ``nobody`` (no chat to reach); ``scheduled``, ``cancelled`` or ``failed`` before publishing.
    """
    counts = {state: int(counts.get(state, 0)) for state in STATES} | counts
    pending = sum(e.counts.get(state, 0) for e in events for state in PENDING)
    fanning_out = any(e.fanning_out for e in events)  # rows still being written
    totals = {state: sum(e.counts.get(state, 0) for e in events) for state in STATES}
    failures: dict[str, int] = {}
    for event in events:
        for reason, number in event.failures.items():
            failures[reason] = failures.get(reason, 0) + number
    published = notice.status == "published"
    return Progress(
        id=notice.id,
        status=notice.status,
        recipients=notice.recipients,
        counts=counts,
        events=tuple(events),
        failures=failures,
        delivery=delivery_state(totals, fanning_out=fanning_out) if published else notice.status,
        stoppable=published and (pending > 0 or fanning_out),
        done=notice.status in ("cancelled", "failed")
        or (
            published
            and not sum(counts[state] for state in PENDING)
            and not pending
            and not fanning_out
        ),
        spent=spent,
    )


async def progress_in(session: AsyncSession, notice: Notice, fast_cost: float) -> Progress:
    """The delivery of the notice's first message (``counts``), of each of its events
    (``events``: the first, updates, the restoration; an event whose fan-out still runs
    counts the chats it will reach) and why messages failed."""
    counts: dict[str, int] = {}
    events: list[EventDelivery] = []
    if notice.status == "published":
        counts = await alerts.counts_in(session, notice.event_id)
        for event in await alerts.events_of_in(session, subject_of(notice)):
            planned = await alerts.planned_reach(session, event.id)
            events.append(
                EventDelivery(
                    id=event.id,
                    type=event.type,
                    recipients=event.recipients if planned is None else planned,
                    fanning_out=planned is not None,
                    occurred_at=event.occurred_at,
                    counts=await alerts.counts_in(session, event.id),
                    failures=await alerts.failures_of_event_in(session, event.id),
                )
            )
    return progress_of(notice, counts, events, await spent_in(session, notice, fast_cost))


async def stop_in(session: AsyncSession, notice: Notice) -> int:
    """Cancel what the notice's events have not sent yet; how many messages."""
    if notice.status != "published":
        raise NoticeConflict(f"the notice is {notice.status}; nothing is being sent")
    stopped = 0
    for event in await alerts.events_of_in(session, subject_of(notice)):
        stopped += await alerts.stop_in(session, event.id)
    notice.stopped_at = utcnow()
    return stopped


async def resend_in(
    session: AsyncSession, notice: Notice, deadlines: alerts.Deadlines, *, unconfirmed: bool = False
) -> int:
    """Queue again the notice's failed messages (and those that may have arrived, when
    ``unconfirmed``), while its outage or works still matter."""
    if notice.status != "published":
        raise NoticeConflict(f"the notice is {notice.status}; nothing was sent")
    if notice.stopped_at is not None:
        raise NoticeConflict("the broadcast was stopped")
    subject = await session.scalar(
        select(Interruption.status).where(
            Interruption.kind == notice.kind,
            Interruption.external_id == subject_id_for(notice.id),
        )
    )
    if subject not in (None, "active", "scheduled"):
        raise NoticeConflict(f"the {notice.kind.replace('_', ' ')} is {subject}")
    return await alerts.resend_failed(
        session, notice.event_id, utcnow(), deadlines, unconfirmed=unconfirmed
    )
