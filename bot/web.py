"""The one aiohttp server: health, metrics, and the routes that channels and APIs add."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

from bot.web_guard import middlewares

HealthCheck = Callable[[], Awaitable[bool]]


def build_web_app(
    routes: Iterable[web.RouteDef],
    health_checks: dict[str, HealthCheck],
    registry: CollectorRegistry = REGISTRY,
    before_metrics: Sequence[Callable[[], Awaitable[None]]] = (),
) -> web.Application:
    """An application with ``/healthz``, ``/metrics`` and the given routes. ``before_metrics``
    run before each scrape (to read gauges such as the outbox depth from the database)."""
    app = web.Application(client_max_size=1024 * 1024, middlewares=middlewares())

    async def healthz(_request: web.Request) -> web.Response:
        results = {name: await check() for name, check in health_checks.items()}
        healthy = all(results.values())
        body = {"status": "ok" if healthy else "degraded", "checks": results}
        return web.json_response(body, status=200 if healthy else 503)

    async def metrics(_request: web.Request) -> web.Response:
        for refresh in before_metrics:
            await refresh()
        response = web.Response(body=generate_latest(registry))
        response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
        return response

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    app.add_routes(list(routes))
    return app
