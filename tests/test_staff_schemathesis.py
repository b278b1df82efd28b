"""Schemathesis against ``/api/v1/openapi.json`` of a running staff API (real alerts engine,
SQLite): valid and invalid requests to every operation, and never a server error (5xx)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from bot.web.events_api import EVENTS_PATH
from tests.support.schema_servers import ADMIN_TOKEN, ServerThread  # noqa: F401

EXAMPLES = 12


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerThread]:
    with ServerThread(f"sqlite+aiosqlite:///{tmp_path}/schemathesis.db") as running:
        yield running


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_error_on_any_operation(server: ServerThread, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if op.path != EVENTS_PATH]  # signed: its own test
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(
                base_url=server.url, headers=headers, checks=[not_a_server_error], timeout=10
            )

        check()
