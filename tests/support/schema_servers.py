"""Shared test helpers (moved out of tests/test_staff_schemathesis.py)."""

from __future__ import annotations

import asyncio
import threading

from bot.staff_web.context import StaffContext
from bot.staff_web.routes import staff_routes
from bot.web.events_api import EventsApi
from bot.web.guard import middlewares
from services.db import Database
from services.demo_seed import ensure_demo_customers
from services.notices.desk import NoticeDesk

ADMIN_TOKEN = "schemathesis-admin-token-0123456789"

EVENTS_SECRET = "schemathesis-events-secret"


class ServerThread:
    """The staff routes on 127.0.0.1 in a thread with its own event loop."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.url = ""
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _start(self) -> None:
        from aiohttp import web

        self.database = Database(self.database_url)
        await self.database.upgrade()
        await ensure_demo_customers(self.database)
        context = StaffContext(
            self.database, NoticeDesk(self.database, confirm_above=1000), ADMIN_TOKEN
        )
        app = web.Application(middlewares=middlewares())
        app.add_routes(staff_routes(context))
        app.add_routes(EventsApi(self.database, EVENTS_SECRET).routes())
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def _stop(self) -> None:
        await self.runner.cleanup()
        await self.database.dispose()

    def __enter__(self) -> ServerThread:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        return self

    def __exit__(self, *_exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
