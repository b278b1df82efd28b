"""The fakes' field conditions: hangs past a client's timeout that did and did not deliver,
refused connections, a black hole, and Viber's signed ``delivered`` callbacks."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from tests.fakes.flood import FloodLimits
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi, sign
from tests.support.viber import GOOD
from tests.support.viber import TOKEN as VIBER_TOKEN
from tests.support.waiting import wait_until

MESSAGE = {key: value for key, value in GOOD.items() if key != "receiver"}


async def _post(
    url: str, body: dict[str, Any], timeout: float, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session,
        session.post(url, json=body, headers=headers) as response,
    ):
        text = await response.text()
        return response.status, json.loads(text) if text.startswith("{") else text


async def _send(api: FakeTelegramAPI, chat_id: int, timeout: float = 5.0) -> tuple[int, Any]:
    return await _post(
        f"{api.root}/bot{api.token}/sendMessage", {"chat_id": chat_id, "text": "⚡"}, timeout
    )


async def _viber(
    fake: FakeViberApi, method: str, body: dict[str, Any], timeout: float = 5.0
) -> tuple[int, Any]:
    return await _post(f"{fake.url}/{method}", body, timeout, {"X-Viber-Auth-Token": VIBER_TOKEN})


async def test_a_hang_past_the_client_timeout_delivers_without_an_answer() -> None:
    async with FakeTelegramAPI(flood=FloodLimits.off()) as api:
        api.chat(7)
        api.faults.rate_hang_delivered, api.faults.hang_seconds = 1.0, 1.0
        with pytest.raises(TimeoutError):
            await _send(api, 7, timeout=0.3)
        assert len(api.sent(7)) == 1  # delivered all the same
        await wait_until(lambda: api.attempts, what="the hang's outcome")
        assert [a.outcome for a in api.attempts] == ["delivered_unanswered"]
        started = time.monotonic()
        status, body = await _send(api, 7, timeout=3.0)  # a client that waits gets the answer
        assert status == 200 and body["ok"] and time.monotonic() - started >= 1.0
        assert [a.outcome for a in api.attempts] == ["delivered_unanswered", "delivered_late"]
        assert api.attempts[0].chat_id == 7
        assert api.faults.injected["hang_delivered"] == 2


async def test_a_hang_that_is_lost_delivers_nothing_and_closes() -> None:
    async with FakeTelegramAPI(flood=FloodLimits.off()) as api:
        api.chat(7)
        api.faults.rate_hang_lost, api.faults.hang_seconds = 1.0, 0.5
        started = time.monotonic()
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await _send(api, 7, timeout=5.0)
        assert time.monotonic() - started >= 0.5
        assert api.sent() == [] and api.calls == []
        assert [(a.chat_id, a.outcome) for a in api.attempts] == [(7, "lost_unanswered")]
        assert api.faults.injected["hang_lost"] == 1


async def test_refused_connections_then_accepted_on_the_same_port() -> None:
    async with FakeTelegramAPI(flood=FloodLimits.off()) as api:
        api.chat(7)
        root = api.root
        api.faults.rate_hang_delivered, api.faults.hang_seconds = 1.0, 30.0
        in_flight = asyncio.create_task(_send(api, 7, timeout=10.0))
        await wait_until(lambda: api.faults.injected["hang_delivered"], what="the send hanging")
        await api.refuse_connections()
        with pytest.raises(aiohttp.ClientError):
            await in_flight  # open connections are reset
        with pytest.raises(aiohttp.ClientConnectorError) as refused:
            await _send(api, 7)
        assert isinstance(refused.value.os_error, ConnectionRefusedError)
        api.faults.rate_hang_delivered = 0.0
        await api.accept_connections()
        assert api.root == root
        assert (await _send(api, 7))[0] == 200


async def test_a_black_hole_holds_every_method_and_closes_when_it_ends() -> None:
    async with FakeTelegramAPI(flood=FloodLimits.off()) as api:
        api.chat(7)
        api.faults.black_hole = True
        get_me = f"{api.root}/bot{api.token}/getMe"
        with pytest.raises(TimeoutError):
            await _post(get_me, {}, timeout=0.3)
        with pytest.raises(TimeoutError):
            await _send(api, 7, timeout=0.3)
        waiting = asyncio.create_task(_send(api, 7, timeout=10.0))
        await wait_until(lambda: api.faults.injected["black_hole"] == 3, what="the send held")
        assert not waiting.done()
        started = time.monotonic()
        api.faults.black_hole = False
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await waiting  # released by a closed connection, not answered
        assert time.monotonic() - started < 3.0  # at once, not at the client's 10 s timeout
        assert api.calls == []
        assert [a.outcome for a in api.attempts] == ["black_hole", "black_hole"]
        assert api.faults.injected["black_hole"] == 3
        assert (await _send(api, 7))[0] == 200


class Webhook:
    """The bot's side: records what the fake Viber posts to it."""

    def __init__(self) -> None:
        self.posts: list[tuple[bytes, str | None]] = []
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self) -> Webhook:
        app = web.Application()
        app.router.add_post("/webhooks/viber", self._post)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self.runner.addresses[0][1]}/webhooks/viber"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.runner is not None
        await self.runner.cleanup()

    async def _post(self, request: web.Request) -> web.Response:
        self.posts.append((await request.read(), request.headers.get("X-Viber-Content-Signature")))
        return web.json_response({"status": 0})

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(raw) for raw, _ in self.posts]


