"""Staff sign-in cannot be locked for everyone, and admins can disable accounts and reset
passwords (API, page, CLI), with audit entries."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import make_mocked_request

from bot.cli.main import main
from bot.web.client_address import client_address, parse_networks
from services.db import Database
from services.staff import accounts, audit
from tests.support.staff import (  # noqa: F401
    ADMIN_TOKEN,
    PASSWORD,
    StaffServer,
    staff_server_fixture,
)
from tests.support.staff_calls import jar, login

pytestmark = pytest.mark.db
NEW_PASSWORD = "a brand new passphrase"


async def sign_in_from(
    server: StaffServer, username: str, password: str, forwarded_for: str | None = None
) -> tuple[int, str]:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    async with aiohttp.ClientSession(cookie_jar=jar(), headers=headers) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "en"})  # the page in English
        return await login(http, server, username, password)


async def test_failures_of_one_user_never_lock_the_others(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana")
    await staff_server.add_staff("besa")
    for _ in range(accounts.FAILURE_LIMIT + 3):  # everyone is behind the same proxy address
        assert (await sign_in_from(staff_server, "ana", "wrong"))[0] == 401
    status, text = await sign_in_from(staff_server, "ana", PASSWORD)
    assert status == 401 and "Too many failed sign-ins" in text
    assert (await sign_in_from(staff_server, "besa", PASSWORD))[0] == 303
    for name in ("nobody", "x", "y", "z", "w", "v"):
        await sign_in_from(staff_server, name, "wrong")
    assert (await sign_in_from(staff_server, "besa", PASSWORD))[0] == 303


async def test_strangers_cannot_lock_a_known_username_out_only_slow_it(
    staff_server: StaffServer,
) -> None:
    staff_server.context.trusted_proxies = parse_networks("127.0.0.1")
    for number in range(40):  # 40 failures for "admin" from 40 addresses
        address = f"203.0.113.{number}"
        assert (await sign_in_from(staff_server, "admin", "wrong", address))[0] == 401
    assert staff_server.delays and max(staff_server.delays) <= accounts.MAX_SIGN_IN_DELAY
    assert staff_server.delays[-1] > staff_server.delays[0]  # the delay grew
    staff_server.delays.clear()
    status, _text = await sign_in_from(staff_server, "admin", ADMIN_TOKEN, "198.51.100.1")
    assert status == 303  # the admin still gets in from their own address, after a wait
    assert staff_server.delays == [accounts.MAX_SIGN_IN_DELAY]


async def test_one_address_trying_many_usernames_is_locked(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana")
    staff_server.context.trusted_proxies = parse_networks("127.0.0.1")
    async with staff_server.database.transaction() as session:  # as many sign-ins would
        for number in range(accounts.ADDRESS_FAILURE_LIMIT - 1):
            await accounts.record_failure(session, f"user{number}", "203.0.113.7")
    assert (await sign_in_from(staff_server, "somebody", "wrong", "203.0.113.7"))[0] == 401
    status, text = await sign_in_from(staff_server, "ana", PASSWORD, "203.0.113.7")
    assert status == 401 and "Too many failed sign-ins" in text
    assert (await sign_in_from(staff_server, "ana", PASSWORD, "198.51.100.2"))[0] == 303


def test_the_sign_in_delay_grows_per_username_and_address() -> None:
    delays = [accounts.sign_in_delay(here, here) for here in range(accounts.FAILURE_LIMIT)]
    assert delays[0] == 0 and delays == sorted(delays) and delays[1] < delays[-1]
    assert accounts.sign_in_delay(0, accounts.FAILURE_LIMIT) == 0  # a few typos elsewhere
    spread = [accounts.sign_in_delay(0, n) for n in range(5, 100, 5)]
    assert spread == sorted(spread) and spread[-1] == accounts.MAX_SIGN_IN_DELAY


async def test_behind_a_trusted_proxy_each_client_is_counted_apart(
    staff_server: StaffServer,
) -> None:
    await staff_server.add_staff("ana")
    staff_server.context.trusted_proxies = parse_networks("127.0.0.0/8")
    for _ in range(accounts.FAILURE_LIMIT):
        await sign_in_from(staff_server, "ana", "wrong", "203.0.113.9")
    assert "Too many" in (await sign_in_from(staff_server, "ana", PASSWORD, "203.0.113.9"))[1]
    assert (await sign_in_from(staff_server, "ana", PASSWORD, "198.51.100.4"))[0] == 303
    async with staff_server.database.read() as session:
        rows = await audit.entries(session, accounts.admin_token_principal(), limit=20)
    assert any(r.detail == "from 198.51.100.4" and r.action == "sign_in" for r in rows)


def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy() -> None:
    proxies = parse_networks("10.0.0.5, 10.1.0.0/16")

    def address(peer: str, forwarded: str | None) -> str:
        headers = {"X-Forwarded-For": forwarded} if forwarded else {}
        request = make_mocked_request("GET", "/", headers=headers)
        request._transport_peername = (peer, 1234)  # type: ignore[attr-defined]
        return client_address(request, proxies)

    assert address("10.0.0.5", "198.51.100.7") == "198.51.100.7"
    assert address("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.1.2.3") == "198.51.100.7"
    assert address("192.0.2.1", "198.51.100.7") == "192.0.2.1"  # not a proxy: header ignored
    assert address("10.0.0.5", "garbage") == "10.0.0.5"
    assert address("10.0.0.5", None) == "10.0.0.5"
    assert address("10.0.0.5", "[2001:db8::1]:443") == "2001:db8::1"
    with pytest.raises(ValueError, match="not an IP"):
        parse_networks("10.0.0.5, proxy.example")


async def api(
    server: StaffServer, method: str, path: str, token: str = ADMIN_TOKEN, **kwargs: object
) -> tuple[int, dict]:
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, server.url + path, headers=headers, **kwargs) as response,
    ):
        return response.status, await response.json()


async def test_admins_disable_enable_and_reset_through_the_api(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("ana")
    operator = await staff_server.add_staff("besa")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        status, body = await api(staff_server, "POST", "/api/v1/staff/ana/disable")
        assert (status, body["staff"]["active"]) == (200, False)
        async with http.get(staff_server.url + "/staff", allow_redirects=False) as response:
            assert response.status == 303  # the session ended
    assert (await api(staff_server, "GET", "/api/v1/notices", token=token))[0] == 401
    assert (await sign_in_from(staff_server, "ana", PASSWORD))[0] == 401
    assert (await api(staff_server, "POST", "/api/v1/staff/ana/enable"))[0] == 200
    assert (await api(staff_server, "GET", "/api/v1/notices", token=token))[0] == 401  # revoked
    short = await api(staff_server, "POST", "/api/v1/staff/ana/password", json={"password": "x"})
    assert short[0] == 400 and short[1]["field"] == "password"
    status, _ = await api(
        staff_server, "POST", "/api/v1/staff/ana/password", json={"password": NEW_PASSWORD}
    )
    assert status == 200
    assert (await sign_in_from(staff_server, "ana", PASSWORD))[0] == 401
    assert (await sign_in_from(staff_server, "ana", NEW_PASSWORD))[0] == 303
    assert (await api(staff_server, "POST", "/api/v1/staff/nobody/disable"))[0] == 404
    assert (await api(staff_server, "POST", "/api/v1/staff/ana/disable", token=operator))[0] == 403
    assert (await api(staff_server, "POST", "/api/v1/staff/ana/disable", token="nope"))[0] == 401
    async with staff_server.database.read() as session:
        rows = await audit.entries(session, accounts.admin_token_principal(), limit=50)
    actions = [(r.action, r.detail) for r in rows if r.action.startswith("staff.")]
    assert ("staff.disabled", "ana") in actions and ("staff.enabled", "ana") in actions
    assert ("staff.password_reset", "ana") in actions
    assert not any(NEW_PASSWORD in (r.detail or "") for r in rows)


async def test_an_admin_cannot_disable_themselves(staff_server: StaffServer) -> None:
    own = await staff_server.add_staff("drita", role="admin", districts="")
    status, body = await api(staff_server, "POST", "/api/v1/staff/drita/disable", token=own)
    assert status == 409 and body["field"] == "username"


async def admin_page_session(server: StaffServer) -> tuple[aiohttp.ClientSession, str]:
    http = aiohttp.ClientSession(cookie_jar=jar())
    assert (await login(http, server, "admin", ADMIN_TOKEN))[0] == 303
    cookie = next(c for c in http.cookie_jar if c.key == "kesco_staff")
    return http, hashlib.sha256(f"csrf:{cookie.value}".encode()).hexdigest()


async def test_admins_do_the_same_on_the_page(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana")
    http, csrf = await admin_page_session(staff_server)
    async with http:
        async with http.get(staff_server.url + "/staff/team") as response:
            assert 'href="/staff/team/ana"' in await response.text()
        base = staff_server.url + "/staff/team/ana"
        async with http.post(base + "/disable", data={"csrf": csrf}) as response:
            text = await response.text()
            assert response.status == 200 and "disabled" in text and "Enable" in text
        assert (await sign_in_from(staff_server, "ana", PASSWORD))[0] == 401
        async with http.post(base + "/disable", data={"csrf": "forged"}) as response:
            assert response.status == 403
        async with http.post(base + "/enable", data={"csrf": csrf}) as response:
            assert response.status == 200 and "Disable" in await response.text()
        async with http.post(base + "/password", data={"csrf": csrf, "password": "short"}) as r:
            assert r.status == 400 and "10 characters" in await r.text()
        form = {"csrf": csrf, "password": NEW_PASSWORD}
        async with http.post(base + "/password", data=form) as response:
            assert "password was changed" in await response.text()
        async with http.get(staff_server.url + "/staff/team/nobody") as response:
            assert response.status == 404
    assert (await sign_in_from(staff_server, "ana", NEW_PASSWORD))[0] == 303


def test_the_cli_disables_enables_and_resets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KESCO_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/cli.db")
    monkeypatch.chdir(tmp_path)

    def run(argv: list[str], stdin: str = "") -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main(["staff", *argv])

    assert run(["add", "--username", "ana", "--role", "admin", "--password-stdin"], PASSWORD) == 0
    assert run(["disable", "--username", "ana"]) == 0
    assert run(["list"]) == 0
    assert re.search(r"^ana\tadmin\t.*\toff$", capsys.readouterr().out, re.M)
    assert run(["enable", "--username", "ANA"]) == 0
    assert run(["password", "--username", "ana", "--password-stdin"], "short\n") == 2
    assert run(["password", "--username", "ana", "--password-stdin"], NEW_PASSWORD + "\n") == 0
    assert run(["disable", "--username", "nobody"]) == 1
    assert "no staff member nobody" in capsys.readouterr().err

    async def check() -> list[str]:
        database = Database(f"sqlite+aiosqlite:///{tmp_path}/cli.db")
        try:
            async with database.transaction() as session:
                assert await accounts.sign_in(session, "ana", NEW_PASSWORD, "cli", None)
                rows = await audit.entries(session, accounts.admin_token_principal())
                return [f"{r.via}:{r.action}" for r in rows]
        finally:
            await database.dispose()

    actions = asyncio.run(check())
    assert {"cli:staff.disabled", "cli:staff.enabled", "cli:staff.password_reset"} <= set(actions)
