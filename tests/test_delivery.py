"""Delivery bounded by time, at most one copy: an outage of the Bot API, deadlines, sends whose
outcome is unknown, Viber broadcasts, paid broadcast within the day's budget."""

from __future__ import annotations

import asyncio
import collections
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.delivery.dispatcher import Dispatcher
from services import alerts
from services.alerts.delivery_policy import URGENT_RESENDS
from services.db import Database
from services.db.models import Chat
from services.db.types import utcnow
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi
from tests.support.alerts import (
    NOON,
    VIBER_TOKEN,
    MovingClock,
    add_chat,
    bill_issued,
    dispatching,
    fast_config,
    outage_started,
    outbox_rows,
    telegram_sender,
    viber_sender,
    wait_until,
)

pytestmark = pytest.mark.db


async def settled(database: Database) -> bool:
    rows = await outbox_rows(database)
    return bool(rows) and all(row.state not in ("queued", "sending") for row in rows)


async def test_a_bot_api_outage_loses_nothing_and_costs_no_tries(database: Database) -> None:
    chats = [6100 + n for n in range(12)]
    for chat_id in chats:
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeTelegramAPI() as api:
        for chat_id in chats:
            api.chat(chat_id)
        async with telegram_sender(api, database) as tg:
            api.faults.down = True  # every call answered 502, as when Telegram is away
            config = fast_config(max_attempts=2, backoff_base=0.05, backoff_max=0.2)
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=config, clock=MovingClock(NOON)
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: dispatcher.leading)
                await wait_until(lambda: _tried(api) >= 6)  # probes, one at a time
                assert api.sent() == []
                api.faults.down = False
                await wait_until(lambda: settled(database))
    received = collections.Counter(int(call["chat_id"]) for call in api.sent())
    assert received == dict.fromkeys(chats, 1)
    assert {row.state for row in await outbox_rows(database)} == {"sent"}


def _tried(api: FakeTelegramAPI) -> int:
    return api.faults.injected["down"]


async def test_an_alert_past_its_deadline_is_not_sent(database: Database) -> None:
    await add_chat(database, "6201", language="en", areas=["dardania"])
    short = alerts.Deadlines(urgent=timedelta(minutes=30))
    await alerts.ingest_event(database, outage_started(), now=NOON, deadlines=short)
    clock = MovingClock(NOON + timedelta(minutes=31))  # the Bot API was away half an hour
    async with FakeTelegramAPI() as api:
        api.chat(6201)
        async with telegram_sender(api, database) as tg:
            dispatcher = Dispatcher(database, {"telegram": tg}, config=fast_config(), clock=clock)
            async with dispatching(dispatcher):
                await wait_until(lambda: settled(database))
        assert api.sent() == []
    (row,) = await outbox_rows(database)
    assert row.state == "failed" and (row.last_error or "").startswith("expired: ")
    assert row.expires_at == NOON + timedelta(minutes=30)


async def test_an_outage_message_without_an_answer_is_sent_again_when_telegram_answers(
    database: Database,
) -> None:
    await add_chat(database, "6301", language="en", areas=["dardania"])
    await add_chat(database, "6302", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeTelegramAPI() as api:
        api.chat(6301)
        api.chat(6302)
        api.faults.rate_slow, api.faults.slow_seconds = 1.0, (1.5, 1.5)
        async with telegram_sender(api, database, send_timeout=0.5) as tg:
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=fast_config(), clock=MovingClock(NOON)
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: len(api.sent()) >= 2)
                api.faults.rate_slow = 0.0  # Telegram answers again
                await wait_until(lambda: settled(database))
        # the first copy arrived with no answer: the customer may get a second, never none
        received = collections.Counter(int(call["chat_id"]) for call in api.sent())
    assert set(received) == {6301, 6302} and all(1 < n <= 3 for n in received.values())
    rows = await outbox_rows(database)
    assert {row.state for row in rows} == {"sent"}
    assert all(row.uncertain and row.unanswered >= 1 for row in rows)


async def test_an_outage_message_is_sent_at_most_three_times_without_an_answer(
    database: Database,
) -> None:
    await add_chat(database, "6311", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeTelegramAPI() as api:
        api.chat(6311)
        api.faults.rate_slow, api.faults.slow_seconds = 1.0, (1.5, 1.5)
        async with telegram_sender(api, database, send_timeout=0.5) as tg:
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=fast_config(), clock=MovingClock(NOON)
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: settled(database), timeout=20)
        assert len(api.sent()) == 1 + URGENT_RESENDS
    (row,) = await outbox_rows(database)
    assert row.state == "unconfirmed" and row.uncertain
    assert (row.last_error or "").startswith("no answer, it may have arrived")


