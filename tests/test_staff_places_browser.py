"""Issue 23 in Chromium, on a phone and on a desk: an operator picks three places of two levels
(a neighbourhood and two municipalities) by typing parts of their names, takes one away and
adds it back, previews the chats reached per place and in all, and publishes; every page fits
the screen. Screenshots of each step are kept in ``KESCO_TEST_ARTIFACTS`` (default
``.test-artifacts/``) under ``places-picker``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import CHROMIUM, fits_the_screen, page_fixture, sign_in  # noqa: F401
from tests.support.places import chat_at
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401

pytestmark = [
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing"),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]

ARTIFACTS = Path(os.environ.get("KESCO_TEST_ARTIFACTS", ".test-artifacts")) / "places-picker"


async def pick(page: Any, typed: str, label: str) -> None:
    """Type ``typed`` in the place search and pick the option ``label`` with the keyboard."""
    from playwright.async_api import expect

    search = page.locator("#place-q")
    await search.fill("")
    await search.press_sequentially(typed, delay=40)
    option = page.locator("#place-results [role=option]", has_text=label)
    await expect(option.first).to_be_visible()
    options = await page.locator("#place-results [role=option]").all_inner_texts()
    for _step in range(next(i for i, text in enumerate(options) if label in text) + 1):
        await search.press("ArrowDown")
    await search.press("Enter")
    await expect(page.locator("#chosen-places .chip", has_text=label)).to_be_visible()
    await expect(search).to_have_value("")


async def test_three_places_of_two_levels_typed_previewed_per_place_and_published(
    page: Any, staff_server: StaffServer, request: pytest.FixtureRequest
) -> None:
    from playwright.async_api import expect

    shots = ARTIFACTS / request.node.callspec.id
    shots.mkdir(parents=True, exist_ok=True)
    database = staff_server.database
    await chat_at(database, "dragodan", follows=("dragodan",))
    await chat_at(database, "both", follows=("dragodan", "podujeve"))
    await chat_at(database, "podujeve", follows=("podujeve",))
    await chat_at(database, "fushe", follows=("fushe-kosove",))
    await chat_at(database, "lipjan", follows=("lipjan",))  # not picked
    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await page.click("button[name=language][value=en]")
    await page.goto(staff_server.url + "/staff/notices/new")
    await expect(page.locator("#places button.find")).to_be_hidden()  # the script searches

    await pick(page, "dragod", "Dragodan · Prishtina")  # a neighbourhood
    await pick(page, "podujev", "Podujevë")  # a municipality
    await pick(page, "fush kos", "Fushë Kosovë")  # another, typed without diacritics
    await page.screenshot(path=str(shots / "01-three-places.png"), full_page=True)
    assert await fits_the_screen(page)
    chip = page.locator("#chosen-places .chip", has_text="Podujevë")
    await chip.locator("button.remove").click()
    await expect(chip).to_have_count(0)
    await pick(page, "besian", "Podujevë")  # its other name
    await expect(page.locator("#chosen-places .chip")).to_have_count(3)
    await expect(page.locator("select[name=district]")).to_have_value("DPR")
    await page.fill("textarea[name=text_en]", "A cable fault.")
    await page.locator("form#compose button.primary[type=submit]").click()

    table = page.locator("#by-place")
    await expect(table).to_be_visible()
    counts = {
        place: await table.locator(f"tr[data-place={place}] td.n").inner_text()
        for place in ("dragodan", "podujeve", "fushe-kosove")
    }
    assert counts == {"dragodan": "2", "podujeve": "2", "fushe-kosove": "1"}
    await expect(table.locator("tr.total td.n")).to_have_text("4")  # "both" once
    await expect(page.locator("#recipients")).to_have_text("4")
    english = page.locator("section.lang[lang=en] .bubble[data-channel=telegram]")
    await expect(english).to_contain_text("Power outage in Dragodan, Fushë Kosovë, Podujevë since")
    await page.screenshot(path=str(shots / "02-preview-per-place.png"), full_page=True)
    assert await fits_the_screen(page)

    await page.locator("form.sticky button.primary").click()
    await expect(page.locator("#delivery")).to_be_visible()
    await page.screenshot(path=str(shots / "03-published.png"), full_page=True)
    event = (await staff_server.events())[-1]
    assert set(event.get("areas", [])) | set(event.get("places", [])) == {
        "dragodan",
        "podujeve",
        "fushe-kosove",
    }
    assert len(await staff_server.outbox(event["id"])) == 4
