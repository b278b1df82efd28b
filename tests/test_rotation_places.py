"""Rotating cuts reach whom an outage aimed at the same places, feeders and codes would: a group
of a village reaches that village's chats and those of the places that hold it, never another
village's; a feeder group the chats whose codes hang on that feeder or station (in the group's
district); reminders go to the same chats; ``/outages`` lists exactly the groups the fan-out
told; an unknown place is refused naming the field."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.turn import Deps
from services import alerts
from services.alerts import fanout, plan
from services.alerts.quiet import KOSOVO
from services.db import Database
from services.db.alert_models import AlertPreference
from services.db.models import Chat
from services.rotation.chats import cuts_of_chat
from services.rotation.reminders import queue_due_rotation_reminders
from tests.fakes.chat import FakeChat
from tests.support.alerts import NOON, outbox_rows, stamp
from tests.support.places import chat_at, reached, told
from tests.support.signed_events import events_url_fixture, post  # noqa: F401

pytestmark = pytest.mark.db
DAY = date(2026, 11, 20)  # NOON is 12:00 of this day in Kosovo


def kosovo(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=KOSOVO).astimezone(UTC)


def rotation(event_id: str, *groups: dict[str, Any], at: datetime = NOON) -> dict[str, Any]:
    """A ``rotation.published`` of timetable ``ROT-<event_id>``, today and tomorrow."""
    return {
        "id": event_id,
        "type": "rotation.published",
        "occurred_at": stamp(at),
        "rotation_id": f"ROT-{event_id}",
        "starts_on": DAY.isoformat(),
        "ends_on": (DAY + timedelta(days=1)).isoformat(),
        "groups": list(groups),
    }


def group(group_id: str, **aim: Any) -> dict[str, Any]:
    return {"id": group_id, "slots": ["22:00-02:00"], **aim}


async def decan_chats(database: Database) -> None:
    """Chats around Deçan (DPE): Isniq and Irzniq are villages of Deçan; Pejë is another
    municipality of the district; Prishtinë is of another district (on a feeder named as one of
    Deçan's)."""
    await chat_at(database, "code-isniq", code="DPE1000001", place="isniq", feeder="DPE-F-7")
    await chat_at(database, "code-irzniq", code="DPE1000002", place="irzniq", station="TS-DPE-31")
    await chat_at(database, "code-decan", code="DPE1000003", place="decan")
    await chat_at(database, "code-peje", code="DPE1000004", place="peje", feeder="DPE-F-8")
    await chat_at(database, "code-old", code="DPE1000005", area="decan")  # an older backend
    await chat_at(database, "code-district", code="DPE1000006", place="DPE")
    await chat_at(database, "follows-isniq", follows=("isniq",))
    await chat_at(database, "follows-irzniq", follows=("irzniq",))
    await chat_at(database, "follows-decan", follows=("decan",))
    await chat_at(database, "follows-DPE", follows=("DPE",))
    await chat_at(database, "follows-peje", follows=("peje",))
    await chat_at(database, "reported-isniq", reported="isniq")
    await chat_at(
        database, "code-prishtine", code="DPR1000007", place="prishtine", feeder="DPE-F-7"
    )


HOLD_ISNIQ = {"code-decan", "code-old", "code-district", "follows-decan", "follows-DPE"}


async def test_a_village_group_reaches_the_village_and_what_holds_it_only(
    database: Database,
) -> None:
    await decan_chats(database)
    event = rotation("r1", group("A", places=["isniq"]))
    assert await reached(database, event) == {"code-isniq", "follows-isniq", *HOLD_ISNIQ}
    rows = await outbox_rows(database, "r1")
    assert all("Rotating power cuts in Isniq." in row.text for row in rows)


async def test_two_villages_each_hear_their_own_group(database: Database) -> None:
    await decan_chats(database)
    event = rotation("r1", group("A", places=["isniq"]), group("B", places=["irzniq"]))
    names = await reached(database, event)
    assert names == {"code-isniq", "follows-isniq", "code-irzniq", "follows-irzniq", *HOLD_ISNIQ}
    async with database.transaction() as session:
        rows = await session.execute(select(Chat.id, Chat.external_id))
        name_of = dict(rows.all())
    texts = {name_of[row.chat_id]: row.text for row in await outbox_rows(database, "r1")}
    assert "group A" in texts["follows-isniq"] and "group B" not in texts["follows-isniq"]
    assert "group B" in texts["follows-irzniq"] and "group A" not in texts["follows-irzniq"]


async def test_a_municipality_group_reaches_its_villages(database: Database) -> None:
    await decan_chats(database)
    assert await reached(database, rotation("r1", group("A", places=["decan"]))) == {
        "code-isniq",
        "code-irzniq",
        "follows-isniq",
        "follows-irzniq",
        *HOLD_ISNIQ,
    }


async def test_a_feeder_group_reaches_the_codes_on_that_feeder_or_station(
    database: Database,
) -> None:
    await decan_chats(database)
    feeder = rotation("r1", group("F", feeders=["DPE-F-8"]))
    assert await reached(database, feeder) == {"code-peje"}
    station = rotation("r2", group("S", feeders=["TS-DPE-31"]))
    assert await reached(database, station) == {"code-irzniq"}


async def test_a_feeder_is_looked_for_in_the_groups_district(database: Database) -> None:
    await decan_chats(database)
    everywhere = rotation("r1", group("F", feeders=["DPE-F-7"]))
    assert await reached(database, everywhere) == {"code-isniq", "code-prishtine"}
    in_dpe = rotation("r2", group("F", feeders=["DPE-F-7"], customer_codes=["DPE1000004"]))
    assert await reached(database, in_dpe) == {"code-isniq", "code-peje"}


async def test_reminders_go_to_the_group_as_the_timetable_did(database: Database) -> None:
    await decan_chats(database)
    await chat_at(database, "no-reminders", follows=("isniq",))
    async with database.transaction() as session:
        quiet_one = await session.scalar(select(Chat.id).where(Chat.external_id == "no-reminders"))
        session.add(AlertPreference(chat_id=quiet_one, reminders=False))
    event = rotation("r1", group("A", places=["isniq"]), group("F", feeders=["TS-DPE-31"]))
    await alerts.ingest_event(database, event, now=NOON)
    assert await queue_due_rotation_reminders(database, kosovo(DAY, 21, 30), "en") == 8
    reminded = {row.event_id for row in await outbox_rows(database) if row.role == "reminder"}
    assert len(reminded) == 1
    assert await told(database, reminded.pop()) == {
        "code-isniq",
        "follows-isniq",
        "code-irzniq",
        *HOLD_ISNIQ,
    }


GROUPS = {
    "A": {"places": ["isniq"]},
    "B": {"places": ["irzniq"]},
    "C": {"places": ["decan"]},
    "D": {"places": ["DPE"]},
    "E": {"places": ["peje"], "feeders": ["TS-DPE-31"]},
    "F": {"feeders": ["DPE-F-7"], "customer_codes": ["DPE1000003"]},
    "G": {"feeders": ["DPE-F-7"]},
    "H": {"customer_codes": ["DPR1000007"]},
}


async def test_outages_lists_the_groups_the_fan_out_told(database: Database) -> None:
    """One timetable a group: each chat's groups in ``/outages`` are those whose timetable
    it was told of."""
    await decan_chats(database)
    told_of: dict[str, set[str]] = {}
    for group_id, aim in GROUPS.items():
        await alerts.ingest_event(database, rotation(group_id, group(group_id, **aim)), now=NOON)
        for name in await told(database, group_id):
            told_of.setdefault(name, set()).add(group_id)
    async with database.transaction() as session:
        chats = dict((await session.execute(select(Chat.external_id, Chat.id))).all())
        listed = {
            name: set((await cuts_of_chat(session, chat_id, NOON)).groups)
            for name, chat_id in chats.items()
        }
    assert {name: groups for name, groups in listed.items() if groups} == told_of
    assert told_of["follows-isniq"] == {"A", "C", "D"}
    assert told_of["follows-irzniq"] == {"B", "C", "D"}
    assert told_of["code-isniq"] == {"A", "C", "D", "F", "G"}
    assert "reported-isniq" not in told_of


async def outages_text(database: Database, deps: Deps, name: str, now: datetime) -> str:
    conversation = Conversation(database, replace(deps, clock=lambda: now))
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=name)
    await chat.say("/outages")
    return chat.text


