"""Shared test helpers (moved out of tests/test_staff_page.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from tests.support.staff import PASSWORD, StaffServer

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
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desk": {"viewport": {"width": 1280, "height": 800}},
}

CHROMIUM = "/usr/bin/chromium"


def browser_env() -> dict[str, str]:
    """This process's environment without libfaketime: Chromium hangs under it (when the suite
    runs under faketime), and the time of day tested is the server's, not the browser's."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith("FAKETIME")
    }


@pytest_asyncio.fixture(name="page", params=list(SIZES))
async def page_fixture(
    request: pytest.FixtureRequest, staff_server: StaffServer
) -> AsyncIterator[Any]:
    """A Chromium page at each size: a 390×844 phone, and a desk."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGS, env=browser_env()
        )
        context = await browser.new_context(**SIZES[request.param])
        context.set_default_timeout(10_000)
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))  # JavaScript errors
        yield page
        await browser.close()
        assert errors == [], errors


async def fits_the_screen(page: Any) -> bool:
    return await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


async def sign_in(page: Any, server: StaffServer, username: str, password: str = PASSWORD) -> None:
    await page.goto(server.url + "/staff/login")
    await page.fill("input[name=username]", username)
    await page.fill("input[name=password]", password)
    await page.click("button[type=submit]")
