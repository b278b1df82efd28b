"""The sending budget: never more than the limit in any window, replies before alerts; and a
reply of two messages arrives at once while a broadcast runs at Telegram's limit."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

import pytest

from bot.channels.inbound import Inbound
from bot.channels.send_budget import ALERT, REPLY, SendBudget
from bot.channels.telegram import TelegramChannel
from bot.delivery.dispatcher import Dispatcher
from handlers.messages import IncomingMessage, OutgoingMessage
from services import alerts
from services.db import Database
from services.db.types import utcnow
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import add_chat, dispatching, fast_config, outage_started, wait_until


def max_in_window(times: Sequence[float], window: float) -> int:
    ordered = sorted(times)
    best, start = 0, 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def test_never_more_than_the_limit_in_any_window() -> None:
    budget = SendBudget(10, 0.2, margin=0.0)
    loop = asyncio.get_running_loop()
    times: list[float] = []

    async def one(priority: int) -> None:
        await budget.acquire(priority)
        times.append(loop.time())

    started = loop.time()
    await asyncio.gather(*(one(ALERT if n % 3 else REPLY) for n in range(45)))
    assert max_in_window(times, 0.2) <= 10
    assert loop.time() - started >= 0.8  # 45 at 10 per 0.2 s: four windows at least
    assert budget.granted == 45


async def test_replies_go_before_waiting_alerts() -> None:
    budget = SendBudget(5, 0.1, margin=0.0)
    order: list[str] = []

    async def one(name: str, priority: int) -> None:
        await budget.acquire(priority)
        order.append(name)

    alerts_waiting = [asyncio.create_task(one(f"a{n}", ALERT)) for n in range(30)]
    await wait_until(lambda: len(order) >= 5, what="the first window's alerts")  # others wait
    await one("reply", REPLY)
    assert order.index("reply") < 8  # it got the next free place, not the 31st
    await asyncio.gather(*alerts_waiting)
    assert len(order) == 31


async def test_alerts_are_spaced_and_a_pause_holds_everything() -> None:
    budget = SendBudget(10, 0.5, margin=0.0)
    loop = asyncio.get_running_loop()
    times: list[float] = []

    async def alert() -> None:
        await budget.acquire(ALERT)
        times.append(loop.time())

    await asyncio.gather(*(alert() for _ in range(4)))
    # spaced 0.5 s / 10 on a schedule: a grant the loop comes to late is made up after it, so
    # only the span holds on a loaded machine (the first may come up to 50 ms late; unspaced: 0)
    assert times[-1] - times[0] >= 3 * 0.05 - 0.05
    budget.pause(0.3)
    started = loop.time()
    await budget.acquire(REPLY)
    assert loop.time() - started >= 0.28


async def test_sends_delayed_on_their_way_still_arrive_within_the_limit() -> None:
    """A place is held until a window after the answer: a send that takes long to arrive does
    not let the next window's sends arrive together with it."""
    budget = SendBudget(3, 0.3, margin=0.0)
    loop = asyncio.get_running_loop()
    arrivals: list[float] = []

    async def send(delay: float) -> None:
        async with budget.sending(REPLY):
            await asyncio.sleep(delay)  # on its way (a slow connection, a descheduled process)
            arrivals.append(loop.time())  # the messenger counts it now, then answers

    await asyncio.gather(*(send(0.2 if n == 2 else 0.0) for n in range(9)))
    assert max_in_window(arrivals, 0.3) <= 3
    assert budget.granted == 9


async def test_a_busy_loop_does_not_lower_the_alerts_rate() -> None:
    """Grants that come late make up what the schedule owes (a busy process at 1000 a second
    comes to each timer a few milliseconds late), still never past the limit in a window."""
    budget = SendBudget(1000, 1.0, margin=0.0)
    loop = asyncio.get_running_loop()
    times: list[float] = []
    done = asyncio.Event()

    async def busy() -> None:  # the rest of the process: 3 ms of work every pass of the loop
        while not done.is_set():
            busy_until = time.perf_counter() + 0.003  # spun, not slept: work, and faketime-safe
            while time.perf_counter() < busy_until:
                pass
            await asyncio.sleep(0)  # one pass of the loop between two pieces of work

    async def alert() -> None:
        await budget.acquire(ALERT)
        times.append(loop.time())

    hog = asyncio.create_task(busy())
    started = loop.time()
    await asyncio.gather(*(alert() for _ in range(600)))
    done.set()
    await hog
    # 0.6 s of schedule; one grant a pass of the loop (3 ms of work and more) would take 2.4 s
    assert loop.time() - started < 1.5
    assert max_in_window(times, 1.0) <= 1000


def test_a_429_widens_the_margin_up_to_four_times() -> None:
    budget = SendBudget(30, 1.0, margin=0.025)
    assert budget.window == pytest.approx(1.025)
    for _ in range(5):
        budget.widen()
    assert budget.window == pytest.approx(1.1)


@pytest.mark.db
async def test_a_two_message_reply_is_not_held_behind_a_broadcast(database: Database) -> None:
    async def answer(message: IncomingMessage) -> list[OutgoingMessage]:
        return [OutgoingMessage("one"), OutgoingMessage("two")]

    chats = [7100 + n for n in range(150)]
    for chat_id in chats:
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    now = utcnow()
    await alerts.ingest_event(database, outage_started(at=now), now=now)
    lifecycle = DatabaseChatLifecycle(database)
    async with FakeTelegramAPI() as api:
        for chat_id in chats:
            api.chat(chat_id)
        channel = TelegramChannel(
            api.token, api.root, Inbound(answer, lifecycle), lifecycle, rate=30, poll_timeout=1
        )
        await channel.start()
        dispatcher = Dispatcher(database, {"telegram": channel.sender}, config=fast_config())
        try:
            async with dispatching(dispatcher):
                await wait_until(lambda: len(api.sent()) >= 45)  # the broadcast is at full rate
                loop = asyncio.get_running_loop()
                asked = loop.time()
                api.enqueue(api.message_update(555001, "hi"))
                await api.wait_for(2, 555001)
                reply_took = loop.time() - asked
                broadcast = [c for c in api.calls if c.method == "sendMessage"]
                assert len(broadcast) < len(chats)  # still running
        finally:
            await channel.stop()
        # polling included; behind the broadcast's other 105 sends at 30 a second it would take
        # 3.5 s: the bound leaves a loaded machine room and still fails a reply held behind
        assert reply_took < 1.5, reply_took
        assert api.flood.refused == 0 and api.rejected == []
