"""Answers staff keep, on the staff page in headless Chromium, on a phone and on a desk: an
admin writes a new topic, tries a question and sees how the bot would answer before
publishing, publishes, and a bot instance answers with it without a restart; then goes back to
the previous version in one click; the questions the bot could not answer are grouped with
counts, and a group becomes example questions of a topic. Every page fits the screen."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from services.knowledge import versions
from tests.support.browser import (
    CHROMIUM,
    fits_the_screen,
    page_fixture,  # noqa: F401
    sign_in,
)
from tests.support.knowledge import OFFICE_HOURS, instance
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401

pytestmark = [
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing"),
    pytest.mark.db,
]
QUESTION = "when is your office open"


async def fill_topic(page: Any, topic: dict[str, Any]) -> None:
    for code in ("sq", "en", "sr"):
        await page.fill(f"input[name=title_{code}]", topic["titles"][code])
        await page.fill(f"textarea[name=answer_{code}]", topic["answers"][code])
        await page.fill(f"textarea[name=example_{code}]", "\n".join(topic["examples"][code]))


async def test_an_admin_writes_previews_publishes_and_goes_back(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    bot = instance(staff_server.database)
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await page.click("button[name=language][value=en]")
    await page.click("nav a[href='/staff/faq']")
    await expect(page.locator("h1")).to_have_text("Answers")
    assert await fits_the_screen(page)
    await page.click("a[href='/staff/faq/new']")
    await page.fill("input[name=id]", "office-hours")
    await fill_topic(page, OFFICE_HOURS)
    await page.fill("input[name=question]", QUESTION)
    await page.select_option("select[name=language]", "sr-Latn")
    await page.click("button[name=do][value=preview]")
    result = page.locator(".preview-result")
    await expect(result).to_contain_text("Answers outright: Office hours")
    await expect(result).to_contain_text("Kancelarije KESCO rade od ponedeljka do petka")
    assert await fits_the_screen(page)
    async with staff_server.database.transaction() as session:
        assert await versions.latest_number(session) == 0  # nothing published by a preview

    await page.click("button[name=do][value=publish]")
    await expect(page.locator(".topics li[data-id=office-hours]")).to_be_visible()
    await expect(page.locator("section.card")).to_contain_text("Version 1")
    await bot.watcher.run_once()
    assert (await bot.chat().say(QUESTION))[0].text == OFFICE_HOURS["answers"]["en"]

    await page.click(".topics a[href='/staff/faq/topics/office-hours']")
    await page.fill("textarea[name=answer_en]", "Open 7:30 to 15:30 on working days.")
    await page.click("button[name=do][value=publish]")
    await expect(page.locator("section.card")).to_contain_text("Version 2")
    await bot.watcher.run_once()
    assert (await bot.chat().say(QUESTION))[0].text == "Open 7:30 to 15:30 on working days."

    page.on("dialog", lambda dialog: dialog.accept())
    await page.click("text=↩ Back to the previous version")
    await expect(page.locator("section.card")).to_contain_text("Version 3")
    await bot.watcher.run_once()
    assert (await bot.chat().say(QUESTION))[0].text == OFFICE_HOURS["answers"]["en"]
    await page.goto(staff_server.url + "/staff/audit")
    await expect(page.locator(".audit")).to_contain_text("published the bot's answers")


async def test_unanswered_questions_become_examples_from_the_page(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    bot = instance(staff_server.database)
    chat = bot.chat()
    for text in (
        "can I pay my debt in instalments, code DPR123456",
        "can i pay the debt in instalments please",
        "pay my old debt in instalments?",
    ):
        await chat.say(text)
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await page.click("button[name=language][value=en]")
    await page.goto(staff_server.url + "/staff/faq/unanswered")
    group = page.locator(".question-group").first
    await expect(group.locator("h2")).to_contain_text("3 times")
    await expect(group).to_contain_text("code [code]")
    assert await fits_the_screen(page)
    await group.locator("text=Start a new topic from these").click()
    await expect(page.locator("textarea[name=example_en]")).to_contain_text("old debt")
    await page.go_back()
    group = page.locator(".question-group").first
    await group.locator("select[name=topic]").select_option("intent:human")
    await group.locator("button.primary").click()
    await expect(page.locator("main")).to_contain_text("No questions waiting.")
    await bot.watcher.run_once()
    assert bot.faq.understand("could I pay what I owe in instalments").id == "intent:human"


async def test_operators_see_the_answers_but_do_not_publish(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await page.goto(staff_server.url + "/staff/faq/topics/customer-code")
    await page.fill("input[name=question]", "ku e gjej shifren")
    await page.click("button[name=do][value=preview]")
    await expect(page.locator(".preview-result")).to_be_visible()
    assert await page.locator("button[name=do][value=publish]").count() == 0
    assert await fits_the_screen(page)
