"""The fake Viber API is strict: it refuses what Viber refuses (so passing tests mean something)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from tests.fakes.viber_api import FakeViberApi
from tests.support.viber import (
    GOOD,  # noqa: F401
    TOKEN,
    USER,
)


def button(**changes: Any) -> dict[str, Any]:
    return {"Columns": 6, "Rows": 1, "ActionType": "reply", "ActionBody": "cmd:help", **changes}


def with_buttons(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {**GOOD, "keyboard": {**GOOD["keyboard"], "Buttons": list(buttons)}}


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeViberApi]:
    async with FakeViberApi(TOKEN) as server:
        yield server


async def call(fake: FakeViberApi, method: str, body: Any, token: str | None = TOKEN) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"X-Viber-Auth-Token": token} if token else {}
    url = f"{fake.url}/{method}"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=raw, headers=headers) as r,
    ):
        return await r.json() if r.status == 200 else r.status


async def test_accepts_a_good_message(fake: FakeViberApi) -> None:
    answer = await call(fake, "send_message", GOOD)
    assert answer["status"] == 0 and answer["message_token"] == fake.sent[0]["message_token"]


async def test_auth_token_is_checked(fake: FakeViberApi) -> None:
    assert (await call(fake, "send_message", GOOD, token="wrong"))["status"] == 2
    assert (await call(fake, "send_message", GOOD, token=None))["status"] == 2
    body_token = {**GOOD, "auth_token": TOKEN}  # viberbot's way
    assert (await call(fake, "send_message", body_token, token=None))["status"] == 0


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"{nope", "JSON object"),
        ({k: v for k, v in GOOD.items() if k != "receiver"}, "receiver"),
        ({**GOOD, "type": "carousel"}, "unknown message type"),
        ({**GOOD, "text": " "}, "text is required"),
        ({**GOOD, "text": "x" * 7001}, "text is required"),
        ({k: v for k, v in GOOD.items() if k != "sender"}, "sender is required"),
        ({**GOOD, "sender": {"name": "K" * 29}}, "sender.name"),
        ({**GOOD, "min_api_version": "4"}, "min_api_version"),
        ({**GOOD, "keyboard": {**GOOD["keyboard"], "Type": "rich"}}, "keyboard.Type"),
        ({**GOOD, "keyboard": {**GOOD["keyboard"], "InputFieldState": "x"}}, "InputFieldState"),
        (with_buttons(), "1..144"),
        (with_buttons(*[button(Columns=1)] * 145), "1..144"),
        (with_buttons(button(Columns=7)), "Columns"),
        (with_buttons(button(Rows=3)), "Rows"),
        (with_buttons(button(ActionType="open-app")), "ActionType"),
        (with_buttons(button(ActionBody="")), "ActionBody is required"),
        (with_buttons(button(ActionType="open-url", ActionBody="cmd:pay")), "must be a URL"),
        (with_buttons(button(Text="x" * 251)), "250"),
        (with_buttons(*[button()] * 25), "more than 24 rows"),
        ({**GOOD, "tracking_data": "ж" * 16000}, "over 30 KB"),
    ],
)
async def test_refuses_bad_messages(fake: FakeViberApi, body: Any, problem: str) -> None:
    answer = await call(fake, "send_message", body)
    assert answer["status"] == 3 and problem in answer["status_message"]
    assert fake.sent == []


async def test_set_webhook_rules(fake: FakeViberApi) -> None:
    plain = await call(fake, "set_webhook", {"url": "http://bot.example/webhooks/viber"})
    assert plain["status"] == 1
    bad_events = {"url": "https://bot.example/v", "event_types": ["message", "typing"]}
    assert (await call(fake, "set_webhook", bad_events))["status"] == 3
    good = {"url": "https://bot.example/v", "event_types": ["delivered", "seen"]}
    assert (await call(fake, "set_webhook", good))["event_types"] == ["delivered", "seen"]
    assert fake.webhook == "https://bot.example/v"
    assert (await call(fake, "get_account_info", {}))["webhook"] == "https://bot.example/v"


async def test_injected_failures(fake: FakeViberApi) -> None:
    fake.queue_status(USER, 12)
    assert (await call(fake, "send_message", GOOD))["status_message"] == "tooManyRequests"
    fake.queue_http_error(500)
    assert await call(fake, "send_message", GOOD) == 500
    assert await call(fake, "no_such_method", {}) == 404
    assert (await call(fake, "send_message", GOOD))["status"] == 0
