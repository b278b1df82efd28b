"""Delivery in field conditions: power back reaches every chat that may have heard of the
outage, a channel that answers again is used again at once whatever the cap between tries of
one message, health shows a channel that is down, and broadcasts fill their calls."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.channels.protocol import SendingLimits, Sent
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.gate import ChannelGate
from bot.delivery.health import DeliveryHealth
from bot.delivery.lane import Lane, LaneSettings
from bot.delivery.records import Recorder
from handlers.messages import OutgoingMessage
from services import alerts
from services.alerts.outbox import ClaimedMessage
from services.db import Database
from services.db.alert_models import OutboxMessage
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import (
    NOON,
    MovingClock,
    add_chat,
    dispatching,
    fast_config,
    outage_started,
    outbox_rows,
    restored,  # noqa: F401
    telegram_sender,
    wait_until,
)

pytestmark = pytest.mark.db


async def test_power_back_reaches_every_chat_that_may_have_heard(database: Database) -> None:
    names = ("sent", "no-answer", "retry-waiting", "refused", "never-sent")
    chats = {
        name: await add_chat(database, name, language="en", areas=["dardania"]) for name in names
    }
    await alerts.ingest_event(database, outage_started(), now=NOON)
    await alerts.run_pending(database)
    states = {
        "sent": ("sent", False),
        "no-answer": ("unconfirmed", True),
        "retry-waiting": ("queued", True),
        "refused": ("failed", False),
        "never-sent": ("queued", False),
    }
    async with database.transaction() as session:
        for name, (state, uncertain) in states.items():
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.chat_id == chats[name])
                .values(state=state, uncertain=uncertain)
            )
    await alerts.ingest_event(database, restored(), now=NOON + timedelta(hours=2))
    await alerts.run_pending(database)
    told = {row.chat_id for row in await outbox_rows(database, "evt-o9")}
    assert told == {chats["sent"], chats["no-answer"], chats["retry-waiting"]}
    first = {row.chat_id: row.state for row in await outbox_rows(database, "evt-o1")}
    # a retry that waited is not sent after power is back, but it may have arrived: not cancelled
    assert first[chats["retry-waiting"]] == "unconfirmed"
    assert first[chats["never-sent"]] == "cancelled"


async def test_a_channel_that_answers_again_is_used_again_at_once(database: Database) -> None:
    chats = [6501 + n for n in range(4)]
    for chat_id in chats:
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with FakeTelegramAPI() as api:
        for chat_id in chats:
            api.chat(chat_id)
        async with telegram_sender(api, database) as tg:
            # a message's own retries may wait up to 5 minutes; the channel's probes do not
            config = fast_config(backoff_base=1.0, backoff_max=300.0, probe_max=1.0)
            dispatcher = Dispatcher(
                database, {"telegram": tg}, config=config, clock=MovingClock(NOON)
            )
            health = DeliveryHealth(database, dispatcher, ["telegram"])
            api.faults.down = True
            async with dispatching(dispatcher):
                await wait_until(lambda: api.faults.injected["down"] >= 3)
                await asyncio.sleep(8)  # doubling pauses would be 8 s by now
                assert not await health.check()
                status = health.report()["telegram"]
                assert status["state"] in ("paused", "probing")
                assert status["down_seconds"] >= 8 and status["urgent_waiting"] == len(chats)
                assert api.sent() == []
                api.faults.down = False
                back = asyncio.get_running_loop().time()
                await wait_until(lambda: len(api.sent()) == len(chats), timeout=10)
                assert asyncio.get_running_loop().time() - back < 3

                async def all_clear() -> bool:
                    return await health.check() and health.report()["telegram"] == {
                        "state": "ok",
                        "down_seconds": 0.0,
                        "urgent_waiting": 0,
                    }

                await wait_until(all_clear)


class _BatchStub:
    """A batching channel, for the lane's grouping only (nothing is sent)."""

    channel = "viber"
    limits = SendingLimits(rate=20, batch=300, batch_rate=50, receipts=True)

    async def send(self, chat_id: str, message: OutgoingMessage) -> None: ...

    async def send_alert(
        self, chat_id: str, message: OutgoingMessage, *, fast: bool = False
    ) -> Sent:
        return Sent()

    async def probe(self) -> bool:
        return True

    async def send_batch(self, chat_ids: Sequence[str], message: OutgoingMessage) -> dict:  # type: ignore[type-arg]
        return {}


def _rows(start: int, languages: int, each: int) -> list[ClaimedMessage]:
    return [
        ClaimedMessage(
            start + n * languages + lang,
            n,
            "viber",
            f"u{n}",
            f"text {lang}",
            [],
            "none",
            None,
            0,
            NOON,
        )
        for n in range(each)
        for lang in range(languages)
    ]


async def test_broadcasts_fill_their_300_receivers_across_claims(database: Database) -> None:
    lane = Lane(
        database,
        _BatchStub(),
        recorder=Recorder(database),
        gate=ChannelGate(),
        settings=LaneSettings(),
        clock=MovingClock(NOON),
    )  # type: ignore[arg-type]
    assert lane._units(_rows(0, 5, 130), NOON, drained=False) == []  # 130 of each: held
    units = lane._units(_rows(10_000, 5, 200), NOON, drained=False)
    assert sorted(len(rows) for _, rows in units) == [300] * 5  # filled from both claims
    rest = lane._units([], NOON, drained=True)  # the queue is drained: send what is left
    assert sorted(len(rows) for _, rows in rest) == [30] * 5
    assert len({row.id for _, rows in units + rest for row in rows}) == 5 * 330
