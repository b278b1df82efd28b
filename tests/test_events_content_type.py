"""The events API accepts a correctly signed body whatever its ``Content-Type`` (issue 21): the
signature is checked over the raw bytes before anything parses them, so a signed JSON event
sent as a form, as text or with no type is stored; unsigned or wrongly signed ones are still
refused and store nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.web.events_api import EventsApi, sign
from bot.web.server import build_web_app
from services.db import Database
from services.db.alert_models import AlertEvent
from tests.support.alerts import outage_started

pytestmark = pytest.mark.db
SECRET = "content-type-test-secret-0123456789abcdef"
TYPES = (
    "application/json",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=xyz",
    "application/octet-stream",
    None,
)


@pytest.fixture
async def url(database: Database) -> AsyncIterator[str]:
    server = TestServer(build_web_app(EventsApi(database, SECRET).routes(), {}), host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("/api/v1/events"))
    await server.close()


async def _post(url: str, body: bytes, content_type: str | None, signature: str | None) -> int:
    headers = {"Content-Type": content_type} if content_type else {}
    if signature is not None:
        headers["X-Kesco-Signature"] = signature
    async with (
        aiohttp.ClientSession(skip_auto_headers=["Content-Type"]) as session,
        session.post(url, data=body, headers=headers) as response,
    ):
        return response.status


async def _stored(database: Database) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(AlertEvent)) or 0)


@pytest.mark.parametrize("content_type", TYPES)
async def test_a_signed_event_is_accepted_whatever_its_type(
    url: str, database: Database, content_type: str | None
) -> None:
    body = json.dumps(outage_started(event_id="ct-1", outage_id="OUT-ct-1")).encode()
    assert await _post(url, body, content_type, sign(SECRET, body)) == 200
    assert await _stored(database) == 1
    assert await _post(url, body, content_type, sign(SECRET, body)) == 200, "idempotent"
    assert await _stored(database) == 1


@pytest.mark.parametrize("content_type", TYPES)
async def test_unsigned_or_wrongly_signed_is_refused_whatever_its_type(
    url: str, database: Database, content_type: str | None
) -> None:
    body = json.dumps(outage_started(event_id="ct-2", outage_id="OUT-ct-2")).encode()
    assert await _post(url, body, content_type, None) == 401
    assert await _post(url, body, content_type, sign("another-secret", body)) == 403
    assert await _post(url, body + b" ", content_type, sign(SECRET, body)) == 403
    assert await _stored(database) == 0


async def test_a_signed_real_form_is_refused_as_not_json(url: str, database: Database) -> None:
    body = b"id=ct-3&type=outage.started"
    status = await _post(url, body, "application/x-www-form-urlencoded", sign(SECRET, body))
    assert status == 400
    assert await _stored(database) == 0
