"""In a real headless Chromium, on a 390×844 phone and on a desk: the call-backs staff see (the
number to call, the chat's linked codes, the area, only in the operators' own districts), an
admin-token session that ends when the token is rotated, and a sign-in that strangers slow but
cannot lock for ``admin``."""

from __future__ import annotations

import shutil
from typing import Any

import aiohttp
import pytest

from bot.web.client_address import parse_networks
from handlers.conversation import Conversation
from handlers.turn import Deps
from tests.fakes.chat import FakeChat
from tests.support.browser import CHROMIUM, fits_the_screen, page_fixture, sign_in  # noqa: F401
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import jar, login

pytestmark = [
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]


async def _call_backs(server: StaffServer, deps: Deps) -> None:
    from services.demo_seed import ensure_demo_customers

    await ensure_demo_customers(server.database)
    conversation = Conversation(server.database, deps)
    linked = FakeChat(conversation.handle, channel="viber", chat_id="v-b1", language_hint="en")
    await linked.say("/link DPR100001")
    await linked.say("42.50")
    await linked.say("/human")
    await linked.press("callback:start")
    await linked.say("The meter reading on my bill is wrong")
    await linked.say("044 123 456")
    plain = FakeChat(conversation.handle, channel="telegram", chat_id="t-b2", language_hint="en")
    await plain.say("/human")
    await plain.press("callback:start")
    await plain.say("No power since the morning, please call +383 49 765 432")
    await plain.press("callback:d:DPR")
    await plain.press("callback:a:ulpiana")
    elsewhere = FakeChat(conversation.handle, channel="viber", chat_id="v-b3", language_hint="en")
    await elsewhere.say("/human")
    await elsewhere.press("callback:start")
    await elsewhere.say("A question about Gjakova, 045 111 222")
    await elsewhere.press("callback:d:DGJ")
    await elsewhere.press("callback:a:qendra")


async def test_operators_see_the_number_the_codes_and_the_area_of_their_districts(
    page: Any, staff_server: StaffServer, deps: Deps
) -> None:
    await _call_backs(staff_server, deps)
    await staff_server.add_staff("ana", "operator", "DPR")
    await page.context.add_cookies(
        [{"name": "kesco_staff_lang", "value": "en", "url": staff_server.url + "/staff"}]
    )
    await sign_in(page, staff_server, "ana")
    await page.goto(staff_server.url + "/staff/callbacks")
    cards = page.locator("article.callback")
    assert await cards.count() == 2  # not the one of DGJ
    body = await page.inner_text("main")
    assert "📞 +383 44 123 456" in body and "📞 +383 49 765 432" in body
    assert "Linked codes: DPR100001" in body and "No customer code linked in this chat." in body
    assert "Ulpiana" in body and "Gjakova" not in body
    links = await page.eval_on_selector_all("p.call-number a", "els => els.map(e => e.href)")
    assert sorted(links) == ["tel:+38344123456", "tel:+38349765432"]
    assert await fits_the_screen(page)


async def test_a_page_session_of_the_admin_token_ends_when_it_is_rotated(
    page: Any, staff_server: StaffServer
) -> None:
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await page.goto(staff_server.url + "/staff/team")
    assert "/staff/team" in page.url
    staff_server.context.admin_token = "a-rotated-admin-token-0123456789abcdef"
    await page.goto(staff_server.url + "/staff/team")
    assert page.url.endswith("/staff/login")
    await sign_in(page, staff_server, "admin", "a-rotated-admin-token-0123456789abcdef")
    await page.goto(staff_server.url + "/staff/team")
    assert "/staff/team" in page.url


async def test_strangers_failing_as_admin_do_not_keep_the_admin_out(
    page: Any, staff_server: StaffServer
) -> None:
    staff_server.context.trusted_proxies = parse_networks("127.0.0.1")
    for number in range(25):  # more than the old lock of 20, from elsewhere
        headers = {"X-Forwarded-For": f"203.0.113.{number}"}
        async with aiohttp.ClientSession(cookie_jar=jar(), headers=headers) as http:
            assert (await login(http, staff_server, "admin", "guess"))[0] == 401
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await page.goto(staff_server.url + "/staff")
    assert not page.url.endswith("/staff/login")
    assert staff_server.delays and max(staff_server.delays) <= 5.0
