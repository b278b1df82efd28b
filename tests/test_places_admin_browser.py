"""The places page in Debian Chromium on a 390×844 phone (issue 23): an admin finds Podujevë
by typing (the list answers as typed), adds a village under it after a preview, renames it, and
the old name still finds it; every page fits the screen. Screenshots in .test-artifacts."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from services.places.in_use import place_tree, use_file
from tests.support.browser import ARGS, CHROMIUM, SIZES, browser_env, fits_the_screen, sign_in
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401

pytestmark = [
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing"),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]
ARTIFACTS = Path(__file__).resolve().parent.parent / ".test-artifacts"


@pytest.fixture(autouse=True)
def _shipped_file() -> Iterator[None]:
    use_file(None)
    yield
    use_file(None)


@pytest_asyncio.fixture
async def phone(staff_server: StaffServer) -> AsyncIterator[Any]:
    """A Chromium page the size of a phone (no JavaScript error allowed)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, env=browser_env()
        )
        context = await browser.new_context(**SIZES["phone"])
        context.set_default_timeout(10_000)
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        await browser.close()
        assert errors == [], errors


async def test_an_admin_adds_a_village_and_renames_it_on_a_phone(
    phone: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    page = phone
    ARTIFACTS.mkdir(exist_ok=True)
    await sign_in(page, staff_server, "admin", ADMIN_TOKEN)
    await page.click("button[name=language][value=en]")
    await page.click("nav a[href='/staff/places/tree']")
    await expect(page.locator("h1")).to_have_text("Places")
    assert await fits_the_screen(page)

    await page.fill("form.place-find input[name=q]", "podujev")  # answered as typed
    first = page.locator("#place-found li").first
    await expect(first).to_have_attribute("data-id", "podujeve")
    assert page.url.endswith("/staff/places/tree")  # no form was sent
    await first.locator("a").click()
    await expect(page.locator("h1")).to_have_text("Podujevë")

    await page.click("#add summary")
    add = page.locator("form.place-form.add")
    await add.locator("select[name=level]").select_option("settlement")
    await add.locator("input[name=name_sq]").fill("Lluzhan")
    await add.locator("input[name=name_sr]").fill("Лужане")
    await add.locator("textarea[name=aliases]").fill("Luzhan")
    await add.locator("button[name=do][value=preview]").click()
    preview = page.locator("#add .preview-result")
    await expect(preview).to_contain_text("у насељу Лужане")
    assert "lluzhan" not in place_tree()
    assert await fits_the_screen(page)
    await page.screenshot(path=str(ARTIFACTS / "places-add-preview-phone.png"), full_page=True)
    await page.locator("#add button[name=do][value=publish]").click()
    await expect(page.locator("h1")).to_have_text("Lluzhan")
    await expect(page.locator("p.note")).to_contain_text("Published as version 1")
    await expect(page.locator("nav.place-path")).to_contain_text("Podujevë")

    await page.click("#rename summary")
    rename = page.locator("form.place-form.rename")
    await rename.locator("input[name=name_sq]").fill("Lluzhani")
    await rename.locator("button[name=do][value=publish]").click()
    await expect(page.locator("h1")).to_have_text("Lluzhani")
    await expect(page.locator(".place-card")).to_contain_text("Also found as: Luzhan, Lluzhan")
    assert await fits_the_screen(page)
    await page.screenshot(path=str(ARTIFACTS / "places-renamed-phone.png"), full_page=True)

    await page.click("nav a[href='/staff/places/tree']")
    await page.fill("form.place-find input[name=q]", "lluzhan")  # the old name finds it
    await expect(page.locator("#place-found li").first).to_have_attribute("data-id", "lluzhan")
    await expect(page.locator("ul.versions")).to_contain_text("a place renamed")
    assert await fits_the_screen(page)
    await page.goto(staff_server.url + "/staff/audit")
    await expect(page.locator("ul.audit")).to_contain_text("Lluzhan → Lluzhani, version 2")