async def test_a_bill_without_an_answer_is_not_sent_again(database: Database) -> None:
    await add_chat(database, "6321", language="en", codes=["DPR100001"])
    await add_chat(database, "6322", language="en", codes=["DPR100001"])
    await alerts.ingest_event(database, bill_issued(), now=NOON)
    async with FakeTelegramAPI() as api:
        api.chat(6321)
        api.chat(6322)
        api.faults.rate_slow, api.faults.slow_seconds = 1.0, (1.5, 1.5)
        async with telegram_sender(api, database, send_timeout=0.5) as tg:
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=fast_config(), clock=MovingClock(NOON)
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: settled(database))
                await asyncio.sleep(0.5)  # a second copy would have been claimed by now
        # Telegram got each bill once (and answered too late): at most one copy of a bill
        assert sorted(int(call["chat_id"]) for call in api.sent()) == [6321, 6322]
    rows = await outbox_rows(database)
    assert {row.state for row in rows} == {"unconfirmed"}
    assert all(row.uncertain for row in rows)


async def test_viber_alerts_go_in_broadcasts_of_300_failures_per_receiver(
    database: Database,
) -> None:
    receivers = [f"vb{n:03d}==" for n in range(305)]
    for receiver in receivers:
        await add_chat(database, receiver, channel="viber", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeViberApi(VIBER_TOKEN) as viber:
        viber.not_subscribed.add("vb007==")
        viber.queue_status("vb008==", 12)  # that receiver only: sent again later
        async with viber_sender(viber, database, broadcast=True) as vb:
            dispatcher = Dispatcher(
                database, {"viber": vb}, config=fast_config(), clock=MovingClock(NOON)
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: settled(database))
    calls = [name for name, _ in viber.calls]
    assert calls.count("send_message") == 0
    assert calls.count("broadcast_message") == 3  # 300 and 5 chats, then vb008 again
    assert viber.broadcasts[-1]["broadcast_list"] == ["vb008=="]
    assert all(len(b["broadcast_list"]) <= 300 for b in viber.broadcasts)
    received = collections.Counter(message["receiver"] for message in viber.sent)
    assert received == {receiver: 1 for receiver in receivers if receiver != "vb007=="}
    async with database.transaction() as session:
        gone = await session.scalar(select(Chat.active).where(Chat.external_id == "vb007=="))
    assert gone is False
    progress = await alerts.broadcast_progress(database, "evt-o1")
    assert (progress["sent"], progress["blocked"]) == (304, 1)


async def test_paid_broadcast_within_the_days_budget_then_free(database: Database) -> None:
    chats = [6400 + n for n in range(5)]
    for chat_id in chats:
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    now = utcnow()
    await alerts.ingest_event(database, outage_started(at=now), now=now, fast=True)
    async with FakeTelegramAPI() as api:
        for chat_id in chats:
            api.chat(chat_id)
        async with telegram_sender(api, database, paid=True) as tg:
            budgets = {"telegram": 0.3}  # Stars a day: three paid messages
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=fast_config(), fast_budgets=budgets
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: settled(database))
        paid = [call for call in api.sent() if call.get("allow_paid_broadcast")]
        assert len(paid) == 3 and len(api.sent()) == 5
    async with database.transaction() as session:
        assert await alerts.outbox_progress.fast_sent(session, event_id="evt-o1") == 3
    assert dispatcher.allowances["telegram"].remaining(utcnow()) == 0


async def test_fan_out_runs_once_in_chunks_and_resumes_where_it_stopped(
    database: Database,
) -> None:
    for n in range(7):
        await add_chat(database, f"65{n:02d}", language="en", areas=["dardania"])
    result = await alerts.ingest_event(database, outage_started(), now=NOON, wait=False)
    assert (result.status, result.recipients) == ("applied", None)
    assert await outbox_rows(database) == []

    class Stopped(Exception):
        pass

    def crash() -> None:  # the process dies right after its first piece was committed
        raise Stopped

    with pytest.raises(Stopped):
        await alerts.run_pending(database, chunk=3, on_progress=crash)
    assert len(await outbox_rows(database)) == 3
    assert await alerts.run_pending(database, chunk=3) == 4
    assert await alerts.run_pending(database) == 0
    rows = await outbox_rows(database)
    assert len({row.chat_id for row in rows}) == len(rows) == 7
    again = await alerts.ingest_event(database, outage_started(), now=NOON)
    assert (again.status, again.recipients) == ("duplicate", 7)


async def test_stopping_a_broadcast_whose_fan_out_has_not_run(database: Database) -> None:
    await add_chat(database, "6601", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON, wait=False)
    assert await alerts.stop_broadcast(database, "evt-o1") == 0
    assert await alerts.run_pending(database) == 0
    assert await outbox_rows(database) == []
