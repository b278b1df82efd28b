"""A fake account backend speaking the JSON API that ``services.backend.http`` expects."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

CUSTOMERS = {
    "DPR100001": {
        "code": "DPR100001",
        "district": "DPR",
        "area_id": "dardania",
        "full_name": "Arben Krasniqi",
        "address": "Rr. Agim Ramadani 12",
    },
}
BILLS = {
    "DPR100001": {
        "customer_code": "DPR100001",
        "period": "2026-10",
        "amount": "42.50",
        "currency": "EUR",
        "due_date": "2026-12-05",
        "paid": False,
    },
}


@dataclass
class FakeAccountBackend:
    """Serves customers and bills; ``fail_next`` answers that many requests with HTTP 503."""

    token: str = "backend-token"
    fail_next: int = 0
    delay: float = 0.0
    malformed: bool = False
    requests: list[tuple[str, str]] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/health", self._health)
        app.router.add_get("/customers/{code}", self._customer)
        app.router.add_get("/customers/{code}/bills/latest", self._bill)
        app.router.add_post("/customers/{code}/proof", self._proof)
        return app

    async def start(self) -> TestServer:
        server = TestServer(self.app(), host="127.0.0.1")
        await server.start_server()
        return server

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"error": "unauthorised"}, status=401)
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow backend, when a test asks for one
        if self.fail_next > 0:
            self.fail_next -= 1
            return web.json_response({"error": "maintenance"}, status=503)
        if self.malformed:
            return web.Response(text="<html>oops</html>", content_type="text/html")
        return await handler(request)

    async def _health(self, _request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def _customer(self, request: web.Request) -> web.Response:
        customer = CUSTOMERS.get(request.match_info["code"])
        return web.json_response(customer) if customer else web.json_response({}, status=404)

    async def _bill(self, request: web.Request) -> web.Response:
        bill = BILLS.get(request.match_info["code"])
        return web.json_response(bill) if bill else web.json_response({}, status=404)

    async def _proof(self, request: web.Request) -> web.Response:
        body = await request.json()
        bill = BILLS.get(request.match_info["code"])
        return web.json_response({"valid": bool(bill) and body.get("amount") == bill["amount"]})
