"""Staff credentials end when they should: a password reset and a disable revoke every API
token, session and linked chat of the account (enable revives none), and a page session opened
with KESCO_ADMIN_TOKEN ends when the token is rotated or removed (the session keeps only a
fingerprint of the token)."""

from __future__ import annotations

import hashlib

import aiohttp
import pytest
from sqlalchemy import select

from services.db.staff_models import StaffSession
from services.staff import accounts
from services.staff.credentials import fingerprint
from tests.support.staff import (  # noqa: F401
    ADMIN_TOKEN,
    PASSWORD,
    StaffServer,
    staff_server_fixture,
)
from tests.support.staff_calls import call, jar, login

pytestmark = pytest.mark.db
NEW_PASSWORD = "another long passphrase"


async def _linked_chat(server: StaffServer, username: str, external_id: str) -> None:
    async with server.database.transaction() as session:
        member = await accounts.chat_staff(session, "telegram", external_id)
        assert member is None
        staff = await session.scalar(
            select(accounts.StaffMember).where(accounts.StaffMember.username == username)
        )
        assert staff is not None
        code = await accounts.issue_link_code(session, staff.id)
        assert await accounts.redeem_link_code(session, code, "telegram", external_id)


async def _chat_is_staff(server: StaffServer, external_id: str) -> bool:
    async with server.database.read() as session:
        return await accounts.chat_staff(session, "telegram", external_id) is not None


async def _page_status(http: aiohttp.ClientSession, server: StaffServer) -> int:
    async with http.get(server.url + "/staff", allow_redirects=False) as response:
        return response.status


@pytest.mark.parametrize("revoke", ["password", "disable"])
async def test_a_reset_or_a_disable_revokes_every_credential_and_enable_revives_none(
    staff_server: StaffServer, revoke: str
) -> None:
    token = await staff_server.add_staff("ana")
    await _linked_chat(staff_server, "ana", "tg-ana")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        assert await _page_status(http, staff_server) == 200
        if revoke == "password":
            body = {"password": NEW_PASSWORD}
            status, _ = await call(staff_server, "POST", "/api/v1/staff/ana/password", json=body)
        else:
            status, _ = await call(staff_server, "POST", "/api/v1/staff/ana/disable")
            assert status == 200
            status, _ = await call(staff_server, "POST", "/api/v1/staff/ana/enable")
        assert status == 200
        assert await _page_status(http, staff_server) == 303  # the session ended
    assert (await call(staff_server, "GET", "/api/v1/notices", token))[0] == 401
    assert not await _chat_is_staff(staff_server, "tg-ana")
    _, listed = await call(staff_server, "GET", "/api/v1/staff")
    [ana] = [member for member in listed["staff"] if member["username"] == "ana"]
    assert ana["has_api_token"] is False and ana["active"] is True
    async with staff_server.database.transaction() as session:  # a new token works
        member = await session.scalar(
            select(accounts.StaffMember).where(accounts.StaffMember.username == "ana")
        )
        assert member is not None
        fresh = await accounts.issue_api_token(session, member.id)
    assert (await call(staff_server, "GET", "/api/v1/notices", fresh))[0] == 200


async def _admin_session(server: StaffServer) -> aiohttp.ClientSession:
    http = aiohttp.ClientSession(cookie_jar=jar())
    assert (await login(http, server, "admin", ADMIN_TOKEN))[0] == 303
    return http


def _csrf(http: aiohttp.ClientSession) -> str:
    cookie = next(c for c in http.cookie_jar if c.key == "kesco_staff")
    return hashlib.sha256(f"csrf:{cookie.value}".encode()).hexdigest()


@pytest.mark.parametrize("new_token", ["rotated-admin-token-9876543210abcdef", None])
async def test_an_admin_token_session_ends_when_the_token_changes(
    staff_server: StaffServer, new_token: str | None
) -> None:
    http = await _admin_session(staff_server)
    async with http:
        assert await _page_status(http, staff_server) == 200
        async with staff_server.database.read() as session:
            [row] = (await session.scalars(select(StaffSession))).all()
        assert row.admin_fingerprint == fingerprint(ADMIN_TOKEN)
        assert ADMIN_TOKEN not in (row.admin_fingerprint or "")
        staff_server.context.admin_token = new_token
        assert await _page_status(http, staff_server) == 303
        form = {
            "csrf": _csrf(http),
            "username": "mallory",
            "role": "admin",
            "password": "a long enough password",
        }
        async with http.post(staff_server.url + "/staff/team", data=form) as response:
            assert response.status == 401  # no admin account created with the old session
        staff_server.context.admin_token = ADMIN_TOKEN  # putting it back revives nothing
        assert await _page_status(http, staff_server) == 303
    async with staff_server.database.read() as session:
        assert (await session.scalars(select(StaffSession))).all() == []
        names = (await session.scalars(select(accounts.StaffMember.username))).all()
    assert "mallory" not in names


async def test_a_new_admin_token_signs_in_again(staff_server: StaffServer) -> None:
    staff_server.context.admin_token = "rotated-admin-token-9876543210abcdef"
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "admin", ADMIN_TOKEN))[0] == 401
        status, _ = await login(http, staff_server, "admin", "rotated-admin-token-9876543210abcdef")
        assert status == 303 and await _page_status(http, staff_server) == 200
