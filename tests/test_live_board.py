"""A board that is live (issue 22): it refreshes itself within 10 s without a reload (new
reports, delivery, an outage's state) and falls back to a reload link without JavaScript; its
counters count chats, not messages summed across an outage and its updates."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from typing import Any

import pytest

from handlers.conversation import Conversation
from services.notices.views import EventDelivery, Progress, Spent
from tests.fakes.chat import FakeChat
from tests.support.browser import (  # noqa: F401
    ARGS,
    CHROMIUM,
    SIZES,
    browser_env,
    page_fixture,
    sign_in,
)
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401

needs_chromium = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing")
NOON = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)


def _event(kind: str, sent: int) -> EventDelivery:
    return EventDelivery(kind, kind, sent, False, NOON, {"sent": sent}, {})


def test_the_counters_count_chats_not_messages() -> None:
    progress = Progress(
        id="n1",
        status="published",
        recipients=6,
        counts={"sent": 5, "unconfirmed": 1},
        events=(_event("outage.started", 6), _event("outage.updated", 6)),
        failures={},
        delivery="delivered",
        stoppable=False,
        done=True,
        spent=Spent(0, 0.0),
    )
    assert progress.totals(["sent", "unconfirmed", "failed"]) == {
        "sent": 5,
        "unconfirmed": 1,
        "failed": 0,
    }
    assert progress.heard == 6  # what a restore's confirmation names


async def _reports(conversation: Conversation, area: str, count: int) -> None:
    for number in range(count):
        chat = FakeChat(conversation.handle, chat_id=f"live{number}", language_hint="en")
        await chat.say("I have no power")
        await chat.press("rep:d:DPR")
        await chat.press(f"rep:a:{area}")


@needs_chromium
@pytest.mark.db
@pytest.mark.slow  # a browser
async def test_the_board_shows_new_reports_without_a_reload(
    page: Any, staff_server: StaffServer, conversation: Conversation
) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await expect(page.locator("article.card.warning")).to_have_count(0)
    assert await page.locator("a.reload").is_hidden()  # JavaScript refreshes instead
    await page.evaluate("window.stillTheSamePage = true")
    await _reports(conversation, "obiliq", 5)
    warning = page.locator("article.card.warning[data-area=obiliq]")
    await expect(warning).to_be_visible(timeout=15_000)  # within one refresh (10 s)
    assert await page.evaluate("window.stillTheSamePage") is True  # no reload happened
    await expect(page.locator("#live-note")).not_to_be_empty()


@needs_chromium
@pytest.mark.db
@pytest.mark.slow  # a browser
async def test_without_javascript_the_board_has_a_reload_link(
    staff_server: StaffServer,
) -> None:
    from playwright.async_api import async_playwright, expect

    await staff_server.add_staff("ana", "operator", "DPR")
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, env=browser_env()
        )
        context = await chromium.new_context(java_script_enabled=False, **SIZES["phone"])
        page = await context.new_page()
        await sign_in(page, staff_server, "ana")
        await expect(page.locator("a.reload")).to_be_visible()
        await page.click("a.reload")
        assert page.url.endswith("/staff")
        await chromium.close()
