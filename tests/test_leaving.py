"""Leaving means leaving: a bill queued during quiet hours (the clock says it is night) does not
reach, in the morning, a chat that has since unlinked the code, been removed by a holder (or by
its household's owner), left the household, lost the code when the account changed hands, or
blocked the bot (told by Telegram, or found out on a send), even when that chat comes back;
other chats, and the chat's other codes, still get theirs. The real conversation, ingest,
dispatcher and PTB sender against the fake Bot API, on SQLite and (marker ``db``) on
PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.delivery.dispatcher import Dispatcher
from handlers.conversation import Conversation
from services import alerts
from services.api import unlink_everywhere
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.models import Chat, ChatLink
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.chat import FakeChat
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import (
    NIGHT,
    MovingClock,
    bill_issued,
    dispatching,
    fast_config,
    outage_started,
    outbox_rows,
    telegram_sender,
    wait_until,
)

pytestmark = pytest.mark.db
DPR, DGJ = "DPR100001", "DGJ200002"
STAYER, LEAVER, OTHER = 7001, 7002, 7003
MORNING = timedelta(hours=8, minutes=31)  # from 23:30 to 07:01 in Kosovo
KINDS = [
    "unlink",
    "removal",
    "household_removal",
    "household_leave",
    "account_change",
    "blocked_by_telegram",
    "blocked_on_send",
]
BLOCKING = ("blocked_by_telegram", "blocked_on_send")


async def new_chat(conversation: Conversation, chat_id: int) -> FakeChat:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=str(chat_id))
    await chat.say("/start")
    await chat.press("lang:en")
    return chat


async def prove(chat: FakeChat, code: str, amount: str) -> None:
    await chat.say(f"/link {code}")
    await chat.say(amount)
    assert f"Done! {code}" in chat.text, chat.text


async def bill_rows(database: Database, external_id: int) -> dict[str, str]:
    """The state of each bill row to the chat, by customer code."""
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(OutboxMessage.customer_code, OutboxMessage.state)
                .join(Chat, Chat.id == OutboxMessage.chat_id)
                .where(Chat.external_id == str(external_id), OutboxMessage.subject.like("cust%"))
            )
        ).all()
    return {code: state for code, state in rows}


def bills(api: FakeTelegramAPI, chat_id: int, code: str) -> list[str]:
    return [m["text"] for m in api.sent(chat_id) if m["text"].startswith(f"🧾 New bill for {code}")]


async def settled(database: Database) -> bool:
    async with database.transaction() as session:
        busy = await session.scalar(
            select(OutboxMessage.id).where(
                OutboxMessage.state.in_(("queued", "sending")),
                OutboxMessage.subject.like("customer:%"),
            )
        )
    return busy is None


async def leave(
    kind: str,
    database: Database,
    api: FakeTelegramAPI,
    stayer: FakeChat,
    leaver: FakeChat,
) -> None:
    """The leaver leaves DPR100001 (or the bot), in the night."""
    if kind == "unlink":
        await leaver.say(f"/unlink {DPR}")
        assert "is no longer linked to this chat" in leaver.text
    elif kind == "removal":
        async with database.transaction() as session:
            link = await session.scalar(
                select(ChatLink.id)
                .join(Chat, Chat.id == ChatLink.chat_id)
                .where(Chat.external_id == str(LEAVER), ChatLink.customer_code == DPR)
            )
        await stayer.say("/accounts")
        await stayer.press(f"holder:ask:{link}")
        await stayer.press("✅ Yes, remove it")
        assert stayer.text.startswith("Done: the Telegram chat no longer holds DPR100001")
    elif kind == "household_removal":
        await stayer.say("/accounts")
        await stayer.press(f"hh:remove:{await _chat_id(database, LEAVER)}")
        assert "That chat no longer shares your customer codes" in stayer.text
    elif kind == "household_leave":
        await leaver.say("/accounts")
        await leaver.press(f"hh:leave:{await _chat_id(database, STAYER)}")
        assert "This chat no longer shares those customer codes" in leaver.text
    elif kind == "account_change":
        assert await unlink_everywhere(database, DPR) == 2
    elif kind == "blocked_by_telegram":
        await DatabaseChatLifecycle(database).mark_inactive("telegram", str(LEAVER), "kicked")
    else:
        api.block(LEAVER)
        await alerts.ingest_event(database, outage_started(at=NIGHT), now=NIGHT)
        await wait_until(lambda: _inactive(database, LEAVER))
        await wait_until(lambda: outage_recorded(database), what="the blocked send recorded")
        api.blocked.discard(LEAVER)
    if kind in BLOCKING:
        await leaver.say("/help")  # it unblocks the bot and writes again, before the morning
        assert not await _inactive(database, LEAVER)


async def _chat_id(database: Database, external_id: int) -> int:
    async with database.transaction() as session:
        found = await session.scalar(select(Chat.id).where(Chat.external_id == str(external_id)))
    assert found is not None
    return found


async def outage_recorded(database: Database) -> bool:
    """Whether every outage message has its outcome (a 403 recorded late would mark the chat
    inactive again after it wrote to the bot)."""
    rows = await outbox_rows(database, "evt-o1")
    return bool(rows) and all(row.state not in ("queued", "sending") for row in rows)


async def _inactive(database: Database, external_id: int) -> bool:
    async with database.transaction() as session:
        active = await session.scalar(
            select(Chat.active).where(Chat.external_id == str(external_id))
        )
    return active is False


@pytest.mark.parametrize("kind", KINDS)
async def test_a_bill_queued_at_night_does_not_reach_a_chat_that_left(
    kind: str, conversation: Conversation, demo_database: Database
) -> None:
    stayer = await new_chat(conversation, STAYER)
    await prove(stayer, DPR, "42.50")
    leaver = await new_chat(conversation, LEAVER)
    if kind.startswith("household"):
        await stayer.say("/share")
        shared = re.search(r"/share ([A-Z2-9]{4}-[A-Z2-9]{4})", stayer.text)
        assert shared
        await leaver.say(f"/share {shared.group(1)}")
        assert "Done! This chat now shares" in leaver.text
    else:
        await prove(leaver, DPR, "42.50")
    await prove(leaver, DGJ, "18.20")
    other = await new_chat(conversation, OTHER)
    await prove(other, DGJ, "18.20")

    for event_id, code in (("evt-night-dpr", DPR), ("evt-night-dgj", DGJ)):
        result = await alerts.ingest_event(
            demo_database, bill_issued(event_id, code, at=NIGHT), now=NIGHT
        )
        assert result.recipients == 2
    assert await bill_rows(demo_database, LEAVER) == {DPR: "queued", DGJ: "queued"}

    clock = MovingClock(NIGHT)
    async with FakeTelegramAPI() as api:
        for chat_id in (STAYER, LEAVER, OTHER):
            api.chat(chat_id)
        async with telegram_sender(api, demo_database) as sender:
            dispatcher = Dispatcher(
                demo_database, {"telegram": sender}, config=fast_config(), clock=clock
            )
            async with dispatching(dispatcher):
                await leave(kind, demo_database, api, stayer, leaver)
                assert not any(
                    bills(api, chat, code) for chat in (7001, 7002, 7003) for code in (DPR, DGJ)
                )
                clock.jump(MORNING)
                await wait_until(lambda: bills(api, OTHER, DGJ))
                await wait_until(lambda: settled(demo_database))

    assert bills(api, LEAVER, DPR) == []
    left = await bill_rows(demo_database, LEAVER)
    if kind in BLOCKING:
        assert left == {DPR: "blocked", DGJ: "blocked"}
        assert bills(api, LEAVER, DGJ) == []
    else:
        assert left == {DPR: "cancelled", DGJ: "sent"}
        assert len(bills(api, LEAVER, DGJ)) == 1
    assert len(bills(api, OTHER, DGJ)) == 1
    stayer_bills = bills(api, STAYER, DPR)
    assert len(stayer_bills) == (0 if kind == "account_change" else 1)
    stayer_rows = await bill_rows(demo_database, STAYER)
    assert stayer_rows == {DPR: "cancelled" if kind == "account_change" else "sent"}
