"""The staff page in a real headless Chromium (Playwright): a wrong password, sign in, compose,
preview in every language for Telegram and Viber, send, and watch the delivery arrive."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from services.staff.events import event_id_for
from tests.staff_support import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
    pytest.mark.db,
]


@pytest_asyncio.fixture
async def page(staff_server: StaffServer) -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = await browser.new_context(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        context.set_default_timeout(10_000)
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))  # JavaScript errors
        yield page
        await browser.close()
        assert errors == [], errors


async def fits_the_screen(page: Any) -> bool:
    return await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


async def test_sign_in_compose_preview_send_and_watch(page: Any, staff_server: StaffServer) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("ana", "operator", "DPR")
    await page.goto(staff_server.url + "/staff")
    await expect(page).to_have_url(staff_server.url + "/staff/login")
    assert await fits_the_screen(page)

    await page.fill("input[name=username]", "ana")
    await page.fill("input[name=password]", "not the password")
    await page.click("button[type=submit]")
    await expect(page.locator(".error")).to_have_text("Wrong username or password.")

    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await expect(page.locator("h1")).to_have_text("Notices")
    cookies = {c["name"]: c for c in await page.context.cookies()}
    assert cookies["kesco_staff"]["httpOnly"] is True
    assert cookies["kesco_staff"]["sameSite"] == "Strict"

    await page.click("text=New notice >> nth=0")
    await expect(page.locator("h1")).to_have_text("New notice")
    assert await fits_the_screen(page)
    await expect(page.locator("#district")).to_have_value("DPR")
    await expect(page.locator("label.area[data-district=DPR] >> nth=0")).to_be_visible()
    await page.check("input[name=areas][value=dardania]")
    await page.fill("input[name=ends_at]", "2030-01-01T18:00")
    await page.fill("textarea[name=text_sq]", "Defekt në kabllo.")
    await page.fill("textarea[name=text_en]", "A cable fault.")
    await page.fill("textarea[name=text_sr]", "Квар на каблу.")
    await page.click("button:has-text('Preview')")

    await expect(page.locator("h1")).to_have_text("Preview")
    await expect(page.locator("#recipients")).to_have_text("3")
    for channel in ("telegram", "viber"):
        bubble = page.locator(f".bubble[data-channel={channel}]")
        await expect(bubble).to_have_count(4)
        await expect(
            page.locator(f".bubble[data-channel={channel}][data-lang=en]")
        ).to_contain_text("Power outage in Dardania")
        await expect(
            page.locator(f".bubble[data-channel={channel}][data-lang=sr]")
        ).to_contain_text("Квар на каблу.")
        await expect(
            page.locator(f".bubble[data-channel={channel}][data-lang=sr-Latn]")
        ).to_contain_text("Kvar na kablu.")
        await expect(
            page.locator(f".bubble[data-channel={channel}][data-lang=sq]")
        ).to_contain_text("Defekt në kabllo.")
    assert await fits_the_screen(page)
    await page.click("button:has-text('Send')")

    await expect(page.locator("h1")).to_contain_text("Notice ")
    [event] = await staff_server.events()
    assert event["areas"] == ["dardania"]
    notice_id = page.url.rsplit("/", 1)[1]
    assert event["id"] == event_id_for(notice_id)
    await expect(page.locator("[data-state=queued]")).to_have_text("3")
    await staff_server.deliver(event["id"], sent=1)
    await expect(page.locator("[data-state=sent]")).to_have_text("1")
    await staff_server.deliver(event["id"], sent=1, blocked=1)
    await expect(page.locator("[data-state=sent]")).to_have_text("2")
    await expect(page.locator("[data-state=blocked]")).to_have_text("1")
    await expect(page.locator("[data-state=queued]")).to_have_text("0")
    await expect(page.locator("#progress-note")).to_contain_text("Finished")

    await page.click("nav >> text=Audit log")
    await expect(page.locator("table.audit")).to_contain_text("notice.created")
    await expect(page.locator("table.audit")).to_contain_text("sign_in.failed")


async def test_scheduled_notice_is_cancelled_from_the_page(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("besa", "operator", "DGJ,DPR")
    await page.goto(staff_server.url + "/staff/login")
    await page.fill("input[name=username]", "besa")
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.goto(staff_server.url + "/staff/notices/new")
    await page.check("input[name=kind][value=planned_work]")
    await page.select_option("#district", "DGJ")
    await expect(page.locator("input[name=areas][value=dardania]")).to_be_hidden()
    await page.click("#all-areas")
    day = datetime.now(ZoneInfo("Europe/Belgrade")).date() + timedelta(days=3)
    await page.fill("input[name=starts_at]", f"{day}T08:00")
    await page.fill("input[name=ends_at]", f"{day}T14:00")
    await page.click("button:has-text('Preview')")
    await expect(page.locator(".error")).to_contain_text("texts")  # descriptions are required
    for lang, text in (("sq", "Mirëmbajtje."), ("en", "Maintenance."), ("sr", "Одржавање.")):
        await page.fill(f"textarea[name=text_{lang}]", text)
    await page.check("input[name=when][value=later]")
    await page.fill("input[name=publish_at]", f"{day - timedelta(days=1)}T09:00")
    await page.click("button:has-text('Preview')")
    await expect(page.locator(".bubble[data-channel=viber][data-lang=en]")).to_contain_text(
        "Planned works in City centre"
    )
    await page.click("button:has-text('Send')")
    await expect(page.locator(".facts")).to_contain_text("scheduled")
    page.once("dialog", lambda dialog: dialog.accept())
    await page.click("button:has-text('Cancel notice')")
    await expect(page.locator(".facts")).to_contain_text("cancelled")
    assert await staff_server.events() == []
