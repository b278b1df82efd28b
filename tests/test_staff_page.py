"""The staff page in a real headless Chromium (Playwright), on a 390×844 phone and on a desk:
sign in, compose, preview in every language for Telegram and Viber, send, watch the delivery
(failures by reason, Stop only while sending), the board of what is happening now (names, an
overdue outage flagged, Update, Power is back), languages, and no page scrolls sideways."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from services import alerts
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.notices.events import event_id_for
from tests.support.browser import (
    CHROMIUM,
    fits_the_screen,
    page_fixture,  # noqa: F401
    sign_in,
)
from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call

KOSOVO = ZoneInfo("Europe/Belgrade")

pytestmark = [
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
    pytest.mark.db,
    pytest.mark.slow,  # a browser
]


async def fail_rows(database: Database, event_id: str, **reasons: int) -> None:
    """Fail queued rows of ``event_id`` as the dispatcher records them, by reason (once the
    fan-outs woken so far have run)."""
    await alerts.run_pending(database)
    errors = {
        "blocked": ("blocked", "recipient gone: Forbidden: bot was blocked by the user"),
        "gone": ("blocked", "recipient gone: viber status 6 (receiverNotSubscribed)"),
        "rate_limited": ("failed", "gave up after 8 attempts: rate limited: Flood control"),
        "gave_up": ("failed", "gave up after 8 attempts: TimedOut: timed out"),
    }
    async with database.transaction() as session:
        ids = list(
            await session.scalars(
                select(OutboxMessage.id).where(
                    OutboxMessage.event_id == event_id, OutboxMessage.state == "queued"
                )
            )
        )
        for reason, count in reasons.items():
            chosen, ids = ids[:count], ids[count:]
            state, error = errors[reason]
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(chosen))
                .values(state=state, last_error=error)
            )


async def test_sign_in_compose_preview_send_and_watch(page: Any, staff_server: StaffServer) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("ana", "operator", "DPR")
    await page.goto(staff_server.url + "/staff")
    await expect(page).to_have_url(staff_server.url + "/staff/login")
    assert await fits_the_screen(page)
    await expect(page.locator("html")).to_have_attribute("lang", "sq")  # Albanian by default

    await sign_in(page, staff_server, "ana", "not the password")
    await expect(page.locator(".error")).to_have_text("Emër përdoruesi ose fjalëkalim i gabuar.")
    await page.click("button[name=language][value=en]")
    await sign_in(page, staff_server, "ana")
    await expect(page.locator("h1")).to_have_text("Now")
    cookies = {c["name"]: c for c in await page.context.cookies()}
    assert cookies["kesco_staff"]["httpOnly"] is True
    assert cookies["kesco_staff"]["sameSite"] == "Strict"

    await page.click("nav >> text=New notice")
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

    await expect(page.locator("h1")).to_contain_text("Outage · Dardania · today")
    [event] = await staff_server.events()
    notice_id = page.url.rsplit("/", 1)[1]
    assert event["id"] == event_id_for(notice_id)
    assert notice_id not in await page.locator("main").inner_text()  # names, not ids
    await expect(page.locator("#delivery")).to_have_text("Sending")
    await expect(page.locator("[data-state=queued]")).to_have_text("3")
    await expect(page.locator("button.stop")).to_be_visible()  # Stop while sending
    await staff_server.deliver(event["id"], sent=1)
    await expect(page.locator("[data-state=sent]")).to_have_text("1")
    await fail_rows(staff_server.database, event["id"], blocked=1, rate_limited=1)
    await expect(page.locator("[data-state=queued]")).to_have_text("0")
    await expect(page.locator("#delivery")).to_have_text("Delivered")
    await expect(page.locator(".failures [data-reason=blocked] .n")).to_have_text("1")
    await expect(page.locator(".failures [data-reason=rate_limited] .n")).to_have_text("1")
    await expect(page.locator("button.stop")).to_be_hidden()  # nothing left to stop
    await expect(page.locator("#progress-note")).to_have_text("Finished.")
    assert await fits_the_screen(page)

    await page.click("nav >> text=Audit log")
    await expect(page.locator("ul.audit")).to_contain_text("created a notice")
    await expect(page.locator("ul.audit")).to_contain_text("failed to sign in")
    assert await fits_the_screen(page)


async def test_a_notice_whose_messages_all_failed_is_shown_as_failed(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    _, created = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice = created["notice"]
    await fail_rows(staff_server.database, notice["event_id"], blocked=1, gone=1, gave_up=1)
    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await page.goto(f"{staff_server.url}/staff/notices/{notice['id']}")
    await expect(page.locator("#delivery")).to_have_text("Dështoi: asnjë mesazh nuk arriti")
    failures = page.locator(".failures")
    await expect(failures).to_contain_text("përdoruesi e bllokoi botin")
    for reason, count in (("blocked", "1"), ("gone", "1"), ("gave_up", "1"), ("rejected", "0")):
        await expect(failures.locator(f"[data-reason={reason}] .n")).to_have_text(count)
    await expect(page.locator("button.stop")).to_have_count(0)
    await page.goto(staff_server.url + "/staff")
    card = page.locator(f"article[data-subject='outage:staff-{notice['id']}']")
    await expect(card).to_have_class("card item failed")
    await expect(card.locator(".delivery")).to_contain_text("Dështoi")
    assert await fits_the_screen(page)


async def test_the_board_at_three_in_the_morning(page: Any, staff_server: StaffServer) -> None:
    from playwright.async_api import expect

    now = datetime.now(UTC)
    late = {
        **OUTAGE,
        "areas": ["kodra-e-diellit"],
        "id": "late-outage-1",
        "starts_at": (now - timedelta(hours=6)).isoformat(),
        "ends_at": (now - timedelta(hours=3)).isoformat(),
    }
    assert (await call(staff_server, "POST", "/api/v1/notices", json=late))[0] == 201
    fresh = {**OUTAGE, "id": "fresh-outage-1", "ends_at": (now + timedelta(hours=2)).isoformat()}
    assert (await call(staff_server, "POST", "/api/v1/notices", json=fresh))[0] == 201
    await staff_server.add_staff("ana", "operator", "DPR")
    await sign_in(page, staff_server, "ana")
    await page.click("button[name=language][value=sr]")
    await expect(page.locator("h1")).to_have_text("Сада")

    overdue = page.locator("article[data-subject='outage:staff-late-outage-1']")
    await expect(overdue).to_have_class("card item overdue")
    await expect(overdue.locator("h3")).to_contain_text("Нестанак струје · Сунчани Брег")
    await expect(overdue.locator(".warning")).to_contain_text("Очекивани крај је одавно прошао")
    current = page.locator("article[data-subject='outage:staff-fresh-outage-1']")
    await expect(current.locator(".areas")).to_have_text("Приштина: Дарданија, Улпијана")
    await expect(current.locator(".delivery")).to_contain_text("0 разговора обухваћено")
    text = await page.locator("main").inner_text()
    assert "kodra-e-diellit" not in text and "late-outage-1" not in text  # names, not ids
    assert await fits_the_screen(page)

    await overdue.locator("a:has-text('Обавести о промени')").click()
    ends = (datetime.now(KOSOVO) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    await page.fill("input[name=ends_at]", ends)
    assert await fits_the_screen(page)
    await page.click("button:has-text('Прегледај измену пре слања')")
    await expect(page.locator("form.sticky button.primary")).to_be_in_viewport()  # on a phone too
    await page.click("button:has-text('Објави измену')")
    await expect(page.locator("#delivery")).to_be_visible()
    await page.goto(staff_server.url + "/staff")
    await expect(overdue).to_have_class("card item")  # no longer overdue

    page.once("dialog", lambda dialog: dialog.accept())
    await current.locator("button:has-text('Струја је враћена')").click()
    await page.goto(staff_server.url + "/staff")
    await expect(current).to_have_count(0)
    types = [event["type"] for event in await staff_server.events()]
    assert types == ["outage.started", "outage.started", "outage.updated", "outage.restored"]


async def test_scheduled_notice_is_cancelled_from_the_page(
    page: Any, staff_server: StaffServer
) -> None:
    from playwright.async_api import expect

    await staff_server.add_staff("besa", "operator", "DGJ,DPR")
    await page.goto(staff_server.url + "/staff/login")
    await page.click("button[name=language][value=en]")
    await sign_in(page, staff_server, "besa")
    await page.goto(staff_server.url + "/staff/notices/new")
    await page.check("input[name=kind][value=planned_work]")
    await page.select_option("#district", "DGJ")
    await expect(page.locator("input[name=areas][value=dardania]")).to_be_hidden()
    await page.click("#all-areas")
    day = datetime.now(KOSOVO).date() + timedelta(days=3)
    await page.fill("input[name=starts_at]", f"{day}T08:00")
    await page.fill("input[name=ends_at]", f"{day}T14:00")
    await page.click("button:has-text('Preview')")
    await expect(page.locator(".error")).to_contain_text("Albanian, English and Serbian")
    await page.click(".templates button:has-text('Maintenance')")  # a reason template
    await expect(page.locator("textarea[name=text_sr]")).to_have_value(
        "Радови на одржавању електричне мреже."
    )
    await page.check("input[name=when][value=later]")
    await page.fill("input[name=publish_at]", f"{day - timedelta(days=1)}T09:00")
    await page.click("button:has-text('Preview')")
    await expect(page.locator(".bubble[data-channel=viber][data-lang=en]")).to_contain_text(
        "Planned works in City centre"
    )
    await page.click("button:has-text('Send')")
    await expect(page.locator(".facts").first).to_contain_text("Scheduled")
    page.once("dialog", lambda dialog: dialog.accept())
    await page.click("button:has-text('Cancel notice')")
    await expect(page.locator(".facts").first).to_contain_text("Cancelled")
    assert await staff_server.events() == []
