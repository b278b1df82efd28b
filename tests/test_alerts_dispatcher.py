"""The dispatcher against the fake Telegram and Viber servers: languages, quiet hours, 429,
403 and 5xx answers, backoff and giving up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.delivery.dispatcher import Dispatcher
from locales.i18n import translate
from services import alerts
from services.db import Database
from services.db.models import Chat
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi
from tests.support.alerts import (
    NIGHT,
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
OUTAGE_HEAD = "⚡ Power outage in {areas} since {time}."


async def test_outage_reaches_both_channels_in_each_chats_language(database: Database) -> None:
    await add_chat(database, "1001", language="sq", codes=["DPR100001"])
    await add_chat(database, "1002", language="en", areas=["dardania", "ulpiana"])
    await add_chat(database, "1003", language="en", codes=["DGJ200002"])
    await add_chat(database, "vb1==", channel="viber", language="sr-Latn", areas=["dardania"])
    result = await alerts.ingest_event(database, outage_started(), now=NOON)
    assert (result.status, result.recipients) == ("applied", 3)
    async with FakeTelegramAPI() as api, FakeViberApi(VIBER_TOKEN) as viber:
        for chat_id in (1001, 1002, 1003):
            api.chat(chat_id)
        async with telegram_sender(api, database) as tg, viber_sender(viber, database) as vb:
            dispatcher = Dispatcher(
                database,
                {"telegram": tg, "viber": vb},
                config=fast_config(),
                clock=MovingClock(NOON),
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: len(api.sent()) == 2 and len(viber.sent) == 1)
        head_sq = translate(OUTAGE_HEAD, "sq").split("{")[0]
        assert api.sent(1001)[0]["text"].startswith(head_sq)
        assert "Defekt në rrjet" in api.sent(1001)[0]["text"]
        assert api.sent(1002)[0]["text"].startswith("⚡ Power outage in Dardania since")
        assert api.sent(1002)[0]["disable_notification"] is False
        assert api.sent(1003) == []
        assert "u Dardaniji" in viber.texts_to("vb1==")[0]
        assert "Kvar na mreži" in viber.texts_to("vb1==")[0]
    progress = await alerts.broadcast_progress(database, "evt-o1")
    assert progress == {
        "queued": 0,
        "sending": 0,
        "sent": 3,
        "unsettled": 0,
        "unconfirmed": 0,
        "failed": 0,
        "blocked": 0,
        "cancelled": 0,
    }


async def test_at_night_outages_are_silent_and_bills_wait_for_the_morning(
    database: Database,
) -> None:
    await add_chat(database, "2001", language="en", codes=["DPR100001"])
    await add_chat(database, "2002", language="en", codes=["DPR100001"], quiet_hours="off")
    await alerts.ingest_event(database, outage_started(at=NIGHT), now=NIGHT)
    await alerts.ingest_event(database, bill_issued(at=NIGHT), now=NIGHT)
    clock = MovingClock(NIGHT)
    async with FakeTelegramAPI() as api:
        api.chat(2001)
        api.chat(2002)
        async with telegram_sender(api, database) as tg:
            dispatcher = Dispatcher(database, {"telegram": tg}, config=fast_config(), clock=clock)
            async with dispatching(dispatcher):
                await wait_until(lambda: len(api.sent()) == 3)
                assert [m["disable_notification"] for m in api.sent(2001)] == [True]
                assert [m["disable_notification"] for m in api.sent(2002)] == [False, False]
                clock.jump(timedelta(hours=8, minutes=31))  # 07:01 in Kosovo
                await wait_until(lambda: len(api.sent(2001)) == 2)
        assert api.sent(2001)[1]["text"].startswith("🧾")
        assert api.sent(2001)[1]["disable_notification"] is False


async def test_telegram_429_is_waited_out_403_blocks_5xx_retried(database: Database) -> None:
    await add_chat(database, "3001", language="en", codes=["DPR100001"])
    await add_chat(database, "3002", language="en", codes=["DPR100001"])
    blocked = await add_chat(database, "3003", language="en", codes=["DPR100001"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    await alerts.ingest_event(database, bill_issued(), now=NOON)
    async with FakeTelegramAPI() as api:
        for chat_id in (3001, 3002, 3003):
            api.chat(chat_id)
        api.block(3003)
        api.fail_next("sendMessage", times=1, status=429, retry_after=1)
        api.fail_next("sendMessage", times=2, status=502)
        async with telegram_sender(api, database) as tg:
            dispatcher = Dispatcher(
                database,
                {"telegram": tg},
                config=fast_config(max_attempts=5),
                clock=MovingClock(NOON),
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: len(api.sent()) == 4)
                await wait_until(lambda: _settled(database))
        assert [len(api.sent(c)) for c in (3001, 3002, 3003)] == [2, 2, 0]
    states = {(r.chat_id, r.event_id): r.state for r in await outbox_rows(database)}
    assert states[(blocked, "evt-o1")] == states[(blocked, "evt-b1")] == "blocked"
    assert sorted(states.values()).count("sent") == 4
    async with database.transaction() as session:
        chat = await session.get(Chat, blocked)
        assert chat is not None and chat.active is False


async def test_a_message_failing_on_its_own_is_given_up_and_a_400_is_not_retried(
    database: Database,
) -> None:
    await add_chat(database, "4001", language="en", codes=["DPR100001"])
    await add_chat(database, "4002", language="en", codes=["DPR100001"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeTelegramAPI() as api:
        api.chat(4001)
        api.chat(4002)
        api.fail_chat(4001, times=10, status=500)  # the Bot API works for every other chat
        async with telegram_sender(api, database) as tg:
            dispatcher = Dispatcher(
                database,
                {"telegram": tg},
                config=fast_config(max_attempts=2),
                clock=MovingClock(NOON),
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: _settled(database))
                rows = {row.chat_id: row for row in await outbox_rows(database)}
                failed = rows[min(rows)]
                assert (failed.state, failed.attempts) == ("failed", 2)
                assert (failed.last_error or "").startswith("gave up after 2 attempts: ")
                await add_chat(database, "4003", language="en", codes=["DPR100001"])
                await alerts.ingest_event(database, bill_issued(), now=NOON)
                await wait_until(lambda: _settled(database))
        assert len(api.sent(4001)) == 0 and len(api.sent(4002)) == 2
    rows = {row.chat_id: row for row in await outbox_rows(database, "evt-b1")}
    unknown = rows[max(rows)]
    assert (unknown.state, unknown.attempts) == ("failed", 1)
    assert (unknown.last_error or "").startswith("rejected: ")


async def test_viber_rate_limit_unsubscribed_and_5xx(database: Database) -> None:
    await add_chat(database, "vA==", channel="viber", language="en", areas=["dardania"])
    await add_chat(database, "vB==", channel="viber", language="sq", areas=["dardania"])
    gone = await add_chat(database, "vC==", channel="viber", language="sr", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeViberApi(VIBER_TOKEN) as viber:
        viber.queue_status("vA==", 12, times=2)
        viber.queue_status("vC==", 6)
        viber.queue_http_error(503)
        async with viber_sender(viber, database) as vb:
            dispatcher = Dispatcher(
                database,
                {"viber": vb},
                config=fast_config(max_attempts=5),
                clock=MovingClock(NOON),
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: _settled(database))
        assert len(viber.texts_to("vA==")) == 1 and len(viber.texts_to("vB==")) == 1
        assert viber.texts_to("vC==") == []
    async with database.transaction() as session:
        active = dict((await session.execute(select(Chat.id, Chat.active))).all())
    assert active[gone] is False
    progress = await alerts.broadcast_progress(database, "evt-o1")
    assert (progress["sent"], progress["blocked"]) == (2, 1)


async def _settled(database: Database) -> bool:
    rows = await outbox_rows(database)
    return bool(rows) and all(row.state not in ("queued", "sending") for row in rows)
