"""The durable outbox, as the dispatcher uses it: claiming rows to send, recording what became
of them, queueing again what a dead or deposed dispatcher left in flight.

A row is ``queued`` until a dispatcher claims it (``sending``, with a lease and the claiming
leader's epoch), then ends ``sent``, ``unsettled`` (no answer; waiting for the channel's
delivery receipts, :mod:`services.alerts.settle`), ``unconfirmed`` (no answer and not sent
again: it may have arrived), ``failed`` (its deadline passed or it was refused: ``last_error``
says which), ``blocked`` (the chat is gone) or ``cancelled``. What to do after a send with no
answer is :mod:`services.alerts.delivery_policy`. Outcomes are recorded in batches
(:func:`record`), many rows in one transaction, and only onto rows still claimed under the
epoch they were claimed with: a deposed leader's late writes touch nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    Integer,
    SmallInteger,
    Table,
    bindparam,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import Database, changed, end_if_stalled
from services.db.alert_models import AlertPreference, LeaderLease, OutboxMessage
from services.db.models import Chat
from services.db.types import UTCDateTime

OUTBOX = cast(Table, OutboxMessage.__table__)
LEASES = cast(Table, LeaderLease.__table__)
DISPATCHER_LEASE = "dispatcher"

STATES = ("queued", "sending", "sent", "unsettled", "unconfirmed", "failed", "blocked", "cancelled")
MAY_HAVE_ARRIVED = ("unsettled", "unconfirmed")


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
    urgency: int = 2
    unanswered: int = 0
    epoch: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What became of one claimed row, to be recorded (:func:`record`).

    ``state``: ``sent`` (at ``at``; a batch of them is recorded with its latest ``at``; ``fast``
    if it went the paid way), ``queued`` (again, not before ``at``), ``unsettled`` (look at the
    receipts at ``at``), ``unconfirmed``, ``failed`` or ``blocked`` (its chat, ``chat_id``, is
    gone); ``reason`` is kept as the last error; ``attempt`` says whether it counts as a try;
    ``unanswered``: the send got no answer (the row becomes ``uncertain``). ``epoch``: the
    leader epoch the row was claimed under.
    """

    id: int
    state: str
    at: datetime | None = None
    reason: str | None = None
    attempt: bool = True
    fast: bool = False
    chat_id: int | None = None
    unanswered: bool = False
    epoch: int | None = None


async def cancel_queued(
    session: AsyncSession, subject: str, roles: Sequence[str] | None = None
) -> int:
    """Cancel the not-yet-sent rows about ``subject`` (of ``roles``, or all). A row that may
    already have arrived (sent once with no answer) ends ``unconfirmed``, not ``cancelled``."""
    statement = update(OutboxMessage).where(
        OutboxMessage.subject == subject, OutboxMessage.state.in_(("queued", "unsettled"))
    )
    if roles is not None:
        statement = statement.where(OutboxMessage.role.in_(list(roles)))
    result = await session.execute(statement.values(state=_ENDED))
    return changed(result)


# A row that may already have arrived (sent once with no answer) ends ``unconfirmed``.
_ENDED = case((OutboxMessage.uncertain, literal("unconfirmed")), else_=literal("cancelled"))


async def cancel_about_code(
    session: AsyncSession, code: str, chat_ids: Sequence[int] | None = None
) -> int:
    """Cancel the not-yet-sent rows about customer ``code`` to ``chat_ids`` (or to every chat),
    in the caller's transaction: those chats no longer hold the code (unlinked, removed by a
    holder, the account changed hands), so nothing more about it may reach them."""
    statement = update(OutboxMessage).where(
        OutboxMessage.customer_code == code, OutboxMessage.state.in_(("queued", "unsettled"))
    )
    if chat_ids is not None:
        if not chat_ids:
            return 0
        statement = statement.where(OutboxMessage.chat_id.in_(list(chat_ids)))
    result = await session.execute(
        statement.values(state=_ENDED).execution_options(synchronize_session=False)
    )
    return changed(result)


