"""Sends that hang past the timeout, end to end: the real senders against fakes that deliver
and never answer, or swallow the request. Viber settles them by its delivery receipts (what
arrived is not sent again, what did not is); Telegram sends an outage message again once the
Bot API answers; power back reaches them all."""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest

from bot.channels.inbound import Inbound
from bot.channels.viber import ViberChannel
from bot.delivery.dispatcher import Dispatcher
from services import alerts
from services.db import Database
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi
from tests.support.alerts import (
    NOON,
    VIBER_TOKEN,
    MovingClock,
    _no_handle,
    add_chat,
    dispatching,
    fast_config,
    outage_started,
    outbox_rows,
    restored,
    telegram_sender,
    wait_until,
)
from tests.support.viber import serve

pytestmark = pytest.mark.db
SETTLE = timedelta(seconds=1)


@asynccontextmanager
async def viber_with_receipts(
    fake: FakeViberApi, database: Database, *, broadcast: bool = False
) -> AsyncIterator[ViberChannel]:
    """The real Viber channel (sender and webhook) with a short send timeout, its webhook
    served so that the fake's delivery receipts reach it."""
    lifecycle = DatabaseChatLifecycle(database)
    channel = ViberChannel(
        VIBER_TOKEN,
        fake.url,
        Inbound(_no_handle, lifecycle),
        lifecycle,
        backoff_base=0.05,
        rate=50,
        broadcast=broadcast,
        send_timeout=0.5,
    )
    runner, base = await serve(channel.aiohttp_routes())
    fake.callback_url, fake.receipt_delay = f"{base}/webhooks/viber", 0.1
    try:
        yield channel
    finally:
        await channel.stop()
        await runner.cleanup()


def viber_dispatcher(database: Database, channel: ViberChannel) -> Dispatcher:
    config = fast_config(settle_after=SETTLE, settle_interval=0.2, probe_max=0.5)
    return Dispatcher(database, {"viber": channel.sender}, config=config, clock=MovingClock(NOON))


async def settled(database: Database, event_id: str = "evt-o1") -> bool:
    rows = await outbox_rows(database, event_id)
    return bool(rows) and all(r.state not in ("queued", "sending", "unsettled") for r in rows)


@pytest.mark.parametrize("broadcast", [False, True], ids=["send_message", "broadcast"])
async def test_viber_sends_again_only_what_no_receipt_shows_arrived(
    database: Database, broadcast: bool
) -> None:
    receivers = [f"vbh{n:02d}==" for n in range(12)]
    for receiver in receivers:
        await add_chat(database, receiver, channel="viber", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeViberApi(VIBER_TOKEN) as fake:
        fake.faults.hang_seconds = 1.0
        fake.faults.rate_hang_delivered = 1.0  # the first sends arrive, and are never answered
        async with viber_with_receipts(fake, database, broadcast=broadcast) as channel:
            dispatcher = viber_dispatcher(database, channel)
            async with dispatching(dispatcher):
                await wait_until(lambda: len(fake.deliveries) >= len(receivers))
                fake.faults.rate_hang_delivered = 0.0
                await wait_until(lambda: settled(database), timeout=20)
    assert fake.copies() == dict.fromkeys(receivers, 1)  # the receipts said: arrived
    rows = await outbox_rows(database)
    assert {row.state for row in rows} == {"sent"} and all(row.uncertain for row in rows)


async def test_viber_sends_again_what_was_swallowed(database: Database) -> None:
    receivers = [f"vbl{n:02d}==" for n in range(6)]
    for receiver in receivers:
        await add_chat(database, receiver, channel="viber", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeViberApi(VIBER_TOKEN) as fake:
        fake.faults.hang_seconds = 1.0
        fake.faults.rate_hang_lost = 1.0  # held, never delivered, never answered
        async with (
            viber_with_receipts(fake, database) as channel,
            dispatching(viber_dispatcher(database, channel)),
        ):
            await wait_until(lambda: fake.faults.injected["hang_lost"] >= len(receivers))
            fake.faults.rate_hang_lost = 0.0
            await wait_until(lambda: settled(database), timeout=20)
    assert fake.copies() == dict.fromkeys(receivers, 1)  # no receipt: sent again, once
    assert {row.state for row in await outbox_rows(database)} == {"sent"}


async def test_a_telegram_black_hole_loses_no_outage_message_nor_power_back(
    database: Database,
) -> None:
    chats = [6601 + n for n in range(6)]
    for chat_id in chats:
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeTelegramAPI() as api:
        for chat_id in chats:
            api.chat(chat_id)
        async with telegram_sender(api, database, send_timeout=0.5) as tg:
            api.faults.black_hole = True  # connections accepted, nothing answered or delivered
            config = fast_config(probe_max=0.5)
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=config, clock=MovingClock(NOON)
            )
            async with dispatching(dispatcher):
                await wait_until(lambda: api.faults.injected["black_hole"] >= 3)
                rows = await outbox_rows(database)
                assert all(row.state in ("queued", "sending") for row in rows)
                api.faults.black_hole = False
                await wait_until(lambda: settled(database), timeout=20)
                # applied at the dispatcher's noon, so that its messages are due at once
                await alerts.ingest_event(
                    database, restored(at=NOON + timedelta(minutes=1)), now=NOON
                )
                await alerts.run_pending(database)
                dispatcher.wake()
                await wait_until(lambda: settled(database, "evt-o9"), timeout=20)
    texts = collections.defaultdict(list)
    for call in api.sent():
        texts[int(call["chat_id"])].append(call["text"])
    assert set(texts) == set(chats)
    for chat_id in chats:  # the outage once (none arrived in the black hole), then power back
        assert [t.split(" ")[0] for t in texts[chat_id]] == ["⚡", "💡"], texts[chat_id]
