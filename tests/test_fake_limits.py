"""The fakes enforce the messengers' limits (so a client that breaks them fails a test):
Telegram's flood limits and injected faults, Viber's broadcast_message."""

from __future__ import annotations

import json
import time
from typing import Any

import aiohttp

from tests.fakes.flood import FloodControl, FloodLimits
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi
from tests.support.viber import GOOD
from tests.support.viber import TOKEN as VIBER_TOKEN


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def control(**limits: Any) -> tuple[FloodControl, Clock]:
    clock = Clock()
    return FloodControl(FloodLimits(**limits), clock=clock), clock


def test_at_most_30_free_messages_in_any_second() -> None:
    flood, clock = control()
    assert [flood.admit(1000 + n, paid=False) for n in range(30)] == [0.0] * 30
    clock.now += 0.5
    assert flood.admit(2000, paid=False) == 0.5  # the first message leaves the window then
    clock.now += 0.49
    assert flood.admit(2000, paid=False) > 0
    clock.now += 0.02
    assert flood.admit(2000, paid=False) == 0.0
    assert flood.refused == 2


def test_paid_broadcast_has_its_own_1000_a_second() -> None:
    flood, _ = control()
    assert all(flood.admit(n, paid=True) == 0 for n in range(1000))
    assert flood.admit(5000, paid=True) > 0
    assert all(flood.admit(6000 + n, paid=False) == 0 for n in range(30))
    assert flood.admit(7000, paid=False) > 0


def test_a_private_chat_takes_a_short_burst_then_one_a_second() -> None:
    flood, clock = control(chat_burst=3)
    assert [flood.admit(42, paid=False) for _ in range(3)] == [0.0] * 3
    assert flood.admit(42, paid=False) == 1.0
    clock.now += 0.5
    assert flood.admit(42, paid=False) == 0.5
    clock.now += 0.5
    assert flood.admit(42, paid=False) == 0.0
    assert flood.admit(43, paid=False) == 0.0  # other chats are not slowed down
    assert flood.refused_chats == 2


def test_a_group_takes_20_a_minute() -> None:
    flood, clock = control()
    assert all(flood.admit(-100123, paid=False) == 0 for _ in range(20))
    clock.now += 2
    assert flood.admit(-100123, paid=False) == 58.0
    clock.now += 58
    assert flood.admit(-100123, paid=False) == 0.0


async def _send(api: FakeTelegramAPI, chat_id: int, **extra: Any) -> tuple[int, Any]:
    url = f"{api.root}/bot{api.token}/sendMessage"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"chat_id": chat_id, "text": "⚡", **extra}) as response,
    ):
        body = await response.text()
        return response.status, json.loads(body) if body.startswith("{") else body


async def test_the_fake_bot_api_answers_429_with_retry_after_beyond_the_limit() -> None:
    async with FakeTelegramAPI(flood=FloodLimits(per_second=3)) as api:
        for chat_id in range(1, 6):
            api.chat(chat_id)
        statuses = [(await _send(api, chat_id))[0] for chat_id in range(1, 4)]
        status, body = await _send(api, 4)
        assert statuses == [200, 200, 200] and status == 429
        assert body["parameters"] == {"retry_after": 1}
        assert body["description"] == "Too Many Requests: retry after 1"
        assert (await _send(api, 5, allow_paid_broadcast=True))[0] == 200
        assert len(api.sent()) == 4 and api.flood.refused == 1


async def test_injected_faults_and_outages() -> None:
    async with FakeTelegramAPI(flood=FloodLimits.off()) as api:
        api.chat(7)
        api.faults.down = True
        status, page = await _send(api, 7)
        assert status == 502 and "Bad Gateway" in page and api.sent() == []
        api.faults.down = False
        api.faults.rate_slow, api.faults.slow_seconds = 1.0, (0.3, 0.3)
        started = time.monotonic()
        assert (await _send(api, 7))[0] == 200
        assert time.monotonic() - started >= 0.3 and len(api.sent(7)) == 1
        api.faults.rate_slow, api.faults.rate_5xx = 0.0, 1.0
        assert (await _send(api, 7))[0] == 502
        api.faults.rate_5xx, api.faults.rate_429 = 0.0, 1.0
        assert (await _send(api, 7))[0] == 429
        assert api.faults.injected == {
            "429": 1,
            "5xx": 1,
            "slow": 1,
            "down": 1,
            "hang_delivered": 0,
            "hang_lost": 0,
            "black_hole": 0,
        }


async def _viber(fake: FakeViberApi, method: str, body: dict[str, Any]) -> dict[str, Any]:
    headers = {"X-Viber-Auth-Token": VIBER_TOKEN}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{fake.url}/{method}", json=body, headers=headers) as response,
    ):
        return await response.json()


async def test_viber_broadcast_message_as_documented() -> None:
    message = {key: value for key, value in GOOD.items() if key != "receiver"}
    async with FakeViberApi(VIBER_TOKEN) as fake:
        fake.not_subscribed.add("gone==")
        fake.queue_status("busy==", 12)
        answer = await _viber(
            fake, "broadcast_message", {**message, "broadcast_list": ["a==", "gone==", "busy=="]}
        )
        assert answer["status"] == 0
        assert [(f["receiver"], f["status"]) for f in answer["failed_list"]] == [
            ("gone==", 6),
            ("busy==", 12),
        ]
        assert [m["receiver"] for m in fake.sent] == ["a=="]
        too_many = {**message, "broadcast_list": [f"u{n}==" for n in range(301)]}
        assert (await _viber(fake, "broadcast_message", too_many))["status"] == 3
        with_receiver = {**message, "receiver": "a==", "broadcast_list": ["a=="]}
        assert (await _viber(fake, "broadcast_message", with_receiver))["status"] == 3
        for _ in range(499):
            await _viber(fake, "broadcast_message", {**message, "broadcast_list": ["b=="]})
        refused = await _viber(fake, "broadcast_message", {**message, "broadcast_list": ["c=="]})
        assert refused["status"] == 12 and fake.broadcast_refused == 1
