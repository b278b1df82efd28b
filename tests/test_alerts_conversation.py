"""``/outages`` and ``/alerts`` through the real conversation, in every language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.conversation import Conversation
from locales.i18n import translate
from locales.languages import CODES as LANGUAGES
from services import alerts
from services.db import Database
from services.db.types import utcnow
from tests.fakes.chat import FakeChat
from tests.support.alerts import outage_started, outbox_rows, planned_work, stamp

pytestmark = pytest.mark.db
NO_AREA = (
    "You follow no area yet. Link a customer code with /link, or follow an area to hear about "
    "outages and planned works there."
)


async def started_chat(conversation: Conversation, language: str) -> FakeChat:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id="555")
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    return chat


@pytest.mark.parametrize("language", LANGUAGES)
async def test_follow_an_area_and_see_its_outages_and_planned_works(
    conversation: Conversation, demo_database: Database, language: str
) -> None:
    chat = await started_chat(conversation, language)
    assert {"cmd:outages", "cmd:alerts"} <= set(chat.payloads())
    await chat.say("/outages")
    assert translate(NO_AREA, language) in chat.text
    await chat.press("follow:")
    districts = [payload for payload in chat.payloads() if payload.startswith("follow:D")]
    assert "follow:DPR" in districts and len(districts) == 7
    prishtina = {"sq": "Prishtinë", "en": "Prishtina", "sr": "Приштина", "sr-Latn": "Priština"}
    assert f"{prishtina[language]} ›" in [button.text for button in chat.buttons()]
    await chat.press("follow:DPR")
    await chat.press("follow:prishtine")
    assert "area:dardania" in chat.payloads()
    await chat.press("area:ulpiana")
    assert any(b.text.startswith("✓ ") for b in chat.buttons() if b.payload == "area:ulpiana")
    assert all(len(p.encode()) < 64 for p in chat.payloads())

    now = utcnow()
    await alerts.ingest_event(demo_database, outage_started(areas=("ulpiana",), at=now), now=now)
    work = planned_work(
        areas=("ulpiana",), district="DPR", starts_at=now + timedelta(days=1), at=now
    )
    await alerts.ingest_event(demo_database, work, now=now)
    assert len(await outbox_rows(demo_database)) == 2
    await chat.say("/outages")
    assert translate("⚡ Outages now:", language) in chat.text
    assert translate("🛠 Planned works:", language) in chat.text
    assert translate("Last updated: {time}", language).split("{")[0] in chat.text

    await chat.press("follow:")
    await chat.press("follow:DPR")
    await chat.press("follow:prishtine")
    await chat.press("area:ulpiana")
    assert translate("You no longer follow {area}.", language).split("{")[0] in chat.text
    await chat.say("/outages")
    assert translate(NO_AREA, language) in chat.text


async def test_linked_code_area_counts_as_the_chats_area(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await started_chat(conversation, "en")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat.say("/outages")
    assert "Your areas: Dardania" in chat.text
    assert "We know of no outage in your areas." in chat.text
    assert "✅" not in chat.text  # no green tick to someone who may be in the dark
    assert "We have not received any outage information yet." in chat.text
    assert "rep:start" in chat.payloads()
    await alerts.ingest_event(demo_database, outage_started(at=utcnow()))
    await chat.say("/outages")
    assert "⚡ Outages now:" in chat.text and "• Dardania: since" in chat.text
    restored = {
        "id": "r",
        "type": "outage.restored",
        "outage_id": "OUT-1",
        "occurred_at": stamp(utcnow()),
        "restored_at": stamp(utcnow()),
    }
    assert (await alerts.ingest_event(demo_database, restored)).status == "applied"
    await chat.say("/outages")
    assert "We know of no outage in your areas." in chat.text
    assert "We have not received" not in chat.text and "Last updated: " in chat.text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_alerts_switch_kinds_and_quiet_hours(
    conversation: Conversation, demo_database: Database, language: str
) -> None:
    chat = await started_chat(conversation, language)
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat.say("/alerts")
    on, off = translate("on", language), translate("off", language)
    bills = translate("🧾 New bills", language)
    assert f"{bills}: {on}" in chat.text
    assert "22:00–07:00" in chat.text
    await chat.press("alerts:bills")
    assert f"{bills}: {off}" in chat.text
    await chat.press("alerts:quiet")
    assert "23:00–07:00" in chat.text
    for _step in range(2):
        await chat.press("alerts:quiet")
    assert translate("🌙 Quiet hours: {hours}", language).format(hours=off) in chat.text

    bill = {
        "id": "b",
        "type": "bill.issued",
        "occurred_at": stamp(utcnow()),
        "customer_code": "DPR100001",
        "amount": "42.50",
        "currency": "EUR",
        "period": "2026-10",
        "due_date": "2026-12-05",
    }
    assert (await alerts.ingest_event(demo_database, bill)).recipients == 0
    outage = outage_started(at=utcnow())
    assert (await alerts.ingest_event(demo_database, outage)).recipients == 1
    await chat.press("alerts:outages")
    assert await alerts.count_recipients(demo_database, outage_started("x", "OUT-2")) == 0
