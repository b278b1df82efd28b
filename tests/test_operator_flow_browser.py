"""The whole operator flow on a 390×844 phone, in Albanian and in Serbian (issue 22): a red
warning card of reports, the outage notice made from it, its preview (Send on screen), the
board, an update previewed and published, and Power is back confirmed with the outage and its
reach; a screenshot of every step is kept in ``KESCO_TEST_ARTIFACTS`` (default
``.test-artifacts/``) for a person to look at."""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from handlers.conversation import Conversation
from services.alerts.quiet import KOSOVO
from services.db.alert_models import OutboxMessage
from tests.fakes.chat import FakeChat
from tests.support.browser import ARGS, CHROMIUM, SIZES, browser_env, fits_the_screen, sign_in
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401

pytestmark = [
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing"),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]
ARTIFACTS = Path(os.environ.get("KESCO_TEST_ARTIFACTS", ".test-artifacts")) / "operator-flow"


async def _reports(conversation: Conversation, area: str, count: int) -> None:
    for number in range(count):
        chat = FakeChat(conversation.handle, chat_id=f"flow{number}", language_hint="sq")
        await chat.say("s'kam drita")
        await chat.press("rep:d:DPR")
        await chat.press(f"rep:a:{area}")


@pytest.mark.parametrize("language", ["sq", "sr"])
async def test_warning_to_power_back_on_a_phone(
    staff_server: StaffServer, conversation: Conversation, language: str
) -> None:
    from playwright.async_api import async_playwright, expect

    shots = ARTIFACTS / language
    shots.mkdir(parents=True, exist_ok=True)
    await _reports(conversation, "obiliq", 5)
    await staff_server.add_staff("drita", "operator", "DPR")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, env=browser_env()
        )
        context = await chromium.new_context(**SIZES["phone"])
        context.set_default_timeout(10_000)
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        step = 0

        async def shot(name: str) -> None:
            nonlocal step
            step += 1
            assert await fits_the_screen(page), name
            await page.screenshot(path=str(shots / f"{step:02d}-{name}.png"), full_page=True)

        await sign_in(page, staff_server, "drita")
        if language != "sq":
            await page.click(f"button[name=language][value={language}]")
        warning = page.locator("article.card.warning[data-area=obiliq]")
        await expect(warning).to_be_visible()
        await shot("warning")

        await warning.locator("a.button").click()
        await expect(page.locator("input[name=areas][value=obiliq]")).to_be_checked()
        await page.locator(".templates button.chip").first.click()
        await shot("compose")
        await page.locator("form button.primary[type=submit]").last.click()
        await expect(page.locator("#recipients")).to_have_text("5")  # the reporters
        send = page.locator("form.sticky button.primary")
        await expect(send).to_be_in_viewport()  # Send stays on screen however long the preview
        await shot("preview")
        await send.click()
        await expect(page.locator("#delivery")).to_be_visible()
        await shot("sent")

        await page.goto(staff_server.url + "/staff")
        outage = page.locator("article.card.item").first
        await expect(outage).to_be_visible()
        await expect(page.locator("article.card.warning")).to_have_count(0)
        await shot("board")
        await outage.locator("a.button[href$='/update']").click()
        ends = (datetime.now(KOSOVO) + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
        await page.fill("input[name=ends_at]", ends)
        await page.click("button[name=step][value=preview]")
        publish = page.locator("form.sticky button[name=step][value=publish]")
        await expect(publish).to_be_in_viewport()
        await shot("update-preview")
        await publish.click()
        await expect(page.locator("#delivery")).to_be_visible()

        async with staff_server.database.transaction() as session:  # as the dispatcher would
            await session.execute(update(OutboxMessage).values(state="sent"))
        await page.goto(staff_server.url + "/staff")
        asked: list[str] = []

        async def confirm(dialog: Any) -> None:
            asked.append(dialog.message)
            await dialog.accept()

        page.once("dialog", confirm)
        await shot("before-power-back")
        await page.locator("article.card.item form[action$='/restore'] button").first.click()
        await page.goto(staff_server.url + "/staff")
        await expect(page.locator("article.card.item")).to_have_count(0)
        await shot("after-power-back")
        await chromium.close()

    [question] = asked  # names the outage and how many chats heard of it
    assert ("Obiliq" in question or "Обилић" in question) and " 5 " in question
    types = [event["type"] for event in await staff_server.events()]
    assert types == ["outage.started", "outage.updated", "outage.restored"]
    assert errors == []
    assert len(list(shots.glob("*.png"))) == 8
