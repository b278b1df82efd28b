"""More of the staff page in headless Chromium, on a phone and on a desk: every page fits the
screen without sideways scrolling, call-back requests are answered with *Done*, admins edit the
reason templates that operators start from, and the reports' warning leads to a notice."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from handlers.conversation import Conversation
from tests.fakes.chat import FakeChat
from tests.support.browser import (
    CHROMIUM,
    fits_the_screen,
    page_fixture,  # noqa: F401
    sign_in,
)
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call

pytestmark = [
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing"),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]


async def customer_asks_for_a_call_back(conversation: Conversation, chat_id: str) -> None:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=chat_id, language_hint="sr")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat.say("/human")
    await chat.press("callback:start")
    await chat.say("Рачун је превисок, зовите ме на 044 123 456")


async def reports_of_no_power(conversation: Conversation, area: str, count: int) -> None:
    for number in range(count):
        chat = FakeChat(conversation.handle, chat_id=f"r{number}", language_hint="en")
        await chat.say("I have no power")
        await chat.press("rep:d:DPR")
        await chat.press(f"rep:a:{area}")


async def test_every_page_fits_the_screen(
    page: Any, staff_server: StaffServer, conversation: Conversation
) -> None:
    from playwright.async_api import expect

    _, created = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = created["notice"]["id"]
    await customer_asks_for_a_call_back(conversation, "555")
    await reports_of_no_power(conversation, "lipjan", 5)
    await staff_server.add_staff("a-very-long-username-of-someone", "operator", "DPR")
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await expect(page.locator("h1")).to_have_text("Tani")
    pages = [
        "/staff",
        "/staff/notices",
        "/staff/notices/new",
        f"/staff/notices/{notice_id}",
        f"/staff/notices/{notice_id}/update",
        "/staff/reports",
        "/staff/callbacks",
        "/staff/templates",
        "/staff/audit",
        "/staff/account",
        "/staff/team",
    ]
    for language in ("sq", "sr"):
        for path in pages:
            await page.goto(staff_server.url + path)
            await expect(page.locator("h1")).to_be_visible()
            assert await fits_the_screen(page), (language, path)
        await page.click(f"button[name=language][value={language == 'sq' and 'sr' or 'sq'}]")
    await page.goto(staff_server.url + "/staff/login")
    assert await fits_the_screen(page)


async def test_call_back_requests_are_answered_from_the_page(
    page: Any, staff_server: StaffServer, conversation: Conversation
) -> None:
    from playwright.async_api import expect

    await customer_asks_for_a_call_back(conversation, "555")
    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await expect(page.locator(".note")).to_contain_text("1 kërkesë për t'u thirrur")
    await page.click(".note a")
    card = page.locator("article.callback")
    await expect(card).to_contain_text("DPR100001")
    await expect(card).to_contain_text("Рачун је превисок")
    await expect(card).to_contain_text("Српски")
    await card.locator("button:has-text('U krye')").click()
    await expect(page.locator("article.callback")).to_have_count(0)
    await page.click(".chips a:has-text('Të kryera')")
    await expect(page.locator("article.callback")).to_contain_text("Kryer")
    _, listed = await call(staff_server, "GET", "/api/v1/callbacks?status=done")
    assert listed["callbacks"][0]["done_by"] == "ana"


async def test_admins_edit_templates_operators_start_from_them(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await page.click("button[name=language][value=en]")
    await page.goto(staff_server.url + "/staff/templates")
    storm = page.locator("form.template[data-key=storm]")
    await storm.locator("textarea[name=text_en]").fill("A storm brought lines down.")
    await storm.locator("button:has-text('Save')").click()
    storm_en = page.locator("form.template[data-key=storm] textarea[name=text_en]")
    await expect(storm_en).to_have_value("A storm brought lines down.")
    new = page.locator("form.template[data-key='']")
    await new.locator("input[name=key]").fill("flood")
    for lang, name, text in (
        ("sq", "Vërshim", "Vërshimi dëmtoi rrjetin."),
        ("en", "Flood", "A flood damaged the network."),
        ("sr", "Поплава", "Поплава је оштетила мрежу."),
    ):
        await new.locator(f"input[name=name_{lang}]").fill(name)
        await new.locator(f"textarea[name=text_{lang}]").fill(text)
    await new.locator("button:has-text('Save')").click()
    await expect(page.locator("form.template[data-key=flood] h2")).to_have_text("Flood")

    await page.click("button:has-text('Sign out')")
    await sign_in(page, staff_server, "ana")
    await page.goto(staff_server.url + "/staff/templates")
    await expect(storm_en).to_be_disabled()
    await page.goto(staff_server.url + "/staff/notices/new")
    await page.click(".templates button:has-text('Stuhi')")
    await expect(page.locator("textarea[name=text_en]")).to_have_value(
        "A storm brought lines down."
    )
    await page.click(".templates button:has-text('Vërshim')")
    await expect(page.locator("textarea[name=text_sr]")).to_have_value("Поплава је оштетила мрежу.")
    _, log = await call(staff_server, "GET", "/api/v1/audit")
    assert [e["detail"] for e in log["entries"] if e["action"] == "template.saved"] == [
        "flood",
        "storm",
    ]


async def test_a_warning_of_reports_becomes_a_notice_in_two_clicks(
    page: Any, staff_server: StaffServer, conversation: Conversation
) -> None:
    from playwright.async_api import expect

    await reports_of_no_power(conversation, "lipjan", 5)
    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    warning = page.locator("article.card.warning[data-area=lipjan]")
    await expect(warning).to_contain_text("5 lajmërime për mungesë energjie nga Lipjan")
    await warning.locator("a.button").click()
    await expect(page.locator("input[name=areas][value=lipjan]")).to_be_checked()
    await page.click(".templates button:has-text('Defekt në linjë')")
    await page.click("button:has-text('Parapamje')")
    await expect(page.locator("#recipients")).to_have_text("5")  # the reporters
    await page.click("button:has-text('Dërgo')")
    [event] = await staff_server.events()
    assert event["areas"] == ["lipjan"]
    started = datetime.fromisoformat(event["started_at"])
    assert datetime.now(UTC) - started < timedelta(minutes=5)  # from the first report
    await page.goto(staff_server.url + "/staff")
    await expect(page.locator("article.card.warning")).to_have_count(0)
