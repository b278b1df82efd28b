"""Schemathesis against the events API as the OpenAPI document describes it: every generated
body, valid or not, is signed like the account backend signs it, so the events engine itself is
exercised; never a server error (5xx), and valid events are answered as documented."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet

from bot.web.events_api import EVENTS_PATH, sign
from tests.conftest import database_url
from tests.support.schema_servers import EVENTS_SECRET, ServerThread

pytestmark = pytest.mark.db
EXAMPLES = 150


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerThread]:
    with ServerThread(database_url(tmp_path)) as running:
        yield running


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_signed_events_never_get_a_server_error(server: ServerThread, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    [operation] = [
        result.ok() for result in schema.get_all_operations() if result.ok().path == EVENTS_PATH
    ]
    statuses: dict[int, int] = {}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case: schemathesis.Case) -> None:
        body = case.body
        if isinstance(body, NotSet):
            raw = b""
        elif isinstance(body, bytes):  # negative mode sends some bodies as raw bytes
            raw = body
        else:
            raw = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Kesco-Signature": sign(EVENTS_SECRET, raw),
        }
        response = case.call(base_url=server.url, headers=headers, data=raw, timeout=10)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code == 200:
            assert response.json()["status"] in ("applied", "duplicate", "ignored", "recorded")

    check()
    print(mode, statuses)
    assert sum(statuses.values()) >= EXAMPLES // 2
    if mode is GenerationMode.POSITIVE:
        assert statuses.get(200, 0) > 0  # some generated events were valid and were applied
    assert all(status < 500 for status in statuses)


def test_the_document_describes_every_event_type() -> None:
    from bot.staff_web.openapi.document import openapi_document
    from services.alerts.events import EVENT_TYPES

    document = openapi_document()
    schemas = document["components"]["schemas"]
    described = {
        schemas[ref["$ref"].rsplit("/", 1)[1]]["properties"]["type"]["enum"][0]
        for ref in document["paths"][EVENTS_PATH]["post"]["requestBody"]["content"][
            "application/json"
        ]["schema"]["oneOf"]
    }
    assert described == set(EVENT_TYPES)
    assert document["paths"][EVENTS_PATH]["post"]["security"] == [{"eventsSignature": []}]
