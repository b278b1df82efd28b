"""Faults that fit in CI (bench/faults.py runs them at scale): a fifth of the sends answered 429,
5xx or slowly, and the database taken away mid-broadcast. Every chat gets its alert once."""

from __future__ import annotations

import asyncio
import collections
from pathlib import Path

import pytest

from bot.delivery.dispatcher import Dispatcher
from services import alerts
from services.db import Database
from services.db.types import utcnow
from tests.conftest import database_url
from tests.fakes.tcp_proxy import TcpProxy
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import (
    add_chat,
    dispatching,
    fast_config,
    outage_started,
    outbox_rows,
    telegram_sender,
    wait_until,
)

pytestmark = pytest.mark.db


async def seed(database: Database, api: FakeTelegramAPI, count: int, first: int) -> list[int]:
    chats = [first + n for n in range(count)]
    for chat_id in chats:
        api.chat(chat_id)
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    now = utcnow()
    result = await alerts.ingest_event(database, outage_started(at=now), now=now)
    assert result.recipients == count
    return chats


def received(api: FakeTelegramAPI) -> collections.Counter[int]:
    return collections.Counter(int(call["chat_id"]) for call in api.sent())


async def all_sent(database: Database, count: int) -> bool:
    return (await alerts.broadcast_progress(database, "evt-o1"))["sent"] == count


async def test_a_fifth_of_sends_answered_429_5xx_or_late(database: Database) -> None:
    async with FakeTelegramAPI() as api:
        chats = await seed(database, api, 120, 8_100_000)
        api.faults.rate_429, api.faults.rate_5xx, api.faults.rate_slow = 0.07, 0.07, 0.06
        api.faults.slow_seconds = (0.5, 1.5)  # answered late, delivered all the same
        async with telegram_sender(api, database, send_timeout=5.0) as tg:
            dispatcher = Dispatcher(database, {"telegram": tg}, config=fast_config(max_attempts=8))
            async with dispatching(dispatcher):
                await wait_until(lambda: all_sent(database, len(chats)), timeout=60)
        assert received(api) == dict.fromkeys(chats, 1)
        assert sum(api.faults.injected.values()) >= 10  # the faults did happen
    assert {row.state for row in await outbox_rows(database)} == {"sent"}


async def test_the_database_away_mid_broadcast_sends_nothing_twice(
    database: Database, tmp_path: Path
) -> None:
    if database.is_sqlite:
        pytest.skip("taking the database away is done with a TCP proxy in front of PostgreSQL")
    url = database_url(tmp_path)
    host, port = url.split("@", 1)[1].split("/", 1)[0].split(":")
    async with FakeTelegramAPI() as api, TcpProxy(host, int(port)) as proxy:
        chats = await seed(database, api, 150, 8_200_000)
        through_proxy = Database(proxy.url(url))
        try:
            async with telegram_sender(api, through_proxy) as tg:
                config = fast_config(max_attempts=8, lock_poll=0.2)
                dispatcher = Dispatcher(through_proxy, {"telegram": tg}, config=config)
                async with dispatching(dispatcher):
                    await wait_until(lambda: len(api.sent()) >= 40, timeout=30)
                    proxy.cut()
                    cut_at = len(api.sent())
                    await asyncio.sleep(3.0)  # the database cut: how long is what is tested
                    during = len(api.sent()) - cut_at
                    proxy.restore()
                    await wait_until(lambda: all_sent(database, len(chats)), timeout=60)
        finally:
            await through_proxy.dispose()
        # nothing new was started while outcomes could not be recorded: only sends in flight
        assert during <= 70, during
        assert received(api) == dict.fromkeys(chats, 1)