async def block_queued(session: AsyncSession, chat_id: int, why: str) -> int:
    """The chat blocked the bot (or unsubscribed): its queued rows end ``blocked``, in the
    caller's transaction, and are not sent should it come back."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state == "queued")
        .values(state="blocked", lease_until=None, last_error=why[:300])
        .execution_options(synchronize_session=False)
    )
    return changed(result)


@cache
def _claim_statements(fast: bool | None, fenced: bool) -> tuple[Any, Any, Any]:
    """The statements of a claim, built once (their values are bound parameters): the due rows
    of one kind (fast or not; :func:`claim` reads both kinds when ``fast`` is ``None``), then
    the claim of the chosen ids, then what the sends need.

    The due rows are read with the limit on the outermost ``SELECT``, which every plan honours
    (an ``UPDATE ... WHERE id IN (SELECT ... LIMIT)`` may re-run its subquery for every row and
    claim the whole queue), in the order of ``ix_outbox_claim``, so that the only plan without
    a penalty (see :data:`_PLAN`) reads at most the limit's worth of the index."""
    due = (
        select(OUTBOX.c.id, OUTBOX.c.urgency, OUTBOX.c.not_before)
        .where(
            OUTBOX.c.state == "queued",
            OUTBOX.c.channel == bindparam("b_channel"),
            OUTBOX.c.fast == bool(fast),
            OUTBOX.c.not_before <= bindparam("b_now", type_=UTCDateTime),
        )
        .order_by(OUTBOX.c.urgency, OUTBOX.c.not_before, OUTBOX.c.id)
        .limit(bindparam("b_limit"))
        .with_for_update(skip_locked=True, of=OUTBOX)
    )
    if fenced:
        due = due.where(_leading())
    take = (
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(bindparam("b_ids", expanding=True)))
        .values(
            state="sending",
            lease_until=bindparam("b_lease", type_=UTCDateTime),
            claim_epoch=bindparam("b_epoch"),
            tried_at=bindparam("b_tried", type_=UTCDateTime),
        )
    )
    chats, preferences = Chat.__table__, AlertPreference.__table__
    read = (
        select(
            OUTBOX.c.id,
            OUTBOX.c.chat_id,
            OUTBOX.c.channel,
            chats.c.external_id,
            OUTBOX.c.text,
            OUTBOX.c.buttons,
            OUTBOX.c.quiet,
            preferences.c.quiet_hours,
            OUTBOX.c.attempts,
            OUTBOX.c.created_at,
            OUTBOX.c.expires_at,
            OUTBOX.c.fast,
            OUTBOX.c.urgency,
            OUTBOX.c.unanswered,
        )
        .select_from(
            OUTBOX.join(chats, chats.c.id == OUTBOX.c.chat_id).outerjoin(
                preferences, preferences.c.chat_id == OUTBOX.c.chat_id
            )
        )
        .where(OUTBOX.c.id.in_(bindparam("b_ids", expanding=True)))
        .order_by(OUTBOX.c.urgency, OUTBOX.c.not_before, OUTBOX.c.id)
    )
    return due, take, read


# PostgreSQL, for the claim's transaction: plan for the values at hand (not a generic plan
# cached while the outbox was empty), and no sort or bitmap scan: statistics taken while the
# outbox was empty say "one row", and would have every claim sort the whole queue. And a
# claimer stopped mid-claim does not keep its rows locked for more than 5 s.
_PLAN = text(
    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
    " set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true),"
    " set_config('idle_in_transaction_session_timeout', '5000', true)"
)
STALLED = 5.0  # seconds a stalled writer of the pipeline may hold its locks


def _leading() -> Any:
    """The claiming leader's lease is still its own and current."""
    return exists().where(
        LEASES.c.name == DISPATCHER_LEASE,
        LEASES.c.epoch == bindparam("b_epoch"),
        LEASES.c.expires_at > bindparam("b_tried", type_=UTCDateTime),
    )


async def claim(
    database: Database,
    channel: str,
    limit: int,
    now: datetime,
    lease: timedelta,
    *,
    fast: bool | None = None,
    epoch: int | None = None,
    tried_at: datetime | None = None,
) -> list[ClaimedMessage]:
    """Claim up to ``limit`` due rows of ``channel`` (only those that may go the fast way, or
    only the others, or all), most urgent first, skipping rows another dispatcher has locked on
    PostgreSQL. Given the leader ``epoch``, nothing is claimed unless its lease is current
    (at ``tried_at``, the real time of the claim, which is also recorded on the rows)."""
    kinds = (False, True) if fast is None else (fast,)
    tried_at = tried_at or now
    parameters = {
        "b_channel": channel,
        "b_now": now,
        "b_limit": limit,
        "b_epoch": epoch,
        "b_tried": tried_at,
    }
    async with database.transaction() as session:
        connection = await session.connection()
        if not database.is_sqlite:
            await connection.execute(_PLAN)
        due: list[Any] = []
        for kind in kinds:
            statement = _claim_statements(kind, epoch is not None)[0]
            due.extend(await connection.execute(statement, parameters))
        due.sort(key=lambda row: (row.urgency, row.not_before, row.id))
        ids = [row.id for row in due[:limit]]
        if not ids:
            return []
        _due, take, read = _claim_statements(kinds[0], epoch is not None)
        await connection.execute(take, {**parameters, "b_ids": ids, "b_lease": now + lease})
        rows = await connection.execute(read, {"b_ids": ids})
        return [_claimed_message(row, epoch) for row in rows]


