"""The one aiohttp server: health, metrics, and the routes that channels and APIs add."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

from bot.web.guard import middlewares
from bot.web.health import HealthCheck, HealthMonitor


def build_web_app(
    routes: Iterable[web.RouteDef],
    health_checks: dict[str, HealthCheck] | HealthMonitor,
    registry: CollectorRegistry = REGISTRY,
    before_metrics: Sequence[Callable[[], Awaitable[None]]] = (),
) -> web.Application:
    """An application with ``/healthz`` (answered from checks run in the background, see
    :mod:`bot.web.health`), ``/metrics`` and the given routes. ``before_metrics`` run before each
    scrape (to read gauges such as the outbox depth from the database)."""
    app = web.Application(client_max_size=1024 * 1024, middlewares=middlewares())
    monitor = (
        health_checks if isinstance(health_checks, HealthMonitor) else HealthMonitor(health_checks)
    )
    monitor.attach(app)

    async def metrics(_request: web.Request) -> web.Response:
        for refresh in before_metrics:
            await refresh()
        response = web.Response(body=generate_latest(registry))
        response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
        return response

    app.router.add_get("/metrics", metrics)
    app.add_routes(list(routes))
    return app
