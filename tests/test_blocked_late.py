"""A "blocked" answer that arrives after the chat wrote again must not switch the chat off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from services import alerts
from services.alerts import outbox
from services.db import Database
from services.db.models import Chat
from tests.support.alerts import NOON, add_chat, bill_issued, outage_started, outbox_rows

pytestmark = pytest.mark.db


async def _claim_outage_then_answer_blocked(database: Database, *, wrote_at_minutes: int) -> int:
    chat_id = await add_chat(database, "5501", language="en", codes=["DPR100001"])
    async with database.transaction() as session:
        await session.execute(
            update(Chat).where(Chat.id == chat_id).values(last_seen_at=NOON - timedelta(hours=1))
        )
    await alerts.ingest_event(database, outage_started(), now=NOON)
    await alerts.ingest_event(database, bill_issued(), now=NOON)
    claimed = await outbox.claim(database, "telegram", 1, NOON, timedelta(minutes=1))
    assert len(claimed) == 1
    async with database.transaction() as session:
        await session.execute(
            update(Chat)
            .where(Chat.id == chat_id)
            .values(last_seen_at=NOON + timedelta(minutes=wrote_at_minutes))
        )
    answer = outbox.Outcome(id=claimed[0].id, state="blocked", chat_id=chat_id, reason="403")
    await outbox.record(database, [answer])
    return chat_id


async def test_a_chat_that_wrote_while_the_send_hung_stays_active(database: Database) -> None:
    chat_id = await _claim_outage_then_answer_blocked(database, wrote_at_minutes=2)
    async with database.transaction() as session:
        chat = await session.get(Chat, chat_id)
        assert chat is not None and chat.active is True
    states = sorted(row.state for row in await outbox_rows(database))
    assert states == ["blocked", "queued"]  # the hung send did not arrive; the bill still goes


async def test_a_chat_silent_since_the_send_began_is_switched_off(database: Database) -> None:
    chat_id = await _claim_outage_then_answer_blocked(database, wrote_at_minutes=-30)
    async with database.transaction() as session:
        chat = await session.get(Chat, chat_id)
        assert chat is not None and chat.active is False
    assert sorted(row.state for row in await outbox_rows(database)) == ["blocked", "blocked"]
