"""``/outages`` lists the chat's rotating cuts today and tomorrow (its codes' places and the
places it follows), through the real conversation with an injected clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.turn import Deps
from locales.i18n import translate
from services import alerts
from services.alerts.quiet import KOSOVO
from services.db import Database
from services.db.models import Chat
from tests.fakes.chat import FakeChat
from tests.support.alerts import add_chat, stamp

pytestmark = pytest.mark.db
DAY = date(2026, 11, 20)


def kosovo(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=KOSOVO).astimezone(UTC)


def rotation(groups: list[dict]) -> dict:
    return {
        "id": "rot-1",
        "type": "rotation.published",
        "occurred_at": stamp(kosovo(DAY, 9)),
        "rotation_id": "ROT-1",
        "starts_on": DAY.isoformat(),
        "ends_on": (DAY + timedelta(days=1)).isoformat(),
        "groups": groups,
    }


async def outages_at(demo_database: Database, deps: Deps, now: datetime, language: str) -> str:
    """``/outages`` at ``now`` in a chat in ``language`` that follows Dardania."""
    external_id = f"chat-{language}"
    async with demo_database.transaction() as session:
        known = await session.scalar(select(Chat.id).where(Chat.external_id == external_id))
    if known is None:
        await add_chat(demo_database, external_id, language=language, areas=["dardania"])
    conversation = Conversation(demo_database, replace(deps, clock=lambda: now))
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=external_id)
    await chat.say("/outages")
    return chat.text


GROUPS = [
    {"id": "A", "places": ["dardania"], "slots": ["08:00-10:00", "22:00-02:00"]},
    {"id": "B", "places": ["DPR"], "slots": ["12:00-14:00"]},
    {"id": "C", "places": ["qendra"], "slots": ["16:00-18:00"]},
]


async def test_at_23_59_the_cut_under_way_and_tomorrows(
    demo_database: Database, deps: Deps
) -> None:
    await alerts.ingest_event(demo_database, rotation(GROUPS), now=kosovo(DAY, 9))
    text = await outages_at(demo_database, deps, kosovo(DAY, 23, 59), "en")
    assert "🔄 Your next rotating power cuts:" in text
    cuts = text.split("🔄 Your next rotating power cuts:\n")[1].split("\n\n")[0].splitlines()
    assert cuts == [
        "• Now, until 02:00 (group A)",
        "• Tomorrow, 08:00–10:00 (group A)",
        "• Tomorrow, 12:00–14:00 (group B)",
        "• Tomorrow, 22:00–02:00 (group A)",
    ]


async def test_at_00_01_in_serbian(demo_database: Database, deps: Deps) -> None:
    await alerts.ingest_event(demo_database, rotation(GROUPS), now=kosovo(DAY, 9))
    text = await outages_at(demo_database, deps, kosovo(DAY + timedelta(days=1), 0, 1), "sr")
    assert translate("🔄 Your next rotating power cuts:", "sr") in text
    assert "• Сада, до 02:00 (група A)" in text
    assert "• Данас, 22:00–02:00 (група A)" in text
    assert "Сутра" not in text  # the timetable ends today


async def test_no_cut_left_today_or_tomorrow(demo_database: Database, deps: Deps) -> None:
    await alerts.ingest_event(demo_database, rotation(GROUPS[2:] + GROUPS[:1]), now=kosovo(DAY, 9))
    text = await outages_at(demo_database, deps, kosovo(DAY + timedelta(days=1), 23, 0), "sq")
    assert "• Tani, deri në orën 02:00 (grupi A)" in text
    text = await outages_at(demo_database, deps, kosovo(DAY + timedelta(days=2), 1, 0), "en")
    assert "Now, until 02:00" in text
    text = await outages_at(demo_database, deps, kosovo(DAY + timedelta(days=2), 3, 0), "en")
    assert "rotating" not in text  # the timetable has run out


async def test_a_chat_of_another_group_sees_none_today_or_tomorrow(
    demo_database: Database, deps: Deps
) -> None:
    groups = [{"id": "C", "places": ["qendra"], "slots": ["16:00-18:00"]}]
    await alerts.ingest_event(demo_database, rotation(groups), now=kosovo(DAY, 9))
    text = await outages_at(demo_database, deps, kosovo(DAY, 12), "en")
    assert "rotating" not in text
    groups += [{"id": "D", "places": ["dardania"], "slots": ["08:00-10:00"]}]
    event = {**rotation(groups), "id": "rot-2", "occurred_at": stamp(kosovo(DAY, 10))}
    await alerts.ingest_event(demo_database, event, now=kosovo(DAY, 10))
    text = await outages_at(demo_database, deps, kosovo(DAY + timedelta(days=1), 11), "en")
    assert "🔄 Rotating power cuts: none for you today or tomorrow." in text  # C runs on
