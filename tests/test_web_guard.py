"""The web server's guard: unreadable addresses and forms get 400 before any route runs; the
database away is 503 with Retry-After; failures are logged once with a count."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy.exc import DataError

from bot.web.guard import QUIET
from bot.web.server import build_web_app
from services.db import DatabaseUnavailable

calls: list[str] = []


async def echo(request: web.Request) -> web.Response:
    calls.append(request.path)
    if request.method == "POST":
        form = await request.post()
        return web.json_response({k: str(v) for k, v in form.items()})
    return web.json_response({"q": dict(request.query)})


async def down(_request: web.Request) -> web.Response:
    raise DatabaseUnavailable("connection refused")


async def refused_value(_request: web.Request) -> web.Response:
    raise DataError("INSERT", {}, Exception("value too long for type character varying(128)"))


async def broken(_request: web.Request) -> web.Response:
    raise RuntimeError("a bug")


@pytest.fixture
async def base() -> AsyncIterator[str]:
    routes = [
        web.get("/staff/echo/{x}", echo),
        web.post("/staff/echo/{x}", echo),
        web.get("/api/down", down),
        web.get("/api/value", refused_value),
        web.get("/api/bug", broken),
    ]
    server = TestServer(build_web_app(routes, {}), host="127.0.0.1")
    await server.start_server()
    calls.clear()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


async def status_of(method: str, url: str, **kwargs: object) -> int:
    async with aiohttp.ClientSession() as http, http.request(method, url, **kwargs) as response:
        await response.read()
        return response.status


async def test_unreadable_addresses_and_forms_never_reach_the_route(base: str) -> None:
    assert await status_of("GET", f"{base}/staff/echo/a%00b") == 400
    assert await status_of("GET", f"{base}/staff/echo/ok?q=a%00") == 400
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert await status_of("POST", f"{base}/staff/echo/x", data=b"u=a%00b", headers=form) == 400
    multipart = {"Content-Type": "multipart/form-data; boundary=zz"}
    assert (
        await status_of("POST", f"{base}/staff/echo/x", data=b"--zz\r\nbroken", headers=multipart)
        == 400
    )  # noqa: E501
    data = aiohttp.FormData()
    data.add_field("file", b"bytes", filename="a.txt")
    assert await status_of("POST", f"{base}/staff/echo/x", data=data) == 400
    assert calls == []
    assert await status_of("GET", f"{base}/staff/echo/fine?q=ëç") == 200
    assert await status_of("POST", f"{base}/staff/echo/x", data={"u": "Arbën"}) == 200


async def test_failures_in_routes_are_answered_and_logged_quietly(
    base: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "bot.web.guard")
    for _ in range(20):
        async with aiohttp.ClientSession() as http, http.get(f"{base}/api/down") as response:
            assert response.status == 503
            assert response.headers["Retry-After"] == "5"
            assert "database" in (await response.json())["error"]
    assert await status_of("GET", f"{base}/api/value") == 400
    assert await status_of("GET", f"{base}/api/bug") == 500
    assert await status_of("GET", f"{base}/api/bug") == 500
    lines = [r.getMessage() for r in caplog.records]
    assert sum("database is unavailable" in line for line in lines) == 1
    assert sum("failed" in line for line in lines) == 1
    assert [r for r in caplog.records if r.exc_info]  # one traceback for the bug
    QUIET.recovered("database")
    QUIET.recovered("RuntimeError")
    QUIET.recovered("data")
