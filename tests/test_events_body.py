"""The events API reads the whole body before checking its signature: sent in chunks of any
size, or large (up to 256 KB), a correctly signed event is accepted; beyond the limit, 413."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.web.events_api import MAX_BODY, EventsApi, sign
from bot.web.server import build_web_app
from services.db import Database
from tests.support.alerts import outage_started

pytestmark = pytest.mark.db
SECRET = "body-test-secret"


@pytest.fixture
async def url(database: Database) -> AsyncIterator[str]:
    server = TestServer(build_web_app(EventsApi(database, SECRET).routes(), {}), host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("/api/v1/events"))
    await server.close()


def padded_event(size: int, event_id: str) -> bytes:
    """A valid outage event of exactly ``size`` bytes (an unknown field pads it: ignored)."""
    event = outage_started(event_id=event_id, outage_id=f"OUT-{event_id}")
    event["padding"] = ""
    room = size - len(json.dumps(event).encode())
    assert room >= 0
    event["padding"] = "x" * room
    body = json.dumps(event).encode()
    assert len(body) == size
    return body


async def chunks(body: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.mark.parametrize("kilobytes", [10, 70, 150, 250])
async def test_chunked_signed_events_are_accepted(url: str, kilobytes: int) -> None:
    body = padded_event(kilobytes * 1000, f"chunked-{kilobytes}")
    headers = {"X-Kesco-Signature": sign(SECRET, body), "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=chunks(body, 4096), headers=headers) as response,
    ):
        assert response.request_info.headers.get("Transfer-Encoding") == "chunked"
        assert response.status == 200, await response.text()
        assert (await response.json())["status"] in ("applied", "recorded")


async def test_a_large_event_under_the_limit_is_accepted_in_one_piece(url: str) -> None:
    body = padded_event(250 * 1024, "large-one")
    headers = {"X-Kesco-Signature": sign(SECRET, body)}
    async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as r:
        assert r.status == 200, await r.text()
    exactly = padded_event(MAX_BODY, "exactly-the-limit")
    headers = {"X-Kesco-Signature": sign(SECRET, exactly)}
    async with aiohttp.ClientSession() as http, http.post(url, data=exactly, headers=headers) as r:
        assert r.status == 200, await r.text()


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_a_body_over_the_limit_gets_413(url: str, chunked: bool) -> None:
    body = b'{"id": "' + b"x" * (20 * 1024 * 1024) + b'"}'
    headers = {"X-Kesco-Signature": sign(SECRET, body)}
    data = chunks(body, 256 * 1024) if chunked else body
    async with aiohttp.ClientSession() as http, http.post(url, data=data, headers=headers) as r:
        assert r.status == 413
        assert (await r.json())["field"] == "body"
    just_over = padded_event(MAX_BODY + 1, "just-over")
    headers = {"X-Kesco-Signature": sign(SECRET, just_over)}
    data = chunks(just_over, 1000) if chunked else just_over
    async with aiohttp.ClientSession() as http, http.post(url, data=data, headers=headers) as r:
        assert r.status == 413


async def test_the_signature_covers_the_whole_body(url: str) -> None:
    body = padded_event(100_000, "whole-body")
    headers = {"X-Kesco-Signature": sign(SECRET, body[:50_000])}
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=chunks(body, 1000), headers=headers) as response,
    ):
        assert response.status == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("occurred_at", "0001-01-01T00:00:00+03:04"),  # found by Schemathesis: a 500 before
        ("occurred_at", "9999-12-31T23:59:59-05:00"),
        ("started_at", "1900-01-01T00:00:00Z"),
    ],
)
async def test_times_out_of_range_are_refused_naming_the_field(
    url: str, field: str, value: str
) -> None:
    event = outage_started(event_id=f"range-{field}-{value[:4]}")
    event[field] = value
    body = json.dumps(event).encode()
    headers = {"X-Kesco-Signature": sign(SECRET, body)}
    async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as r:
        assert r.status == 400
        assert (await r.json())["field"] == field


async def test_a_bill_of_year_zero_is_refused_not_rendered(url: str, database: Database) -> None:
    from tests.support.alerts import add_chat, bill_issued

    await add_chat(database, "4455", language="en", codes=["DPR100001"])
    event = bill_issued(event_id="year-zero")
    event["period"] = "0000-05"  # rendering "May 0" used to fail with a 500
    body = json.dumps(event).encode()
    headers = {"X-Kesco-Signature": sign(SECRET, body)}
    async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as r:
        assert (r.status, (await r.json())["field"]) == (400, "period")