def _claimed_message(r: Any, epoch: int | None) -> ClaimedMessage:
    return ClaimedMessage(
        id=r[0],
        chat_id=r[1],
        channel=r[2],
        external_id=r[3],
        text=r[4],
        buttons=json.loads(r[5]) if r[5] else [],
        quiet=r[6],
        quiet_hours=r[7],
        attempts=r[8],
        created_at=r[9],
        expires_at=r[10],
        fast=bool(r[11]),
        urgency=r[12],
        unanswered=r[13],
        epoch=epoch,
    )


def _short(reason: str | None) -> str | None:
    return reason[:300] if reason else None


def _claimed(epoch: int | None) -> Any:
    """Still claimed, under the epoch it was claimed with (``None``: an unfenced claim)."""
    same = OUTBOX.c.claim_epoch.is_(None) if epoch is None else OUTBOX.c.claim_epoch == epoch
    return (OUTBOX.c.state == "sending") & same


async def record(database: Database, outcomes: Sequence[Outcome]) -> None:
    """Record what became of claimed rows, all in one transaction. A row is changed only while
    it is still ``sending`` under the epoch it was claimed with."""
    if not outcomes:
        return
    sent: dict[tuple[bool, int | None], list[Outcome]] = {}
    others: dict[int | None, list[dict[str, object]]] = {}
    for item in outcomes:
        if item.state == "sent":
            sent.setdefault((item.fast, item.epoch), []).append(item)
        elif item.state != "blocked":
            others.setdefault(item.epoch, []).append(
                {
                    "b_id": item.id,
                    "b_state": item.state,
                    "b_try": int(item.attempt),
                    "b_reason": _short(item.reason),
                    "b_at": item.at,
                    "b_unanswered": int(item.unanswered),
                }
            )
    async with database.transaction() as session:
        await end_if_stalled(session, STALLED)
        connection = await session.connection()
        for (fast, epoch), items in sent.items():  # most outcomes: one statement for them all
            at = max(item.at for item in items if item.at is not None)
            await connection.execute(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_([item.id for item in items]), _claimed(epoch))
                .values(
                    state="sent",
                    sent_at=at,
                    fast_sent=fast,
                    last_error=None,
                    lease_until=None,
                    attempts=OUTBOX.c.attempts + 1,
                )
            )
        for epoch, values in others.items():
            await connection.execute(_other_outcome(epoch), values)
        for item in outcomes:
            if item.state == "blocked" and item.chat_id is not None:
                await _block(session, item, item.chat_id, item.reason or "recipient gone")


def _other_outcome(epoch: int | None) -> Any:
    unanswered = bindparam("b_unanswered", type_=SmallInteger)
    return (
        update(OUTBOX)
        .where(OUTBOX.c.id == bindparam("b_id"), _claimed(epoch))
        .values(
            state=bindparam("b_state"),
            lease_until=None,
            attempts=OUTBOX.c.attempts + bindparam("b_try", type_=Integer),
            last_error=bindparam("b_reason"),
            not_before=func.coalesce(bindparam("b_at", type_=UTCDateTime), OUTBOX.c.not_before),
            unanswered=OUTBOX.c.unanswered + unanswered,
            uncertain=or_(OUTBOX.c.uncertain, unanswered > 0),
        )
    )


async def _block(session: AsyncSession, item: Outcome, chat_id: int, why: str) -> None:
    """The send of ``item`` found its chat gone: the row ends ``blocked``. The chat is marked
    inactive, and its queued rows end ``blocked`` too, only if it has not written since the send
    began: an answer that arrives late must not undo a chat's coming back."""
    tried_at = await session.scalar(
        select(func.coalesce(OUTBOX.c.tried_at, OUTBOX.c.created_at)).where(
            OUTBOX.c.id == item.id, _claimed(item.epoch)
        )
    )
    if tried_at is None:
        return
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == item.id)
        .values(state="blocked", lease_until=None, last_error=why[:300])
        .execution_options(synchronize_session=False)
    )
    gone = await session.execute(
        update(Chat)
        .where(Chat.id == chat_id, Chat.last_seen_at <= tried_at)
        .values(active=False, inactive_reason=why[:200])
        .execution_options(synchronize_session=False)
    )
    if changed(gone):
        await block_queued(session, chat_id, why)


async def requeue_in_flight(database: Database, now: datetime, *, all_leases: bool) -> int:
    """Queue again rows left ``sending`` by a dispatcher that died or lost the lead (every one,
    when we have just taken the lead; else those whose lease ran out). They may have been sent:
    they are marked ``uncertain``."""
    statement = update(OutboxMessage).where(OutboxMessage.state == "sending")
    if not all_leases:
        statement = statement.where(OutboxMessage.lease_until < now)
    async with database.transaction() as session:
        await end_if_stalled(session, STALLED)
        result = await session.execute(
            statement.values(state="queued", lease_until=None, uncertain=True)
        )
    return changed(result)
