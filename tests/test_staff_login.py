"""Signing in to the staff page over HTTP: lock-out after repeated failures (per username and
per address), CSRF on every form, cookie flags, operators kept to their districts."""

from __future__ import annotations

import re

import aiohttp
import pytest

from locales.i18n import translate
from services.staff import accounts
from tests.support.staff import ADMIN_TOKEN, PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import jar, login  # noqa: F401

pytestmark = pytest.mark.db
LOCKED = translate("Too many failed sign-ins. Try again in 15 minutes.", "sq")


async def test_five_failures_lock_the_username(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        for _attempt in range(accounts.FAILURE_LIMIT - 1):
            assert (await login(http, staff_server, "ana", "wrong"))[0] == 401
        status, text = await login(http, staff_server, "ana", "wrong")
        assert LOCKED in text  # the page speaks Albanian unless told otherwise
        status, text = await login(http, staff_server, "ana", PASSWORD)
        assert status == 401
        assert LOCKED in text


async def test_session_cookie_flags_and_csrf(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        async with http.post(
            staff_server.url + "/staff/login",
            data={"username": "ana", "password": PASSWORD},
            allow_redirects=False,
        ) as response:
            assert response.status == 403  # no login CSRF token
        async with http.get(staff_server.url + "/staff/login") as response:
            token = re.search(r'name="login_csrf" value="([^"]+)"', await response.text())
        assert token
        form = {"login_csrf": token.group(1), "username": "ana", "password": PASSWORD}
        async with http.post(
            staff_server.url + "/staff/login", data=form, allow_redirects=False
        ) as response:
            assert response.status == 303
            cookie = response.headers.getall("Set-Cookie")
        session_cookie = next(c for c in cookie if c.startswith("kesco_staff="))
        assert "HttpOnly" in session_cookie
        assert "SameSite=Strict" in session_cookie
        assert "Secure" not in session_cookie  # KESCO_PUBLIC_URL is not https here
        async with http.post(
            staff_server.url + "/staff/account/chat-code", data={"csrf": "forged"}
        ) as response:
            assert response.status == 403
        async with http.get(staff_server.url + "/staff/account") as response:
            csrf = re.search(r'name="csrf" value="([^"]+)"', await response.text())
        assert csrf
        async with http.post(
            staff_server.url + "/staff/account/chat-code", data={"csrf": csrf.group(1)}
        ) as response:
            assert response.status == 200
            assert re.search(r"/notice [A-Z2-9]{8}", await response.text())
        async with http.get(staff_server.url + "/staff/team") as response:
            assert response.status == 403  # operators do not manage staff


async def test_admin_token_signs_in_as_admin(staff_server: StaffServer) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        status, _ = await login(http, staff_server, "admin", ADMIN_TOKEN)
        assert status == 303
        async with http.get(staff_server.url + "/staff/team") as response:
            assert response.status == 200


async def test_operator_page_is_kept_to_their_districts(staff_server: StaffServer) -> None:
    await staff_server.add_staff("mira", "operator", "DMI")
    async with aiohttp.ClientSession() as http:
        body = {"kind": "outage", "district": "DPR", "areas": ["dardania"], "id": "dpr-notice-1"}
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        async with http.post(staff_server.url + "/api/v1/notices", json=body, headers=headers):
            pass
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "mira", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff/notices/dpr-notice-1") as response:
            assert response.status == 403
        async with http.get(staff_server.url + "/staff/notices/dpr-notice-1/progress") as response:
            assert response.status == 403
        async with http.get(staff_server.url + "/staff") as response:
            assert "dpr-notice-1" not in await response.text()


async def csrf_of(http: aiohttp.ClientSession, server: StaffServer) -> str:
    async with http.get(server.url + "/staff/account") as response:
        found = re.search(r'name="csrf" value="([^"]+)"', await response.text())
    assert found
    return found.group(1)


async def test_each_staff_member_picks_the_page_language(staff_server: StaffServer) -> None:
    from sqlalchemy import select

    from services.db.staff_models import StaffMember

    await staff_server.add_staff("ana")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        async with http.get(staff_server.url + "/staff/login") as response:
            assert '<html lang="sq">' in await response.text()
            assert ">Hyr</button>" in await response.text()
        async with http.post(
            staff_server.url + "/staff/login/language", data={"language": "en"}
        ) as response:
            assert ">Sign in</button>" in await response.text()
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff") as response:
            assert "<h1>Now</h1>" in await response.text()
        csrf = await csrf_of(http, staff_server)
        async with http.post(
            staff_server.url + "/staff/language", data={"csrf": csrf, "language": "sr"}
        ) as response:
            assert "<h1>Сада</h1>" in await response.text()
    async with staff_server.database.transaction() as session:
        language = await session.scalar(select(StaffMember.language))
    assert language == "sr"
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:  # another browser: kept
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff/notices") as response:
            assert "<h1>Обавештења</h1>" in await response.text()
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:  # the admin token: per session
        assert (await login(http, staff_server, "admin", ADMIN_TOKEN))[0] == 303
        async with http.post(
            staff_server.url + "/staff/language",
            data={"csrf": await csrf_of(http, staff_server), "language": "sr-Latn"},
        ) as response:
            assert "<h1>Sada</h1>" in await response.text()
