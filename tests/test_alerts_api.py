"""``POST /api/v1/events``: signature, validation (400 naming the field), idempotency."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.web.events_api import EventsApi, sign
from bot.web.server import build_web_app
from services import alerts
from services.alerts import EventRejected
from services.alerts.events import parse_event
from services.db import Database
from services.db.alert_models import AlertEvent
from tests.support.alerts import NOON, add_chat, bill_issued, outage_started, stamp

pytestmark = pytest.mark.db
SECRET = "test-events-secret"


async def client_for(database: Database, secret: str | None) -> TestClient:
    app = build_web_app(EventsApi(database, secret).routes(), {})
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


@pytest.fixture
async def client(database: Database) -> AsyncIterator[TestClient]:
    client = await client_for(database, SECRET)
    yield client
    await client.close()


async def post(client: TestClient, event: Any, signature: str | None = "sign") -> tuple[int, Any]:
    body = event if isinstance(event, bytes) else json.dumps(event).encode()
    headers = {"Content-Type": "application/json"}
    if signature == "sign":
        headers["X-Kesco-Signature"] = sign(SECRET, body)
    elif signature is not None:
        headers["X-Kesco-Signature"] = signature
    response = await client.post("/api/v1/events", data=body, headers=headers)
    return response.status, await response.json()


async def stored_events(database: Database) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(AlertEvent)) or 0)


async def test_signature_is_required_and_checked(client: TestClient, database: Database) -> None:
    event = outage_started()
    assert (await post(client, event, None))[0] == 401
    assert (await post(client, event, "sha256=" + "0" * 64))[0] == 403
    assert (await post(client, event, sign("another secret", b"{}")))[0] == 403
    assert await stored_events(database) == 0
    status, body = await post(client, event)
    assert (status, body["status"]) == (200, "applied")
    status, body = await post(client, event)
    assert (status, body["status"]) == (200, "duplicate")
    assert await stored_events(database) == 1


async def test_without_a_secret_the_api_is_closed(database: Database) -> None:
    client = await client_for(database, None)
    try:
        assert (await post(client, outage_started()))[0] == 503
    finally:
        await client.close()
    assert await stored_events(database) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": ""}, "id"),
        ({"type": "outage.exploded"}, "type"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": "2026-11-20T12:00:00"}, "occurred_at"),
        ({"district": "DXX"}, "district"),
        ({"areas": ["atlantis"]}, "areas"),
        ({"areas": ["qendra"]}, "areas"),
        ({"areas": []}, "areas"),
        ({"outage_id": None}, "outage_id"),
        ({"reason": {"de": "Fehler"}}, "reason"),
        ({"estimated_restore_at": 5}, "estimated_restore_at"),
    ],
)
async def test_malformed_outage_gets_400_naming_the_field(
    client: TestClient, database: Database, change: dict[str, Any], field: str
) -> None:
    status, body = await post(client, {**outage_started(), **change})
    assert status == 400
    assert body["field"] == field and body["error"]
    assert await stored_events(database) == 0


async def test_not_json_and_bad_bill_fields(client: TestClient) -> None:
    assert await post(client, b"{nope") == (400, {"error": "the body is not JSON", "field": "body"})
    assert (await post(client, [1, 2]))[1]["field"] == "body"
    for change, field in [
        ({"amount": "42,50"}, "amount"),
        ({"currency": "USD"}, "currency"),
        ({"customer_code": "XYZ1"}, "customer_code"),
        ({"period": "2026-13"}, "period"),
        ({"due_date": "05.12.2026"}, "due_date"),
    ]:
        assert (await post(client, {**bill_issued(), **change}))[1]["field"] == field


async def test_unknown_customer_is_recorded_and_stale_update_ignored(
    client: TestClient, database: Database
) -> None:
    await add_chat(database, "1", codes=["DPR100001"])
    status, body = await post(client, bill_issued(code="DMI123456"))
    assert (status, body) == (200, {"id": "evt-b1", "status": "recorded", "recipients": 0})
    # answered once stored: the fan-out runs afterwards, so the count is not known yet
    assert (await post(client, outage_started()))[1] == {
        "id": "evt-o1",
        "status": "applied",
        "recipients": None,
    }
    assert await alerts.run_pending(database) == 1
    assert (await post(client, outage_started()))[1] == {
        "id": "evt-o1",
        "status": "duplicate",
        "recipients": 1,
    }
    newer = {
        "id": "u2",
        "type": "outage.updated",
        "outage_id": "OUT-1",
        "occurred_at": stamp(NOON + timedelta(hours=1)),
        "reason": {"en": "Storm"},
    }
    older = {**newer, "id": "u1", "occurred_at": stamp(NOON + timedelta(minutes=30))}
    assert (await post(client, newer))[1]["status"] == "applied"
    assert await post(client, older) == (200, {"id": "u1", "status": "ignored", "recipients": 0})


def test_parse_event_reads_typed_values() -> None:
    event = parse_event({**bill_issued(), "customer_code": "dpr 100-001", "extra": "kept out"})
    assert event.fields["customer_code"] == "DPR100001"
    assert str(event.fields["amount"]) == "42.50"
    assert event.subject == "customer:DPR100001"
    with pytest.raises(EventRejected) as error:
        parse_event({**outage_started(), "started_at": None})
    assert error.value.field == "started_at" and "required" in str(error.value)
