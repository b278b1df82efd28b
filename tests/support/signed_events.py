"""The events API served on 127.0.0.1 for a test, and events posted to it signed as the
account backend signs them (no tests here)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest_asyncio
from aiohttp.test_utils import TestServer

from bot.web.events_api import EventsApi, sign
from bot.web.server import build_web_app
from services.db import Database

SECRET = "signed-events-test-secret"


@pytest_asyncio.fixture(name="events_url")
async def events_url_fixture(database: Database) -> AsyncIterator[str]:
    """The address of ``POST /api/v1/events`` of a web app over ``database``."""
    server = TestServer(build_web_app(EventsApi(database, SECRET).routes(), {}), host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("/api/v1/events"))
    await server.close()


async def post(url: str, event: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """``event`` posted signed; the status and the JSON answer."""
    body = json.dumps(event).encode()
    headers = {"X-Kesco-Signature": sign(SECRET, body), "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, data=body, headers=headers) as answer,
    ):
        return answer.status, await answer.json()
