"""Customers' reports as staff see them, end to end: chats report no power through the real
conversation; ``GET /api/v1/reports`` and the page give them by area with a warning; the
prefilled notice, once published, reaches the reporters; the metric counts them by district."""

from __future__ import annotations

import re

import aiohttp
import pytest
from prometheus_client import REGISTRY

from bot.metrics import power_reports_refresher
from handlers.conversation import Conversation
from services import alerts
from services.db import Database
from services.places import place_tree
from tests.fakes.chat import FakeChat
from tests.support.alerts import outbox_rows
from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import call, jar, login

pytestmark = pytest.mark.db


async def report(conversation: Conversation, chat_id: str, area: str, district: str) -> None:
    chat = FakeChat(conversation.handle, channel="viber", chat_id=chat_id, language_hint="sq")
    await chat.say("s'kam rrymë")
    for level in reversed(place_tree().ancestors(area)):  # district, municipality, ...
        if f"rep:a:{area}" in chat.payloads():
            break
        await chat.press(f"rep:d:{level}")
    await chat.press(f"rep:a:{area}")
    assert "Faleminderit" in chat.text


async def test_reports_by_area_warn_and_become_a_notice_that_reaches_the_reporters(
    staff_server: StaffServer, conversation: Conversation, demo_database: Database
) -> None:
    for number in range(5):
        await report(conversation, f"r{number}", "ulpiana", "DPR")
    await report(conversation, "r9", "qendra", "DGJ")

    status, body = await call(staff_server, "GET", "/api/v1/reports")
    assert status == 200, body
    assert body["rule"] == {"count": 5, "minutes": 30}
    first, second = body["areas"]
    assert (first["area_id"], first["count"], first["recent"]) == ("ulpiana", 5, 5)
    assert (first["warning"], first["known_outage"]) == (True, False)
    assert first["names"]["sr"] == "Улпијана" and first["first_at"] <= first["last_at"]
    assert (second["area_id"], second["warning"]) == ("qendra", False)

    mira = await staff_server.add_staff("mira", "operator", "DGJ")
    _, theirs = await call(staff_server, "GET", "/api/v1/reports", mira)
    assert [row["area_id"] for row in theirs["areas"]] == ["qendra"]
    for since in ("yesterday", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"):
        status, error = await call(staff_server, "GET", f"/api/v1/reports?since={since}")
        assert (status, error["field"]) == (400, "since")
    assert (await call(staff_server, "GET", "/api/v1/reports", None))[0] == 401

    refresh = power_reports_refresher(demo_database)
    await refresh()
    assert REGISTRY.get_sample_value("kesco_power_reports_open", {"district": "DPR"}) == 5
    assert REGISTRY.get_sample_value("kesco_power_reports_last_hour", {"district": "DGJ"}) == 1
    assert REGISTRY.get_sample_value("kesco_power_reports_open", {"district": "DPE"}) == 0

    notice = {**first["notice"], "confirm": True}
    status, created = await call(staff_server, "POST", "/api/v1/notices", json=notice)
    assert status == 201, created
    assert created["recipients"] == 3 + 5  # the chats following Ulpiana and the reporters
    await alerts.run_pending(demo_database)  # the fan-out runs after the answer
    rows = await outbox_rows(demo_database, created["notice"]["event_id"])
    assert sum(row.channel == "viber" for row in rows) == 5
    _, body = await call(staff_server, "GET", "/api/v1/reports")
    [ulpiana] = [row for row in body["areas"] if row["area_id"] == "ulpiana"]
    assert (ulpiana["known_outage"], ulpiana["warning"]) == (True, False)


async def test_the_reports_page_makes_a_prefilled_notice(
    staff_server: StaffServer, conversation: Conversation
) -> None:
    for number in range(5):
        await report(conversation, f"r{number}", "ulpiana", "DPR")
    await staff_server.add_staff("ana", "operator", "DPR")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff/reports") as response:
            text = await response.text()
        assert 'data-area="ulpiana"' in text and "card report warning" in text
        link = re.search(r'href="(/staff/notices/new\?[^"]+)"', text)
        assert link
        async with http.get(staff_server.url + link.group(1).replace("&amp;", "&")) as response:
            form = await response.text()
        assert re.search(r'value="ulpiana" checked', form)
        assert re.search(r'<option value="DPR" selected', form)
        assert re.search(r'name="starts_at" value="\d{4}-\d\d-\d\dT\d\d:\d\d"', form)
