"""Issue 22's staff-page fixes in Chromium on a 390×844 phone: a notice written in one
language, whose end is more than three days away, is previewed with the time flagged and the
Albanian reason shown as the operator's words in the other languages; the audit log then reads
in Serbian all the way down, and every page fits the screen."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from typing import Any

import pytest

from services.alerts.quiet import KOSOVO
from tests.support.browser import CHROMIUM, fits_the_screen, page_fixture, sign_in  # noqa: F401
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401

pytestmark = [
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing"),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]


async def test_one_language_a_far_end_and_the_audit_in_serbian(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await page.goto(staff_server.url + "/staff/notices/new")
    await page.select_option("select[name=district]", "DPR")
    await page.check("input[name=areas][value=dardania]")
    far = (datetime.now(KOSOVO) + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    await page.fill("input[name=ends_at]", far)
    await page.fill("textarea[name=text_sq]", "Defekt në kabllo.")  # Albanian only
    await page.locator("form#compose button.primary[type=submit]").click()
    await expect(page.locator("p.warning")).to_contain_text("tri ditë")  # flagged, in Albanian
    english = page.locator("section.lang[lang=en] .bubble[data-channel=telegram]")
    await expect(english).to_contain_text(
        "Reason, in the operator's words (in Albanian): Defekt në kabllo."
    )
    assert await fits_the_screen(page)
    await page.locator("form.sticky button.primary").click()
    await expect(page.locator("#delivery")).to_be_visible()

    await page.click("button[name=language][value=sr]")
    await page.goto(staff_server.url + "/staff/audit")
    log = page.locator("ul.audit")
    await expect(log).to_contain_text("страница за особље")  # how it was done, in Serbian
    await expect(log).to_contain_text("објављено у разговорима")
    text = await log.inner_text()
    assert "alerts engine" not in text and "publish at" not in text
    assert await fits_the_screen(page)