async def test_outages_of_a_chat_following_one_village_not_the_other(
    demo_database: Database, deps: Deps
) -> None:
    for name, follows in (("isniq", "isniq"), ("irzniq", "irzniq"), ("decan", "decan")):
        await chat_at(demo_database, name, follows=(follows,))
    groups = [
        {"id": "A", "places": ["isniq"], "slots": ["08:00-10:00"]},
        {"id": "B", "places": ["irzniq"], "slots": ["16:00-18:00"]},
    ]
    await alerts.ingest_event(demo_database, rotation("r1", *groups), now=NOON)
    at = kosovo(DAY, 13)
    isniq = await outages_text(demo_database, deps, "isniq", at)
    assert "• Tomorrow, 08:00–10:00 (group A)" in isniq and "group B" not in isniq
    irzniq = await outages_text(demo_database, deps, "irzniq", at)
    assert "• Today, 16:00–18:00 (group B)" in irzniq and "group A" not in irzniq
    decan = await outages_text(demo_database, deps, "decan", at)
    assert "(group A)" in decan and "(group B)" in decan


async def test_a_code_linked_through_the_demo_backend_is_reached_by_its_feeder(
    demo_database: Database, deps: Deps
) -> None:
    """The demo backend gives DPR100001 feeder DPR-F-1204 and station TS-DPR-0412."""
    conversation = Conversation(demo_database, replace(deps, clock=lambda: NOON))
    chat = FakeChat(conversation.handle, channel="telegram", chat_id="linked")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat_at(demo_database, "elsewhere", code="DGJ200002", place="qendra", feeder="DGJ-F-0307")
    by_feeder = rotation("r1", {"id": "A", "feeders": ["DPR-F-1204"], "slots": ["18:00-20:00"]})
    assert await reached(demo_database, by_feeder) == {"linked"}
    by_station = rotation("r2", group("B", feeders=["TS-DPR-0412"]))
    assert await reached(demo_database, by_station) == {"linked"}
    text = await outages_text(demo_database, deps, "linked", kosovo(DAY, 13))
    assert "• Sot, 18:00–20:00 (grupi A)" in text  # the chat speaks Albanian
    assert "• Sot, 22:00–02:00 (grupi B)" in text
    elsewhere = await outages_text(demo_database, deps, "elsewhere", kosovo(DAY, 13))
    assert "rotating" not in elsewhere and "grupi" not in elsewhere


async def test_places_of_any_level_are_taken_and_unknown_ones_are_400(events_url: str) -> None:
    status, answer = await post(events_url, rotation("bad", group("A", places=["isniq", "x"])))
    assert (status, answer["field"]) == (400, "groups")
    assert "groups[0].places[1]: unknown place id 'x'" in answer["error"]
    good = rotation("good", group("A", places=["isniq", "DPR"]), group("B", places=["dardania"]))
    status, answer = await post(events_url, good)
    assert (status, answer["status"]) == (200, "applied")


async def test_a_plan_stored_before_the_wiring_reaches_the_same_chats(database: Database) -> None:
    """A fan-out planned with the old ``rotation_group`` condition, run after an upgrade."""
    await decan_chats(database)
    old = ["rotation_group", ["isniq"], ["DPE1000004"], ["TS-DPE-31"], ["outages"]]
    new = group("A", places=["isniq"], customer_codes=["DPE1000004"], feeders=["TS-DPE-31"])
    async with database.transaction() as session:
        counted = await fanout.count(session, *plan.conditions([old]))
    assert counted == len(await reached(database, rotation("r1", new))) == 9
