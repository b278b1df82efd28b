"""Health for load balancers: checks run in the background, ``/healthz`` answers from their
last results at once.

Each dependency (the database, the account backend, every channel) is checked on its own
schedule, with a timeout, so a hanging one cannot slow the answer or the other checks.
``/healthz`` fails (503) only when this instance cannot serve: its database does not answer
(or has not been checked for a while). The backend and the channels are reported in the body
and in ``kesco_dependency_up``, never as a failure: while Telegram or the account backend is
away, chat and alerts still work (and are retried), and a load balancer must not take every
instance out because of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from prometheus_client import Gauge

from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
HealthCheck = Callable[[], Awaitable[bool]]
ESSENTIAL = ("database",)
INTERVAL = 5.0
TIMEOUT = 2.0

DEPENDENCY_UP = Gauge(
    "kesco_dependency_up",
    "1 when the dependency answered its last health check, 0 otherwise",
    ["dependency"],
)
DEPENDENCY_CHECK_SECONDS = Gauge(
    "kesco_dependency_check_seconds", "How long the last health check took", ["dependency"]
)


@dataclass(frozen=True)
class CheckResult:
    """The last answer of one dependency."""

    ok: bool
    at: float
    seconds: float
    error: str | None = None


class HealthMonitor:
    """Checks ``checks`` every ``interval`` seconds in the background (each within ``timeout``
    seconds) and answers ``/healthz`` from the results. ``essential`` names the checks whose
    failure means this instance cannot serve; ``details`` adds sections to the body (the
    delivery of each channel, :mod:`bot.delivery.health`)."""

    def __init__(
        self,
        checks: Mapping[str, HealthCheck],
        *,
        essential: tuple[str, ...] = ESSENTIAL,
        interval: float = INTERVAL,
        timeout: float = TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
        details: dict[str, Callable[[], dict[str, Any]]] | None = None,
    ) -> None:
        self.checks = dict(checks)
        self.details = dict(details or {})
        self.essential = tuple(name for name in essential if name in self.checks)
        self.interval = interval
        self.timeout = timeout
        self.results: dict[str, CheckResult] = {}
        self._clock = clock
        self._tasks: list[asyncio.Task[None]] = []
        self._quiet = QuietLog(log)

    @property
    def stale_after(self) -> float:
        """An essential result older than this counts as a failure (its checker is stuck)."""
        return 3 * self.interval + self.timeout

    async def check(self, name: str) -> CheckResult:
        """Run one check now (within the timeout) and keep its result."""
        started = self._clock()
        error: str | None = None
        try:
            async with asyncio.timeout(self.timeout):
                ok = bool(await self.checks[name]())
        except TimeoutError:
            ok, error = False, f"no answer within {self.timeout:g} s"
        except Exception as failure:  # noqa: BLE001 - a check reports, never raises
            ok, error = False, f"{type(failure).__name__}: {failure}"[:200]
        seconds = self._clock() - started
        result = CheckResult(ok, self._clock(), seconds, error)
        self.results[name] = result
        DEPENDENCY_UP.labels(name).set(1 if ok else 0)
        DEPENDENCY_CHECK_SECONDS.labels(name).set(seconds)
        if ok:
            self._quiet.recovered(name, "health: %s answers again", name)
        else:
            self._quiet.failure(name, "health: %s does not answer (%s)", name, error or "down")
        return result

    async def start(self, _app: web.Application | None = None) -> None:
        """Start the checkers; wait (at most the timeout) for the essential first results."""
        if self._tasks:
            return
        self._tasks = [asyncio.create_task(self._loop(name)) for name in self.checks]
        deadline = self._clock() + self.timeout + 0.5
        while any(name not in self.results for name in self.essential):
            if self._clock() > deadline:
                break
            await asyncio.sleep(0.01)

    async def refresh(self) -> None:
        """Run every check once now, side by side (each within the timeout)."""
        await asyncio.gather(*(self.check(name) for name in self.checks))

    async def stop(self, _app: web.Application | None = None) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    async def _loop(self, name: str) -> None:
        while True:
            await self.check(name)
            await asyncio.sleep(self.interval)

    def report(self) -> tuple[bool, dict[str, Any]]:
        """Whether this instance can serve, and the body of ``/healthz``."""
        now = self._clock()
        details: dict[str, Any] = {}
        for name in self.checks:
            result = self.results.get(name)
            if result is None:
                details[name] = {"ok": False, "error": "not checked yet"}
                continue
            details[name] = {
                "ok": result.ok,
                "age_seconds": round(now - result.at, 1),
                "latency_ms": round(result.seconds * 1000, 1),
                **({"error": result.error} if result.error else {}),
            }
        serving = all(
            (result := self.results.get(name)) is not None
            and result.ok
            and now - result.at <= self.stale_after
            for name in self.essential
        )
        everything = serving and all(detail["ok"] for detail in details.values())
        status = "ok" if everything else "degraded" if serving else "unavailable"
        checks = {name: detail["ok"] for name, detail in details.items()}
        body = {"status": status, "checks": checks, "details": details}
        for name, describe in self.details.items():
            body[name] = describe()
        return serving, body

    async def healthz(self, _request: web.Request) -> web.Response:
        """``GET /healthz``: 200 while the database answers, 503 otherwise; never waits."""
        serving, body = self.report()
        return web.json_response(body, status=200 if serving else 503)

    def attach(self, app: web.Application) -> None:
        """Serve ``/healthz`` on ``app`` and run the checkers while it runs."""
        app.router.add_get("/healthz", self.healthz)
        app.on_startup.append(self.start)
        app.on_cleanup.append(self.stop)
