"""Settling sends that got no answer, from the channel's delivery receipts (Viber).

When a send times out, the bot never learns the message token the messenger gave it. The
messenger still reports the message's delivery to the bot's webhook, with that token. So a
``delivered`` (or ``seen``) receipt from the chat, after the send began, whose token is not one
the bot was told (every answered send records its token as ``accepted``), is the message whose
answer was lost: the row is ``sent``, and the receipt is marked ``matched`` so that it settles
one row only. Rows with no such receipt after :data:`delivery_policy.SETTLE_AFTER` are sent
again or end ``unconfirmed`` (:func:`delivery_policy.after_no_receipt`); an ``unconfirmed`` row
is looked at again now and then for a day, for a receipt that comes late.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import delivery_policy as policy
from services.db import Database, changed, end_if_stalled
from services.db.alert_models import OutboxMessage
from services.db.models import Chat, DeliveryReceipt

ARRIVED = ("delivered", "seen")
KNOWN = ("accepted", "matched")  # tokens the bot was told, or has used to settle a row
CLOCKS_APART = timedelta(seconds=2)  # the webhook's instance and the dispatcher's
RECEIPTS_KEPT = timedelta(days=2)


@dataclass(frozen=True)
class Settled:
    """What one pass did: rows found delivered, queued again, ended unconfirmed."""

    delivered: int = 0
    resent: int = 0
    unconfirmed: int = 0


async def settle(
    database: Database,
    channel: str,
    now: datetime,
    *,
    dispatch_now: datetime | None = None,
    limit: int = 500,
) -> Settled:
    """Settle the due ``unsettled`` and ``unconfirmed`` rows of ``channel``. ``now`` is real
    time (receipts carry it); ``dispatch_now`` is the dispatcher's clock, by which rows'
    deadlines and due times are measured (``now`` when not given)."""
    dispatch_now = dispatch_now or now
    async with database.transaction() as session:
        await end_if_stalled(session, 5.0)
        rows = list(await session.execute(_due(channel, now, limit)))
        if not rows:
            return Settled()
        receipts = await _orphan_receipts(session, channel, rows)
        delivered: list[tuple[int, datetime, str, str]] = []
        resend: list[int] = []
        unconfirmed: list[int] = []
        recheck: list[int] = []
        for row in rows:
            found = _take_receipt(receipts.get(row.external_id, []), row.tried_at)
            if found is not None:
                delivered.append((row.id, found[0], found[1], row.external_id))
            elif row.state == "unconfirmed":
                recheck.append(row.id)
            elif row.expires_at is not None and row.expires_at <= dispatch_now:
                unconfirmed.append(row.id)
            elif policy.after_no_receipt(row.urgency, row.unanswered) == policy.RETRY:
                resend.append(row.id)
            else:
                unconfirmed.append(row.id)
        await _apply(session, channel, now, dispatch_now, delivered, resend, unconfirmed + recheck)
    return Settled(len(delivered), len(resend), len(unconfirmed))


def _due(channel: str, now: datetime, limit: int):
    return (
        select(
            OutboxMessage.id,
            OutboxMessage.state,
            OutboxMessage.tried_at,
            OutboxMessage.urgency,
            OutboxMessage.unanswered,
            OutboxMessage.expires_at,
            Chat.external_id,
        )
        .join(Chat, Chat.id == OutboxMessage.chat_id)
        .where(
            OutboxMessage.channel == channel,
            OutboxMessage.state.in_(("unsettled", "unconfirmed")),
            OutboxMessage.not_before <= now,
            OutboxMessage.tried_at > now - policy.RECEIPTS_KEPT_LOOKING,
        )
        .order_by(OutboxMessage.tried_at, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=OutboxMessage)
    )


async def _orphan_receipts(
    session: AsyncSession,
    channel: str,
    rows: list,
) -> dict[str, list[tuple[datetime, str]]]:
    """Per chat, the arrival receipts (time, token) since its earliest row was tried, whose
    token the bot was never told, oldest first."""
    since = min(row.tried_at for row in rows) - CLOCKS_APART
    known = select(DeliveryReceipt.token).where(
        DeliveryReceipt.channel == channel, DeliveryReceipt.status.in_(KNOWN)
    )
    query = (
        select(DeliveryReceipt.chat_external_id, DeliveryReceipt.at, DeliveryReceipt.token)
        .where(
            DeliveryReceipt.channel == channel,
            DeliveryReceipt.chat_external_id.in_({row.external_id for row in rows}),
            DeliveryReceipt.status.in_(ARRIVED),
            DeliveryReceipt.at >= since,
            DeliveryReceipt.token.not_in(known),
        )
        .order_by(DeliveryReceipt.at)
    )
    found: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for chat, at, token in await session.execute(query):
        if (chat, token) not in seen:  # "delivered" and then "seen" of one message
            seen.add((chat, token))
            found[chat].append((at, token))
    return found


def _take_receipt(
    receipts: list[tuple[datetime, str]], tried_at: datetime
) -> tuple[datetime, str] | None:
    for index, (at, _token) in enumerate(receipts):
        if at >= tried_at - CLOCKS_APART:
            return receipts.pop(index)
    return None


async def _apply(
    session: AsyncSession,
    channel: str,
    now: datetime,
    dispatch_now: datetime,
    delivered: list[tuple[int, datetime, str, str]],
    resend: list[int],
    unconfirmed: list[int],
) -> None:
    for row_id, at, token, chat in delivered:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id)
            .values(state="sent", sent_at=at, last_error=None)
        )
        session.add(
            DeliveryReceipt(
                channel=channel, chat_external_id=chat, token=token, status="matched", at=now
            )
        )
    if resend:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(resend))
            .values(
                state="queued",
                not_before=dispatch_now,
                last_error="no delivery receipt after a send with no answer: sent again",
            )
        )
    if unconfirmed:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(unconfirmed))
            .values(
                state="unconfirmed",
                not_before=now + policy.RECHECK_LATE_RECEIPTS,
                last_error="unconfirmed: no answer and no delivery receipt; it may have arrived",
            )
        )


async def prune_receipts(database: Database, now: datetime) -> int:
    """Forget receipts older than :data:`RECEIPTS_KEPT` (a bounded batch)."""
    async with database.transaction() as session:
        old = (
            select(DeliveryReceipt.id)
            .where(DeliveryReceipt.at < now - RECEIPTS_KEPT)
            .limit(5000)
            .scalar_subquery()
        )
        result = await session.execute(delete(DeliveryReceipt).where(DeliveryReceipt.id.in_(old)))
    return changed(result)
