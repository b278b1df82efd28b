"""``/healthz`` for load balancers: fast whatever the dependencies do, failing only when this
instance cannot serve (its database); the backend and channels reported, in metrics too."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from prometheus_client import REGISTRY

from bot.web.health import HealthMonitor
from bot.web.server import build_web_app
from services.backend.http import HttpBackend
from services.db import Database
from tests.support.waiting import wait_until


class Switch:
    """A check whose answer the test sets: up, down, hanging or raising."""

    def __init__(self, state: str = "up") -> None:
        self.state = state
        self.calls = 0

    async def __call__(self) -> bool:
        self.calls += 1
        if self.state == "hang":
            await asyncio.sleep(3600)  # a dependency that never answers: what is tested
        if self.state == "raise":
            raise ConnectionResetError("reset by peer")
        return self.state == "up"


async def serve(monitor: HealthMonitor) -> TestServer:
    server = TestServer(build_web_app([], monitor), host="127.0.0.1")
    await server.start_server()
    return server


async def healthz(server: TestServer) -> tuple[int, dict, float]:
    async with aiohttp.ClientSession() as http:
        started = time.perf_counter()
        async with http.get(server.make_url("/healthz")) as response:
            body = await response.json()
        return response.status, body, time.perf_counter() - started


async def reported(server: TestServer, status: str, error: str = "") -> bool:
    """Whether /healthz says ``status`` now, and the backend's ``error`` when one is given (the
    monitor checks in the background)."""
    body = (await healthz(server))[1]
    backend_error = body["details"].get("backend", {}).get("error", "")
    return body["status"] == status and error in backend_error


@pytest.fixture
async def switches() -> AsyncIterator[dict[str, Switch]]:
    yield {"database": Switch(), "backend": Switch(), "telegram": Switch(), "viber": Switch()}


async def test_a_hanging_backend_is_reported_not_waited_for(switches: dict[str, Switch]) -> None:
    switches["backend"].state = "hang"
    switches["viber"].state = "raise"
    monitor = HealthMonitor(switches, interval=0.2, timeout=0.5)
    server = await serve(monitor)
    try:
        await wait_until(
            lambda: reported(server, "degraded", "no answer"), what="the hang reported"
        )
        for _ in range(20):
            status, body, seconds = await healthz(server)
            assert seconds < 0.25, seconds  # waiting for the hung check would take 0.5 s
            assert status == 200
        assert body["status"] == "degraded"
        assert body["checks"] == {
            "database": True,
            "backend": False,
            "telegram": True,
            "viber": False,
        }
        assert "no answer within 0.5 s" in body["details"]["backend"]["error"]
        assert "ConnectionResetError" in body["details"]["viber"]["error"]
        assert REGISTRY.get_sample_value("kesco_dependency_up", {"dependency": "backend"}) == 0
        assert REGISTRY.get_sample_value("kesco_dependency_up", {"dependency": "database"}) == 1
        switches["backend"].state = "up"
        switches["viber"].state = "up"
        await wait_until(lambda: reported(server, "ok"), what="the recovered checks reported")
    finally:
        await server.close()


async def test_only_the_database_makes_it_fail(switches: dict[str, Switch]) -> None:
    monitor = HealthMonitor(switches, interval=0.1, timeout=0.6)
    server = await serve(monitor)
    try:
        assert (await healthz(server))[0] == 200
        switches["database"].state = "hang"
        await wait_until(lambda: reported(server, "unavailable"), what="the database down")
        status, body, seconds = await healthz(server)
        # never waits: the hung check's timeout (0.6 s) is not spent in the request
        assert (status, body["status"], seconds < 0.25) == (503, "unavailable", True)
        switches["database"].state = "up"
        await wait_until(lambda: reported(server, "ok"), what="the database up again")
        assert (await healthz(server))[0] == 200
    finally:
        await server.close()
    assert all(switch.calls > 1 for switch in switches.values())


async def test_a_stuck_checker_counts_as_down() -> None:
    now = [100.0]
    monitor = HealthMonitor({"database": Switch()}, interval=5, timeout=2, clock=lambda: now[0])
    await monitor.check("database")
    assert monitor.report()[0]
    now[0] += monitor.stale_after + 1
    assert not monitor.report()[0]


async def test_the_real_checks_of_a_dead_backend_and_database(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/h.db")
    backend = HttpBackend("http://127.0.0.1:9", None, timeout=0.2)
    dead = Database("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    try:
        monitor = HealthMonitor({"database": database.ping, "backend": backend.ping})
        await monitor.refresh()
        serving, body = monitor.report()
        assert serving and body["checks"] == {"database": True, "backend": False}
        monitor = HealthMonitor({"database": dead.ping}, timeout=1)
        await monitor.refresh()
        assert not monitor.report()[0]
    finally:
        await backend.close()
        await database.dispose()
        await dead.dispose()
