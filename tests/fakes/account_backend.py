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
    """Serves customers and bills; ``fail_next`` answers that many requests with HTTP 503.

    ``history`` (bills by code, as the API answers them) and ``documents`` (PDF bytes by code
    and period) serve the bill history of issue 24; left ``None``, the fake is a backend of
    the older contract, whose router answers 404 to those paths, or ``not_implemented`` to
    them when set (e.g. 501)."""

    token: str = "backend-token"
    fail_next: int = 0
    delay: float = 0.0
    malformed: bool = False
    requests: list[tuple[str, str]] = field(default_factory=list)
    history: dict[str, list[Any]] | None = None
    documents: dict[tuple[str, str], bytes] | None = None
    not_implemented: int | None = None

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/health", self._health)
        app.router.add_get("/customers/{code}", self._customer)
        app.router.add_get("/customers/{code}/bills/latest", self._bill)
        app.router.add_post("/customers/{code}/proof", self._proof)
        if self.not_implemented is not None:
            app.router.add_get("/customers/{code}/bills", self._not_implemented)
            app.router.add_get("/customers/{code}/bills/{period}/document", self._not_implemented)
        if self.history is not None:
            app.router.add_get("/customers/{code}/bills", self._history)
        if self.documents is not None:
            app.router.add_get("/customers/{code}/bills/{period}/document", self._document)
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

    async def _not_implemented(self, _request: web.Request) -> web.Response:
        return web.json_response({"error": "not implemented"}, status=self.not_implemented or 501)

    async def _history(self, request: web.Request) -> web.Response:
        assert self.history is not None
        return web.json_response({"bills": self.history.get(request.match_info["code"], [])})

    async def _document(self, request: web.Request) -> web.Response:
        assert self.documents is not None
        key = (request.match_info["code"], request.match_info["period"])
        document = self.documents.get(key)
        if document is None:
            return web.json_response({}, status=404)
        return web.Response(body=document, content_type="application/pdf")
