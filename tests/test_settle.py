"""Sends with no answer settled by Viber's delivery receipts: what arrived is sent no more,
what did not is sent again (within the bound), and a receipt settles one message only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update

from services.alerts import delivery_policy as policy
from services.alerts import settle
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.models import Chat, DeliveryReceipt
from services.db.types import utcnow
from tests.support.alerts import add_chat

pytestmark = pytest.mark.db


async def unsettled(
    database: Database,
    chat: str,
    *,
    event: str = "evt-1",
    unanswered: int = 1,
    urgency: int = 0,
    tried_ago: float = 120.0,
) -> int:
    now = utcnow()
    async with database.transaction() as session:
        chat_id = await session.scalar(select(Chat.id).where(Chat.external_id == chat))
    if chat_id is None:
        chat_id = await add_chat(database, chat, channel="viber", language="en")
    async with database.transaction() as session:
        return int(
            await session.scalar(
                insert(OutboxMessage)
                .values(
                    event_id=event,
                    chat_id=chat_id,
                    channel="viber",
                    subject="outage:1",
                    role="first",
                    text="⚡",
                    urgency=urgency,
                    quiet="none",
                    state="unsettled",
                    attempts=0,
                    unanswered=unanswered,
                    uncertain=True,
                    created_at=now,
                    tried_at=now - timedelta(seconds=tried_ago),
                    not_before=now - timedelta(seconds=tried_ago) + policy.SETTLE_AFTER,
                )
                .returning(OutboxMessage.id)
            )
        )


async def receipt(
    database: Database, chat: str, token: str, status: str = "delivered", ago: float = 110.0
) -> None:
    at = utcnow() - timedelta(seconds=ago)
    async with database.transaction() as session:
        session.add(
            DeliveryReceipt(
                channel="viber", chat_external_id=chat, token=token, status=status, at=at
            )
        )


async def state_of(database: Database, row_id: int) -> OutboxMessage:
    async with database.transaction() as session:
        row = await session.get(OutboxMessage, row_id)
        assert row is not None
        return row


async def test_receipts_settle_sends_that_got_no_answer(database: Database) -> None:
    arrived = await unsettled(database, "vb1==")
    await receipt(database, "vb1==", "5491000000000000777")
    await receipt(database, "vb1==", "5491000000000000777", status="seen", ago=100)
    replied = await unsettled(database, "vb2==")
    await receipt(database, "vb2==", "5491000000000000888", status="accepted", ago=111)
    await receipt(database, "vb2==", "5491000000000000888")  # a reply's receipt, not ours
    before = await unsettled(database, "vb3==")
    await receipt(database, "vb3==", "5491000000000000999", ago=300)  # before the send began
    exhausted = await unsettled(database, "vb4==", unanswered=policy.URGENT_RESENDS + 1)
    routine = await unsettled(database, "vb5==", urgency=2, unanswered=2)
    waiting = await unsettled(database, "vb6==", tried_ago=10)  # receipts may still come

    done = await settle.settle(database, "viber", utcnow())

    assert done == settle.Settled(delivered=1, resent=2, unconfirmed=2)
    assert (await state_of(database, arrived)).state == "sent"
    assert (await state_of(database, replied)).state == "queued"
    assert (await state_of(database, before)).state == "queued"
    assert (await state_of(database, exhausted)).state == "unconfirmed"
    assert (await state_of(database, routine)).state == "unconfirmed"
    assert (await state_of(database, waiting)).state == "unsettled"
    async with database.transaction() as session:
        matched = await session.scalars(
            select(DeliveryReceipt.token).where(DeliveryReceipt.status == "matched")
        )
        assert list(matched) == ["5491000000000000777"]


async def test_one_receipt_settles_one_message(database: Database) -> None:
    first = await unsettled(database, "vb7==", event="evt-1", tried_ago=130)
    second = await unsettled(database, "vb7==", event="evt-2", tried_ago=125)
    await receipt(database, "vb7==", "5491000000000000123", ago=120)
    await settle.settle(database, "viber", utcnow())
    states = {(await state_of(database, row)).state for row in (first, second)}
    assert states == {"sent", "queued"}


async def test_a_late_receipt_turns_may_have_arrived_into_sent(database: Database) -> None:
    row = await unsettled(database, "vb8==", unanswered=policy.URGENT_RESENDS + 1)
    await settle.settle(database, "viber", utcnow())
    assert (await state_of(database, row)).state == "unconfirmed"
    await receipt(database, "vb8==", "5491000000000000456", ago=1)  # the phone came online
    assert (await settle.settle(database, "viber", utcnow())).delivered == 0  # not due yet
    async with database.transaction() as session:
        await session.execute(update(OutboxMessage).values(not_before=utcnow()))
    assert (await settle.settle(database, "viber", utcnow())).delivered == 1
    assert (await state_of(database, row)).state == "sent"
