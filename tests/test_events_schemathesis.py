"""Schemathesis against the events API's OpenAPI description (served in
``/api/v1/openapi.json``): generated events, valid and invalid, each signed as the account
backend signs them, to a running events API on the real alerts engine (SQLite). Never a server
error; every status and body as documented. Unsigned and wrongly signed requests: 401 and 403."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bot.events_api import EventsApi, sign
from bot.staff import StaffContext, staff_routes
from services.db import Database
from services.demo_seed import ensure_demo_customers
from services.staff.notices import NoticeDesk
from tests.test_staff_schemathesis import ADMIN_TOKEN, ServerThread

SECRET = "schemathesis-events-secret"
EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class EventsServer(ServerThread):
    """The events API and the staff routes (which serve the OpenAPI document)."""

    async def _start(self) -> None:
        from aiohttp import web

        self.database = Database(self.database_url)
        await self.database.upgrade()
        await ensure_demo_customers(self.database)
        context = StaffContext(self.database, NoticeDesk(self.database), ADMIN_TOKEN)
        app = web.Application()
        app.add_routes([*EventsApi(self.database, SECRET).routes(), *staff_routes(context)])
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EventsServer]:
    with EventsServer(f"sqlite+aiosqlite:///{tmp_path}/events.db") as running:
        yield running


def events_operation(server: EventsServer):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    return schema["/api/v1/events"]["POST"]


def send(server: EventsServer, case: schemathesis.Case, signature: str | None) -> requests.Response:
    raw = case.body
    body = raw if isinstance(raw, bytes) else json.dumps(raw).encode()
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Kesco-Signature"] = signature or sign(SECRET, body)
    return requests.post(server.url + "/api/v1/events", data=body, headers=headers, timeout=10)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_signed_events_get_documented_answers(server: EventsServer, mode: GenerationMode) -> None:
    operation = events_operation(server)
    seen: set[int] = set()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def check(case: schemathesis.Case) -> None:
        response = send(server, case, signature="")
        seen.add(response.status_code)
        case.validate_response(response, checks=CHECKS)

    check()
    assert seen <= {200, 400}
    if mode is GenerationMode.POSITIVE:
        assert 200 in seen
    else:
        assert 400 in seen


def test_unsigned_or_wrongly_signed_events_are_refused(server: EventsServer) -> None:
    operation = events_operation(server)
    statuses: list[tuple[int, int]] = []

    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    @settings(max_examples=10, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def check(case: schemathesis.Case) -> None:
        missing = send(server, case, signature=None)
        wrong = send(server, case, signature="sha256=" + "0" * 64)
        case.validate_response(missing, checks=CHECKS)
        case.validate_response(wrong, checks=CHECKS)
        statuses.append((missing.status_code, wrong.status_code))

    check()
    assert set(statuses) == {(401, 403)}


def test_the_document_describes_every_event_type(server: EventsServer) -> None:
    document = requests.get(server.url + "/api/v1/openapi.json", timeout=10).json()
    body = document["paths"]["/api/v1/events"]["post"]["requestBody"]["content"]
    mapping = body["application/json"]["schema"]["discriminator"]["mapping"]
    from services.alerts.events import EVENT_TYPES

    assert sorted(mapping) == sorted(EVENT_TYPES)
    assert document["components"]["securitySchemes"]["eventSignature"]["name"] == (
        "X-Kesco-Signature"
    )
    assert "/api/v1/notices" in document["paths"] and "/api/v1/links/{code}" in document["paths"]
