"""Shared test helpers (moved out of tests/test_staff_api.py)."""

from __future__ import annotations

import re
from typing import Any

import aiohttp

from services.db import Database
from services.staff import accounts
from tests.support.staff import ADMIN_TOKEN, StaffServer

OUTAGE = {
    "kind": "outage",
    "district": "DPR",
    "areas": ["dardania", "ulpiana"],
    "ends_at": "2030-01-01T18:00:00+01:00",
    "texts": {"sq": "Defekt në kabllo.", "en": "A cable fault.", "sr": "Квар на каблу."},
}


async def call(
    server: StaffServer, method: str, path: str, token: str | None = ADMIN_TOKEN, **kwargs: Any
) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, server.url + path, headers=headers, **kwargs) as response,
    ):
        return response.status, await response.json()


async def login(
    http: aiohttp.ClientSession, server: StaffServer, username: str, password: str
) -> tuple[int, str]:
    async with http.get(server.url + "/staff/login") as response:
        token = re.search(r'name="login_csrf" value="([^"]+)"', await response.text())
    assert token
    form = {"login_csrf": token.group(1), "username": username, "password": password}
    async with http.post(server.url + "/staff/login", data=form, allow_redirects=False) as response:
        return response.status, await response.text()


def jar() -> aiohttp.CookieJar:
    return aiohttp.CookieJar(unsafe=True)


async def link_code(database: Database, username: str, districts: list[str]) -> str:
    async with database.transaction() as session:
        member = await accounts.create_staff(
            session, username, "operator", districts, "correct horse battery"
        )
        return await accounts.issue_link_code(session, member.id)
