"""The demo agrees with itself (issue 22): a bill or a payment posted to the events API of the
embedded demo becomes what *My bill*, *Pay* and the proof read, so the alert and the bill agree."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.web.events_api import EventsApi, sign
from bot.web.server import build_web_app
from services.backend.demo import DemoBackend
from services.backend.demo_events import demo_learner
from services.backend.http import HttpBackend
from services.db import Database
from tests.fakes.chat import FakeChat
from tests.support.alerts import NOON, stamp

pytestmark = pytest.mark.db
SECRET = "test-events-secret-of-thirty-two-bytes"
PERIOD = "2030-01"  # after any bill the demo seeds (last month)


def bill(amount: str, *, event_id: str = "evt-demo-b1", code: str = "DPR100001") -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "bill.issued",
        "occurred_at": stamp(NOON),
        "customer_code": code,
        "amount": amount,
        "currency": "EUR",
        "period": PERIOD,
        "due_date": "2030-02-15",
    }


def payment(amount: str, event_id: str) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "payment.received",
        "occurred_at": stamp(NOON),
        "customer_code": "DPR100001",
        "amount": amount,
        "currency": "EUR",
    }


@pytest.fixture
async def client(demo_database: Database) -> AsyncIterator[TestClient]:
    learn = demo_learner(DemoBackend(demo_database))
    app = build_web_app(EventsApi(demo_database, SECRET, learn=learn).routes(), {})
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


async def post(client: TestClient, event: dict[str, Any]) -> str:
    body = json.dumps(event).encode()
    headers = {"Content-Type": "application/json", "X-Kesco-Signature": sign(SECRET, body)}
    response = await client.post("/api/v1/events", data=body, headers=headers)
    assert response.status == 200, await response.text()
    return str((await response.json())["status"])


async def test_an_announced_bill_is_the_bill_shown_and_proved(
    client: TestClient, demo_database: Database, chat: FakeChat
) -> None:
    backend = DemoBackend(demo_database)
    await post(client, bill("57.30"))
    latest = await backend.latest_bill("DPR100001")
    assert latest is not None
    assert (latest.period, latest.amount, latest.paid) == (PERIOD, Decimal("57.30"), False)
    assert await backend.verify_proof("DPR100001", Decimal("57.30"))
    assert not await backend.verify_proof("DPR100001", Decimal("42.50"))

    await chat.say("/link DPR100001")
    await chat.say("57.30")
    await chat.say("/bill")
    assert "57" in chat.text and "30" in chat.text and "42" not in chat.text


async def test_a_repeated_event_changes_nothing_and_a_correction_replaces(
    client: TestClient, demo_database: Database
) -> None:
    backend = DemoBackend(demo_database)
    await post(client, bill("57.30"))
    assert await post(client, bill("99.99")) == "duplicate"  # same id: not learnt again
    assert (await backend.latest_bill("DPR100001")).amount == Decimal("57.30")  # type: ignore[union-attr]
    await post(client, bill("61.00", event_id="evt-demo-b2"))  # same period, a new event
    assert (await backend.latest_bill("DPR100001")).amount == Decimal("61.00")  # type: ignore[union-attr]


async def test_a_payment_that_covers_the_bill_pays_it(
    client: TestClient, demo_database: Database
) -> None:
    backend = DemoBackend(demo_database)
    await post(client, bill("57.30"))
    await post(client, payment("20.00", "evt-demo-p1"))
    assert not (await backend.latest_bill("DPR100001")).paid  # type: ignore[union-attr]
    await post(client, payment("57.30", "evt-demo-p2"))
    assert (await backend.latest_bill("DPR100001")).paid  # type: ignore[union-attr]


async def test_a_code_the_demo_does_not_know_is_left_alone(
    client: TestClient, demo_database: Database
) -> None:
    backend = DemoBackend(demo_database)
    assert await post(client, bill("12.00", code="DPR999999")) in {"recorded", "applied"}
    assert await backend.latest_bill("DPR999999") is None


def test_a_real_backend_learns_nothing() -> None:
    assert demo_learner(HttpBackend("http://127.0.0.1:9", None)) is None