async def test_viber_posts_a_signed_delivered_receipt_unless_the_device_is_offline() -> None:
    async with FakeViberApi(VIBER_TOKEN) as fake, Webhook() as webhook:
        fake.callback_url, fake.receipt_delay, fake.offline = webhook.url, 0.2, {"off=="}
        _, answer = await _viber(fake, "send_message", {**MESSAGE, "receiver": "on=="})
        await _viber(fake, "send_message", {**MESSAGE, "receiver": "off=="})
        assert webhook.posts == []  # not before receipt_delay
        await wait_until(lambda: fake.receipts.posted, what="the delivered receipt")
        await asyncio.sleep(0.3)  # the offline device's receipt would have come by now
        assert len(webhook.posts) == 1
        raw, signature = webhook.posts[0]
        assert signature == sign(VIBER_TOKEN, raw)
        body = json.loads(raw)
        assert body["event"] == "delivered" and body["user_id"] == "on=="
        assert body["message_token"] == answer["message_token"]
        assert body["chat_hostname"] == "SN-CHAT-05_"
        assert abs(body["timestamp"] - time.time() * 1000) < 5000
        assert fake.copies() == {"on==": 1, "off==": 1}
        assert fake.receipts.posted == [("on==", answer["message_token"])]


async def test_a_hung_viber_broadcast_that_delivered_reached_and_confirms_all() -> None:
    async with FakeViberApi(VIBER_TOKEN) as fake, Webhook() as webhook:
        fake.callback_url, fake.receipt_delay = webhook.url, 0.05
        fake.faults.rate_hang_delivered, fake.faults.hang_seconds = 1.0, 1.0
        receivers = ["a==", "b==", "c=="]
        with pytest.raises(TimeoutError):
            await _viber(
                fake, "broadcast_message", {**MESSAGE, "broadcast_list": receivers}, timeout=0.3
            )
        await wait_until(lambda: len(webhook.posts) == 3, what="the three receipts")
        assert [d.receiver for d in fake.deliveries] == receivers
        assert len({d.message_token for d in fake.deliveries}) == 1
        assert sorted(b["user_id"] for b in webhook.bodies()) == receivers
        assert [a.outcome for a in fake.attempts] == ["delivered_unanswered"] * 3


async def test_viber_faults_429_in_both_forms_5xx_and_a_lost_hang() -> None:
    async with FakeViberApi(VIBER_TOKEN) as fake:
        body = {**MESSAGE, "receiver": "a=="}
        fake.faults.rate_429, fake.faults.http_429_share = 1.0, 1.0
        assert (await _viber(fake, "send_message", body))[0] == 429
        fake.faults.http_429_share = 0.0
        assert await _viber(fake, "send_message", body) == (
            200,
            {"status": 12, "status_message": "tooManyRequests"},
        )
        fake.faults.rate_429, fake.faults.rate_5xx = 0.0, 1.0
        assert (await _viber(fake, "send_message", body))[0] == 502
        fake.faults.rate_5xx, fake.faults.rate_hang_lost, fake.faults.hang_seconds = 0.0, 1.0, 0.3
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await _viber(fake, "broadcast_message", {**MESSAGE, "broadcast_list": ["a==", "b=="]})
        assert fake.sent == [] and fake.deliveries == []
        lost = ["lost_unanswered"] * 2
        outcomes = ["refused_429", "refused_429", "refused_5xx", *lost]
        assert [a.outcome for a in fake.attempts] == outcomes


async def test_viber_black_hole_and_refused_connections() -> None:
    async with FakeViberApi(VIBER_TOKEN) as fake:
        body = {**MESSAGE, "receiver": "a=="}
        fake.faults.black_hole = True
        with pytest.raises(TimeoutError):
            await _viber(fake, "get_account_info", {}, timeout=0.3)
        with pytest.raises(TimeoutError):
            await _viber(fake, "send_message", body, timeout=0.3)
        fake.faults.black_hole = False
        assert fake.sent == [] and [a.outcome for a in fake.attempts] == ["black_hole"]
        url = fake.url
        await fake.refuse_connections()
        with pytest.raises(aiohttp.ClientConnectorError):
            await _viber(fake, "send_message", body)
        await fake.accept_connections()
        assert fake.url == url
        assert (await _viber(fake, "send_message", body))[1]["status"] == 0
        assert fake.copies() == {"a==": 1}
