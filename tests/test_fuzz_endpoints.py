"""Thousands of generated malformed bodies (a fixed seed) to every endpoint of a running
``kesco-bot run``: never a 5xx, the process alive, and a normal conversation afterwards.

``KESCO_FUZZ_BODIES`` sets how many bodies each endpoint gets (10,000 by default). Runs on
SQLite, and on PostgreSQL with ``KESCO_TEST_DATABASE_URL`` (marker ``db``).
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.web.events_api import sign as sign_event
from services.db import Database
from tests.conftest import database_url
from tests.support.alerts import add_chat, bill_issued, outage_started
from tests.support.fuzz_bodies import malformed_forms, malformed_json, viber_seeds, viber_sign  # noqa: F401
from tests.support.service_process import (
    ADMIN_TOKEN,
    EVENTS_SECRET,
    WEBHOOK_SECRET,
    Service,
    running_service,
    tracebacks,
)

pytestmark = pytest.mark.db
BODIES = int(os.environ.get("KESCO_FUZZ_BODIES", "10000"))
SEED = 20261120
IN_FLIGHT = 8
CHAT = 7700001


def telegram_seeds(service: Service) -> list[dict[str, Any]]:
    api = service.telegram
    text = api.message_update(CHAT, "/link DPR100001")
    press = api.message_update(CHAT + 1, "hi")
    press = {
        "update_id": press["update_id"] + 1,
        "callback_query": {
            "id": "4382bfdwdsb323b2d9",
            "from": press["message"]["from"],
            "message": press["message"],
            "chat_instance": "-8837412",
            "data": "cmd:bill",
        },
    }
    blocked = {
        "update_id": text["update_id"] + 7,
        "my_chat_member": {
            "chat": text["message"]["chat"],
            "from": text["message"]["from"],
            "date": 1,
            "old_chat_member": {"status": "member", "user": text["message"]["from"]},
            "new_chat_member": {
                "status": "kicked",
                "user": text["message"]["from"],
                "until_date": 0,
            },
        },
    }
    return [
        text,
        api.message_update(CHAT + 2, "42.50"),
        api.message_update(-100123, "/bill@KescoTestBot", chat_type="supergroup"),
        api.media_update(CHAT + 3, "sticker"),
        api.media_update(CHAT + 4, "text", edited=True),
        press,
        blocked,
    ]


def event_seeds() -> list[dict[str, Any]]:
    started = outage_started()
    return [
        started,
        bill_issued(),
        {
            "id": "e-pay",
            "type": "payment.received",
            "occurred_at": started["occurred_at"],
            "customer_code": "DPR100001",
            "amount": "42.50",
            "currency": "EUR",
        },
        {
            "id": "e-upd",
            "type": "outage.updated",
            "occurred_at": started["occurred_at"],
            "outage_id": "OUT-1",
            "areas": ["dardania"],
            "reason": {"sq": "Defekt", "en": "Fault"},
        },
        {
            "id": "e-res",
            "type": "outage.restored",
            "occurred_at": started["occurred_at"],
            "outage_id": "OUT-1",
            "restored_at": started["occurred_at"],
        },
        {
            "id": "e-pw",
            "type": "planned_work.scheduled",
            "occurred_at": started["occurred_at"],
            "work_id": "PW-1",
            "district": "DPR",
            "areas": ["dardania"],
            "starts_at": "2026-12-01T08:00:00Z",
            "ends_at": "2026-12-01T12:00:00Z",
            "description": {"sq": "Punime", "en": "Works", "sr": "Радови"},
        },
        {
            "id": "e-pwc",
            "type": "planned_work.cancelled",
            "occurred_at": started["occurred_at"],
            "work_id": "PW-1",
        },
    ]


NOTICE = {
    "kind": "outage",
    "district": "DPR",
    "areas": ["dardania"],
    "ends_at": "2030-01-01T12:00:00Z",
    "texts": {"sq": "a", "en": "b", "sr": "в"},
}
STAFF_API = [
    ("/api/v1/notices", {**NOTICE, "id": "fuzz-notice-0001"}),
    ("/api/v1/notices/preview", NOTICE),
    (
        "/api/v1/staff",
        {
            "username": "drita",
            "role": "operator",
            "districts": ["DPR"],
            "password": "correct horse battery",
        },
    ),
    ("/api/v1/callbacks/1/done", {}),
    ("/api/v1/notices/fuzz-notice-0001/cancel", {}),
    ("/api/v1/notices/fuzz-notice-0001/stop", {}),
    ("/api/v1/staff/drita/password", {"password": "another long passphrase"}),
    ("/api/v1/staff/drita/enable", {}),
]


def page_seeds(csrf: str) -> list[tuple[str, dict[str, Any]]]:
    notice = {
        "csrf": csrf,
        "id": "0123456789abcdef",
        "kind": "outage",
        "district": "DPR",
        "areas": ["dardania", "ulpiana"],
        "starts_at": "2026-11-20T10:00",
        "ends_at": "2026-11-20T14:00",
        "text_sq": "Defekt",
        "text_en": "Fault",
        "text_sr": "Квар",
        "when": "now",
        "publish_at": "",
    }
    return [
        ("/staff/notices/preview", notice),
        ("/staff/notices", {**notice, "confirm": "yes"}),
        ("/staff/notices/edit", notice),
        (
            "/staff/team",
            {
                "csrf": csrf,
                "username": "besa",
                "role": "operator",
                "districts": ["DPR"],
                "password": "correct horse battery",
            },
        ),
        ("/staff/login", {"username": "admin", "password": "wrong", "login_csrf": "x"}),
        ("/staff/notices/0123456789abcdef/cancel", {"csrf": csrf}),
        ("/staff/account/chat-code", {"csrf": csrf}),
        ("/staff/team/besa/password", {"csrf": csrf, "password": "another long passphrase"}),
        ("/staff/team/besa/disable", {"csrf": csrf}),
    ]


async def fire(
    http: aiohttp.ClientSession,
    requests: Iterator[tuple[str, bytes, dict[str, str]]],
    statuses: collections.Counter[int],
    failures: list[str],
) -> None:
    """Send every request, ``IN_FLIGHT`` at a time, counting the statuses."""
    semaphore = asyncio.Semaphore(IN_FLIGHT)

    async def one(url: str, body: bytes, headers: dict[str, str]) -> None:
        try:
            async with semaphore, http.post(url, data=body, headers=headers) as response:
                await response.read()
                status = response.status
        except aiohttp.ClientError as error:  # the server hung up: as bad as a 5xx
            status = 0
            if len(failures) < 20:
                failures.append(f"{type(error).__name__} {url} {body[:300]!r}")
        statuses[status] += 1
        if status >= 500 and len(failures) < 20:
            failures.append(f"{status} {url} {body[:300]!r}")

    pending: set[asyncio.Task[None]] = set()
    try:
        for url, body, headers in requests:
            pending.add(asyncio.create_task(one(url, body, headers)))
            if len(pending) >= 4 * IN_FLIGHT:
                _done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        if pending:
            await asyncio.gather(*pending)
    finally:
        for task in pending:
            task.cancel()


@pytest.mark.slow  # 10,000 bodies
async def test_malformed_bodies_never_get_a_5xx(tmp_path: Path, database: Database) -> None:
    await add_chat(database, str(CHAT + 9), language="en", areas=["dardania"], codes=["DPR100001"])
    async with (
        running_service(database_url(tmp_path), tmp_path) as service,
        aiohttp.ClientSession() as http,
    ):
        base = service.base
        session, csrf = await service.staff_session(http)
        json_type = {"Content-Type": "application/json"}
        endpoints: dict[str, Iterator[tuple[str, bytes, dict[str, str]]]] = {
            "telegram": (
                (
                    f"{base}/webhooks/telegram",
                    body,
                    {**json_type, "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
                )
                for _i, body in malformed_json(telegram_seeds(service), BODIES, SEED)
            ),
            "viber": (
                (
                    f"{base}/webhooks/viber",
                    body,
                    {**json_type, "X-Viber-Content-Signature": viber_sign(body)},
                )
                for _i, body in malformed_json(viber_seeds(), BODIES, SEED + 1)
            ),
            "events": (
                (
                    f"{base}/api/v1/events",
                    body,
                    {**json_type, "X-Kesco-Signature": sign_event(EVENTS_SECRET, body)},
                )
                for _i, body in malformed_json(event_seeds(), BODIES, SEED + 2)
            ),
            "staff API": (
                (
                    f"{base}{STAFF_API[i][0]}",
                    body,
                    {**json_type, "Authorization": f"Bearer {ADMIN_TOKEN}"},
                )
                for i, body in malformed_json([b for _p, b in STAFF_API], BODIES, SEED + 3)
            ),
            "staff page": (
                (
                    f"{base}{page_seeds(csrf)[i][0]}",
                    body,
                    {"Content-Type": kind, "Cookie": f"kesco_staff={session}"},
                )
                for i, body, kind in malformed_forms(
                    [f for _p, f in page_seeds(csrf)], BODIES, SEED + 4
                )
            ),
        }
        report: dict[str, collections.Counter[int]] = {}
        failures: list[str] = []
        for name, requests in endpoints.items():
            report[name] = collections.Counter()
            await fire(http, requests, report[name], failures)
        print({name: dict(sorted(counts.items())) for name, counts in report.items()})
        for name, counts in report.items():
            assert sum(counts.values()) == BODIES, name
        assert failures == [], failures
        assert service.alive
        await normal_conversation(service, http)
        log = service.log_text()
        assert "the database refused a value" not in log
        assert " failed" not in "\n".join(
            line for line in log.splitlines() if "bot.web.guard" in line
        )
        assert tracebacks(log) == []


async def normal_conversation(service: Service, http: aiohttp.ClientSession) -> None:
    """After the storm: Telegram links a code, Viber answers, an event and the staff API work."""
    api, chat = service.telegram, 7799001
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    for step, text in enumerate(("/start", "/link DPR100001", "42.50"), start=1):
        update = api.message_update(chat, text)
        async with http.post(
            f"{service.base}/webhooks/telegram", json=update, headers=headers
        ) as response:
            assert response.status == 200
        await api.wait_for(step, chat, timeout=20)  # one message a step
    assert "DPR100001" in api.sent(chat)[-1]["text"] and "linked" in api.sent(chat)[-1]["text"]
    viber = dict(viber_seeds()[0], message_token=9100000000000000001)
    viber["sender"] = dict(viber["sender"], id="Tm9ybWFsVmliZXJVc2VyMQ==")
    raw = json.dumps(viber).encode()
    async with http.post(
        f"{service.base}/webhooks/viber",
        data=raw,
        headers={"X-Viber-Content-Signature": viber_sign(raw)},
    ) as response:
        assert response.status == 200
    assert service.viber.texts_to("Tm9ybWFsVmliZXJVc2VyMQ==")
    event = outage_started(event_id="after-the-storm", outage_id="OUT-AFTER")
    raw = json.dumps(event).encode()
    async with http.post(
        f"{service.base}/api/v1/events",
        data=raw,
        headers={"X-Kesco-Signature": sign_event(EVENTS_SECRET, raw)},
    ) as response:
        assert response.status == 200 and (await response.json())["status"] == "applied"
    bearer = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with http.get(f"{service.base}/api/v1/notices", headers=bearer) as response:
        assert response.status == 200
    async with http.get(f"{service.base}/healthz") as response:
        assert response.status == 200
