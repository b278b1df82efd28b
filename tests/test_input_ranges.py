"""No input can stall the event loop (issue 21): extreme dates and numbers (year 1, 1969-12-31,
9999-12-31, 10**100, 5000 digits, negative numbers, "NaN", "Infinity", digits that are not
ASCII) go to every endpoint and command of a running ``kesco-bot run`` that accepts a date or a
number: the events API, the staff API's bodies, query parameters and path numbers, the staff
page's forms, ``kesco-bot qr --valid-until``, and chat answers taking numbers (a bill's amount,
the staff notice's hours, button numbers). Each gets a clear 400 (or a refusal in words), never
a 5xx, and a watchdog shows ``/healthz`` answering within 1 s *during* each request.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest

from bot.web.events_api import sign as sign_event
from services.db import Database
from tests.conftest import database_url
from tests.support.alerts import add_chat, bill_issued, outage_started
from tests.support.service_process import (
    ADMIN_TOKEN,
    EVENTS_SECRET,
    ROOT,
    WEBHOOK_SECRET,
    Service,
    running_service,
    tracebacks,
)

pytestmark = pytest.mark.db
HEALTH_WITHIN = 1.0
CHAT = 7810001
HUGE = 10**100
DIGITS = "9" * 5000  # more than int() reads
DATES = ["0001-01-01", "1969-12-31", "1970-01-01", "9999-12-31", "-0001-01-01", "99999-01-01"]
TIMES = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+14:00",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-12:00",
]
WORDS = ["NaN", "Infinity", "-Infinity", "-1", str(HUGE), DIGITS, "1e999999", "²", "١٢٣"]
NUMBERS: list[Any] = [HUGE, -HUGE, -1, 1e308, -1e308, 0.5, *WORDS]
LOCAL_TIMES = ["0001-01-01T00:00", "1969-12-31T23:59", "9999-12-31T23:59", "99999-01-01T00:00"]


class Watchdog:
    """Probes ``/healthz`` over and over while a request is in flight; each answer must come
    within :data:`HEALTH_WITHIN` seconds (a stalled event loop answers none)."""

    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http = http
        self.url = f"{base}/healthz"
        self.worst = 0.0
        self.probes = 0

    async def _watch(self, done: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            async with asyncio.timeout(HEALTH_WITHIN), self.http.get(self.url) as response:
                await response.read()
                assert response.status in (200, 503)
            self.worst = max(self.worst, loop.time() - started)
            self.probes += 1
            if done.is_set():
                return
            await asyncio.sleep(0.02)

    async def during(self, request: Awaitable[Any]) -> Any:
        done = asyncio.Event()
        watcher = asyncio.create_task(self._watch(done))
        try:
            return await asyncio.wait_for(request, 15)
        finally:
            done.set()
            await watcher  # raises TimeoutError when /healthz did not answer in time


async def _send(
    http: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> tuple[int, str]:
    async with http.request(method, url, **kwargs) as response:
        return response.status, await response.text()


def _events(service: Service) -> list[tuple[str, dict[str, Any]]]:
    """(field, event) for every date, time and number field of the events, set to extremes."""
    started = outage_started(event_id="r-out", outage_id="OUT-r")
    bill = bill_issued()
    planned = {
        "id": "r-pw",
        "type": "planned_work.scheduled",
        "occurred_at": started["occurred_at"],
        "work_id": "PW-r",
        "district": "DPR",
        "areas": ["dardania"],
        "starts_at": "2030-12-01T08:00:00Z",
        "ends_at": "2030-12-01T12:00:00Z",
        "description": {"sq": "Punime", "en": "Works", "sr": "Радови"},
    }
    restored = {
        "id": "r-res",
        "type": "outage.restored",
        "occurred_at": started["occurred_at"],
        "outage_id": "OUT-r",
        "restored_at": started["occurred_at"],
    }
    payment = {
        "id": "r-pay",
        "type": "payment.received",
        "occurred_at": started["occurred_at"],
        "customer_code": "DPR100001",
        "amount": "42.50",
        "currency": "EUR",
    }
    cases: list[tuple[str, dict[str, Any]]] = []
    for event, fields in (
        (started, ["occurred_at", "started_at", "estimated_restore_at"]),
        (planned, ["starts_at", "ends_at"]),
        (restored, ["restored_at"]),
        (bill, ["due_date", "period", "amount"]),
        (payment, ["amount"]),
    ):
        for field in fields:
            values: list[Any] = [*TIMES, *NUMBERS] if field.endswith("_at") else []
            if field == "due_date":
                values = [*DATES, *NUMBERS]
            if field == "period":
                values = ["0001-01", "1969-12", "9999-12", "2026-13", *NUMBERS]
            if field == "amount":
                values = [*NUMBERS, "-42.50", "1e3", "0x2A"]
            for n, value in enumerate(values):
                cases.append((field, {**event, "id": f"{event['id']}-{field}-{n}", field: value}))
    return cases


NOTICE = {
    "kind": "outage",
    "district": "DPR",
    "areas": ["dardania"],
    "ends_at": "2030-01-01T12:00:00Z",
    "texts": {"sq": "a", "en": "b", "sr": "в"},
}


async def _check(
    watchdog: Watchdog,
    failures: list[str],
    label: str,
    send: Callable[[], Awaitable[tuple[int, str]]],
    allowed: tuple[int, ...] = (400,),
) -> None:
    status, text = await watchdog.during(send())
    if status not in allowed:
        failures.append(f"{label}: {status} {text[:200]}")


async def test_extreme_dates_and_numbers_are_refused_and_health_keeps_answering(
    tmp_path: Path, database: Database
) -> None:
    await add_chat(database, str(CHAT + 9), language="en", areas=["dardania"], codes=["DPR100001"])
    failures: list[str] = []
    async with (
        running_service(
            database_url(tmp_path),
            tmp_path,
            KESCO_LINK_SECRET="ranges-link-secret-0123456789abcdefghijk",
            KESCO_TELEGRAM_BOT_USERNAME="KescoBot",
        ) as service,
        aiohttp.ClientSession() as http,
    ):
        base = service.base
        watchdog = Watchdog(http, base)
        bearer = {"Authorization": f"Bearer {ADMIN_TOKEN}"}

        # the events API: every date, time and number field
        for field, event in _events(service):
            raw = json.dumps(event).encode()
            headers = {
                "Content-Type": "application/json",
                "X-Kesco-Signature": sign_event(EVENTS_SECRET, raw),
            }
            await _check(
                watchdog,
                failures,
                f"event {event['type']} {field}={str(event[field])[:30]}",
                lambda raw=raw, headers=headers: _send(
                    http, "POST", f"{base}/api/v1/events", data=raw, headers=headers
                ),
            )

        # the staff API: bodies
        status, text = await _send(
            http,
            "POST",
            f"{base}/api/v1/notices",
            json={**NOTICE, "id": "range-notice-0001"},
            headers=bearer,
        )
        assert status in (200, 201), text
        notice_id = json.loads(text)["notice"]["id"] if "notice" in text else "range-notice-0001"
        bodies: list[tuple[str, str, dict[str, Any]]] = []
        for value in [*TIMES, *NUMBERS]:
            for field in ("ends_at", "starts_at"):
                bodies.append(("/api/v1/notices", field, {**NOTICE, "id": "range-x", field: value}))
                bodies.append(("/api/v1/notices/preview", field, {**NOTICE, field: value}))
            bodies.append((f"/api/v1/notices/{notice_id}/update", "ends_at", {"ends_at": value}))
            bodies.append(
                (f"/api/v1/notices/{notice_id}/restore", "restored_at", {"restored_at": value})
            )
        for path, field, body in bodies:
            await _check(
                watchdog,
                failures,
                f"POST {path} {field}={str(body[field])[:30]}",
                lambda path=path, body=body: _send(
                    http, "POST", f"{base}{path}", json=body, headers=bearer
                ),
            )

        # the staff API: query parameters and numbers in the address
        queries = [
            "/api/v1/notices?limit={}",
            "/api/v1/callbacks?limit={}",
            "/api/v1/callbacks?since={}",
            "/api/v1/reports?since={}",
            "/api/v1/audit?limit={}",
            "/api/v1/audit?before={}",
            "/api/v1/faq/versions?limit={}",
            "/api/v1/faq/unanswered?limit={}",
            "/api/v1/links/DPR100001?valid_until={}",
        ]
        for template in queries:
            values = (
                [*DATES, *TIMES, *WORDS] if "since" in template or "valid" in template else WORDS
            )
            for value in values:
                url = base + template.format(quote(value, safe=""))
                await _check(
                    watchdog,
                    failures,
                    f"GET {template.format(value[:30])}",
                    lambda url=url: _send(http, "GET", url, headers=bearer),
                )
        for template in (
            "/api/v1/callbacks/{}/done",
            "/api/v1/faq/versions/{}/restore",
            "/api/v1/faq/unanswered/{}/dismiss",
            "/api/v1/faq/unanswered/{}/assign",
        ):
            for value in WORDS:
                url = base + template.format(quote(value, safe=""))
                await _check(
                    watchdog,
                    failures,
                    f"POST {template.format(value[:30])}",
                    lambda url=url: _send(http, "POST", url, json={}, headers=bearer),
                    (400, 404),
                )

        # the staff page's forms
        session, csrf = await service.staff_session(http)
        cookie = {"Cookie": f"kesco_staff={session}"}
        form = {
            "csrf": csrf,
            "kind": "outage",
            "district": "DPR",
            "areas": "dardania",
            "starts_at": "2030-01-01T10:00",
            "ends_at": "2030-01-01T14:00",
            "text_sq": "Defekt",
            "text_en": "Fault",
            "text_sr": "Квар",
            "when": "later",
            "publish_at": "2030-01-01T09:00",
        }
        for value in [*LOCAL_TIMES, *WORDS]:
            for field in ("starts_at", "ends_at", "publish_at"):
                for path in ("/staff/notices/preview", "/staff/notices"):
                    data = {**form, field: value, "confirm": "yes"}
                    await _check(
                        watchdog,
                        failures,
                        f"page {path} {field}={value[:30]}",
                        lambda path=path, data=data: _send(
                            http, "POST", f"{base}{path}", data=data, headers=cookie
                        ),
                    )
            for path, field in (
                (f"/staff/notices/{notice_id}/update", "ends_at"),
                (f"/staff/notices/{notice_id}/restore", "restored_at"),
            ):
                data = {"csrf": csrf, field: value, "confirm": "yes"}
                await _check(
                    watchdog,
                    failures,
                    f"page {path} {field}={value[:30]}",
                    lambda path=path, data=data: _send(
                        http, "POST", f"{base}{path}", data=data, headers=cookie
                    ),
                )
        for value in [*WORDS, *LOCAL_TIMES]:  # ignored where they only prefill a form
            for template in ("/staff/reports?hours={}", "/staff/notices/new?starts_at={}"):
                url = base + template.format(quote(value, safe=""))
                await _check(
                    watchdog,
                    failures,
                    f"page GET {template.format(value[:30])}",
                    lambda url=url: _send(http, "GET", url, headers=cookie),
                    (200,),
                )
            for template in ("/staff/callbacks/{}/done", "/staff/faq/versions/{}/restore"):
                url = base + template.format(quote(value, safe=""))
                await _check(
                    watchdog,
                    failures,
                    f"page POST {template.format(value[:30])}",
                    lambda url=url: _send(http, "POST", url, data={"csrf": csrf}, headers=cookie),
                    (400, 404),
                )

        # chat answers taking numbers: a bill's amount, numbers in button payloads
        telegram = service.telegram
        secret = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}

        async def say(update: dict[str, Any]) -> tuple[int, str]:
            return await _send(
                http, "POST", f"{base}/webhooks/telegram", json=update, headers=secret
            )

        await watchdog.during(say(telegram.message_update(CHAT, "/link DPR100001")))
        await telegram.wait_for(1, CHAT)
        # (Telegram's text ends at 4096 characters and button data at 64 bytes: longer ones
        # are refused by the webhook with 400, as tests/test_telegram_bad_updates.py shows)
        amounts = [*WORDS, "-42.50", "42.50e9999", "1e308", "٤٢٫٥٠", "42.50" + "0" * 4000]
        amounts[amounts.index(DIGITS)] = DIGITS[:4000]
        for amount in amounts:
            expected = len(telegram.sent(CHAT)) + 1
            status, text = await watchdog.during(say(telegram.message_update(CHAT, amount)))
            if status != 200:
                failures.append(f"chat amount {amount[:30]}: {status} {text[:100]}")
                continue
            [*_earlier, reply] = await telegram.wait_for(expected, CHAT)
            refusals = ("Please send only the amount", "That message is too long for me")
            if not reply["text"].startswith(refusals):
                failures.append(f"chat amount {amount[:30]}: {reply['text'][:120]}")
        for data in ("holder:ask:²", "holder:ask:" + DIGITS[:40], "share:x:١٢", "notice:eta:²"):
            status, _text = await watchdog.during(say(telegram.callback_update(CHAT, data)))
            if status != 200:
                failures.append(f"button {data[:30]}: {status}")

        assert service.alive
        problems = [line for line in tracebacks(service.log_text()) if "Error" in line]
        assert not problems, problems
    assert watchdog.probes > 500 and watchdog.worst < HEALTH_WITHIN
    assert not failures, "\n".join(failures[:60])


@pytest.mark.parametrize("value", [*DATES, "NaN", "Infinity", "-1", str(HUGE), DIGITS[:200]])
async def test_kesco_bot_qr_refuses_extreme_ends_at_once(tmp_path: Path, value: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KESCO_")}
    env |= {
        "KESCO_DATABASE_URL": database_url(tmp_path),
        "KESCO_LINK_SECRET": "ranges-link-secret-0123456789abcdefghijk",
        "KESCO_TELEGRAM_BOT_USERNAME": "KescoBot",
        "PYTHONPATH": str(ROOT),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "qr",
        "DPR100001",
        "--valid-until",
        value,
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _out, err = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 2
    assert b"--valid-until" in err
