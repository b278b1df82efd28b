"""50 requests at once to a running ``kesco-bot run`` (Viber callbacks, staff API calls and
events): they wait their turn, none fails; on the embedded SQLite default too."""

from __future__ import annotations

import asyncio
import collections
import json
from pathlib import Path

import aiohttp
import pytest

from bot.web.events_api import sign as sign_event
from services.db import Database
from tests.conftest import database_url
from tests.support.alerts import add_chat, outage_started
from tests.support.fuzz_bodies import USER, viber_seeds, viber_sign
from tests.support.service_process import ADMIN_TOKEN, EVENTS_SECRET, running_service

pytestmark = pytest.mark.db
ROUNDS = 3


def viber_message(round_: int, index: int) -> bytes:
    body = dict(viber_seeds()[0], message_token=9_200_000_000_000_000_000 + round_ * 100 + index)
    body["sender"] = dict(body["sender"], id=f"{USER[:8]}-parallel-{round_}-{index}")
    body["message"] = {"type": "text", "text": "/link DPR100001" if index % 2 else "/start"}
    return json.dumps(body).encode()


def event(round_: int, index: int) -> bytes:
    started = outage_started(event_id=f"par-{round_}-{index}", outage_id=f"OUT-P{round_}-{index}")
    return json.dumps(started).encode()


async def test_fifty_parallel_requests_get_no_server_error(
    tmp_path: Path, database: Database
) -> None:
    for number in range(30):
        await add_chat(database, f"88{number:04d}", language="en", areas=["dardania"])
    statuses: collections.Counter[int] = collections.Counter()
    async with (
        running_service(database_url(tmp_path), tmp_path) as service,
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http,
    ):
        base = service.base
        bearer = {"Authorization": f"Bearer {ADMIN_TOKEN}"}

        async def post(url: str, body: bytes, headers: dict[str, str]) -> None:
            async with http.post(url, data=body, headers=headers) as response:
                await response.read()
                statuses[response.status] += 1

        async def get(url: str) -> None:
            async with http.get(url, headers=bearer) as response:
                await response.read()
                statuses[response.status] += 1

        for round_ in range(ROUNDS):
            calls = []
            for index in range(20):
                raw = viber_message(round_, index)
                calls.append(
                    post(
                        f"{base}/webhooks/viber",
                        raw,
                        {"X-Viber-Content-Signature": viber_sign(raw)},
                    )
                )
            for index in range(15):
                raw = event(round_, index)
                signed = {"X-Kesco-Signature": sign_event(EVENTS_SECRET, raw)}
                calls.append(post(f"{base}/api/v1/events", raw, signed))
            for index in range(8):
                notice = {
                    "id": f"parallel-{round_}-{index:04d}",
                    "kind": "outage",
                    "district": "DPR",
                    "areas": ["ulpiana"],
                    "confirm": True,
                }
                calls.append(
                    post(
                        f"{base}/api/v1/notices",
                        json.dumps(notice).encode(),
                        {**bearer, "Content-Type": "application/json"},
                    )
                )
            for _ in range(3):
                calls += [get(f"{base}/api/v1/notices"), get(f"{base}/api/v1/audit")]
            calls.append(get(f"{base}/api/v1/callbacks"))
            assert len(calls) == 50
            await asyncio.gather(*calls)
        assert service.alive
        print(dict(statuses))
        assert all(status < 500 for status in statuses), service.log_text()[-6000:]
        assert sum(statuses.values()) == 50 * ROUNDS
        log = service.log_text()
        assert "database is locked" not in log and "stayed locked" not in log, log[-5000:]
