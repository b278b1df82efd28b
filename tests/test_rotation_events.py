"""Rotating cuts through the events API's engine: who is told a timetable, told once of a
change or of its end, and reminded before each cut (across midnight and a change of daylight
saving time), with injected clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from services import alerts
from services.alerts.quiet import KOSOVO
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.rotation.reminders import queue_due_rotation_reminders
from tests.support.alerts import NOON, add_chat, outbox_rows, stamp

pytestmark = pytest.mark.db
LEAD = timedelta(minutes=30)
DAY = date(2026, 11, 20)  # NOON is 12:00 of this day in Kosovo
SPRING = date(2026, 3, 29)


def kosovo(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=KOSOVO).astimezone(UTC)


def published(
    event_id: str = "rot-1",
    *,
    groups: list[dict[str, Any]] | None = None,
    first: date = DAY,
    last: date = DAY + timedelta(days=2),
    at: datetime = NOON,
    rotation_id: str = "ROT-1",
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "rotation.published",
        "occurred_at": stamp(at),
        "rotation_id": rotation_id,
        "starts_on": first.isoformat(),
        "ends_on": last.isoformat(),
        "groups": groups
        or [
            {"id": "A", "places": ["dardania"], "slots": ["22:00-02:00"]},
            {"id": "B", "customer_codes": ["DGJ200002"], "slots": ["08:00-10:00"]},
        ],
    }


def ended(event_id: str = "rot-end", at: datetime = NOON + timedelta(hours=1)) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "rotation.ended",
        "occurred_at": stamp(at),
        "rotation_id": "ROT-1",
        "reason": {"en": "Supply is back to normal"},
    }


async def mark_sent(database: Database) -> None:
    async with database.transaction() as session:
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.state == "queued").values(state="sent")
        )


async def chats(database: Database) -> dict[str, int]:
    return {
        "dardania": await add_chat(database, "1", language="en", codes=["DPR100001"]),
        "follower": await add_chat(database, "2", language="sr", areas=["dardania"]),
        "code_b": await add_chat(database, "3", language="sq", codes=["DGJ200002"]),
        "elsewhere": await add_chat(database, "4", language="en", codes=["DFE400004"]),
        "muted": await add_chat(database, "5", language="en", codes=["DPR100001"], outages=False),
    }


async def test_each_group_is_told_its_own_cuts(database: Database) -> None:
    ids = await chats(database)
    assert await alerts.count_recipients(database, published()) == 3
    result = await alerts.ingest_event(database, published(), now=NOON, default_language="en")
    assert result == alerts.IngestResult("rot-1", "applied", 3)
    rows = {row.chat_id: row for row in await outbox_rows(database, "rot-1")}
    assert set(rows) == {ids["dardania"], ids["follower"], ids["code_b"]}
    assert rows[ids["dardania"]].text.startswith("🔄 Rotating power cuts in Dardania.")
    assert "group A: no power every day 22:00–02:00" in rows[ids["dardania"]].text
    assert "у групи A" in rows[ids["follower"]].text and "у Дарданији" in rows[ids["follower"]].text
    assert "grupin B" in rows[ids["code_b"]].text and "08:00–10:00" in rows[ids["code_b"]].text
    assert {row.role for row in rows.values()} == {"first"}
    assert "cmd:outages" in (rows[ids["dardania"]].buttons or "")


async def test_the_same_timetable_again_tells_nobody(database: Database) -> None:
    await chats(database)
    await alerts.ingest_event(database, published(), now=NOON)
    again = await alerts.ingest_event(
        database, published("rot-2", at=NOON + timedelta(minutes=5)), now=NOON
    )
    assert (again.status, again.recipients) == ("applied", 0)


async def test_a_changed_timetable_tells_everyone_affected_once(database: Database) -> None:
    ids = await chats(database)
    await alerts.ingest_event(database, published(), now=NOON, default_language="en")
    await mark_sent(database)
    moved = [
        {"id": "B", "customer_codes": ["DGJ200002"], "slots": ["10:00-12:00"]},
        {"id": "C", "places": ["shterpce"], "slots": ["18:00-20:00"]},
    ]
    later = NOON + timedelta(hours=1)
    result = await alerts.ingest_event(
        database, published("rot-2", groups=moved, at=later), now=later, default_language="en"
    )
    rows = {row.chat_id: row for row in await outbox_rows(database, "rot-2")}
    assert result.recipients == len(rows) == 4
    assert "New timetable" in rows[ids["elsewhere"]].text
    assert "10:00–12:00" in rows[ids["code_b"]].text and "Orar i ri" in rows[ids["code_b"]].text
    assert "leaves you out" in rows[ids["dardania"]].text
    assert "не обухвата" in rows[ids["follower"]].text
    assert ids["muted"] not in rows


async def test_a_change_cancels_what_was_not_sent(database: Database) -> None:
    await chats(database)
    await alerts.ingest_event(database, published(), now=NOON)
    later = NOON + timedelta(hours=1)
    shorter = [{"id": "A", "places": ["dardania"], "slots": ["22:00-23:00"]}]
    await alerts.ingest_event(database, published("rot-2", groups=shorter, at=later), now=later)
    assert {row.state for row in await outbox_rows(database, "rot-1")} == {"cancelled"}
    assert {row.state for row in await outbox_rows(database, "rot-2")} == {"queued"}


async def test_an_older_timetable_is_ignored(database: Database) -> None:
    await alerts.ingest_event(database, published(), now=NOON)
    older = published("rot-0", at=NOON - timedelta(hours=1))
    assert (await alerts.ingest_event(database, older, now=NOON)).status == "ignored"


async def test_the_end_is_told_once_to_those_told_and_to_the_groups(database: Database) -> None:
    ids = await chats(database)
    await alerts.ingest_event(database, published(), now=NOON, default_language="en")
    await mark_sent(database)
    late = await add_chat(database, "6", language="en", areas=["dardania"])  # after publishing
    result = await alerts.ingest_event(database, ended(), now=NOON + timedelta(hours=1))
    rows = {row.chat_id: row for row in await outbox_rows(database, "rot-end")}
    assert set(rows) == {ids["dardania"], ids["follower"], ids["code_b"], late}
    assert result.recipients == 4
    assert rows[late].text.startswith("✅ The rotating power cuts are over")
    assert "Supply is back to normal" in rows[late].text
    again = await alerts.ingest_event(database, ended("rot-end-2"), now=NOON + timedelta(hours=2))
    assert (again.status, again.recipients) == ("recorded", 0)


async def test_ending_an_unknown_timetable_is_recorded(database: Database) -> None:
    assert (await alerts.ingest_event(database, ended(), now=NOON)).status == "recorded"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"groups": [{"id": "A", "places": ["atlantis"], "slots": ["08:00-10:00"]}]}, "groups"),
        ({"groups": [{"id": "A", "places": ["dardania"], "slots": ["8-10"]}]}, "groups"),
        ({"ends_on": "2026-11-19"}, "ends_on"),
        ({"starts_on": "20.11.2026"}, "starts_on"),
        ({"rotation_id": None}, "rotation_id"),
    ],
)
async def test_malformed_timetables_are_refused(
    database: Database, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(alerts.EventRejected) as error:
        await alerts.ingest_event(database, {**published(), **change}, now=NOON)
    assert error.value.field == field


# Reminders, with the dispatcher's job run at chosen moments.


async def remind(database: Database, now: datetime) -> int:
    return await queue_due_rotation_reminders(database, now, "en", LEAD)


async def test_a_reminder_goes_before_each_cut_once(database: Database) -> None:
    ids = await chats(database)
    no_reminders = await add_chat(database, "7", codes=["DPR100001"], reminders=False)
    await alerts.ingest_event(database, published(), now=NOON)
    assert await remind(database, kosovo(DAY, 21, 29)) == 0
    assert await remind(database, kosovo(DAY, 21, 30)) == 2  # the chats of group A
    assert await remind(database, kosovo(DAY, 21, 45)) == 0
    rows = [row for row in await outbox_rows(database) if row.role == "reminder"]
    assert {row.chat_id for row in rows} == {ids["dardania"], ids["follower"]}
    assert no_reminders not in {row.chat_id for row in rows}
    english = next(row for row in rows if row.chat_id == ids["dardania"])
    assert english.text == ("⏰ Rotating power cut soon: no power from 22:00 to 02:00 (group A).")
    assert (english.quiet, english.expires_at) == ("silent", kosovo(DAY, 22))
    assert await remind(database, kosovo(DAY + timedelta(days=1), 7, 30)) == 1  # group B


async def test_a_reminder_late_by_a_stopped_scheduler_is_not_sent_after_the_cut_began(
    database: Database,
) -> None:
    await chats(database)
    await alerts.ingest_event(database, published(), now=NOON)
    assert await remind(database, kosovo(DAY, 22, 5)) == 0
    assert await remind(database, kosovo(DAY + timedelta(days=1), 7, 40)) == 1


async def test_no_reminder_for_a_cut_starting_soon_after_publishing(database: Database) -> None:
    await chats(database)
    at = kosovo(DAY, 21, 45)
    await alerts.ingest_event(database, published(at=at), now=at)
    assert await remind(database, kosovo(DAY, 21, 46)) == 0  # the timetable told them


async def test_reminders_across_the_spring_change(database: Database) -> None:
    await add_chat(database, "1", codes=["DPR100001"])
    groups = [{"id": "A", "places": ["dardania"], "slots": ["02:30-04:00", "22:00-02:00"]}]
    at = kosovo(SPRING - timedelta(days=1), 12)
    event = published(groups=groups, first=SPRING - timedelta(days=1), last=SPRING, at=at)
    await alerts.ingest_event(database, event, now=at)
    # the cut of the night before ends as the clocks jump; 02:30 means 03:00 summer time
    assert await remind(database, kosovo(SPRING - timedelta(days=1), 21, 30)) == 1
    jump = datetime(2026, 3, 29, 1, tzinfo=UTC)  # 02:00 winter time = 03:00 summer time
    assert await remind(database, jump - LEAD - timedelta(minutes=1)) == 0
    assert await remind(database, jump - LEAD) == 1
    rows = [row for row in await outbox_rows(database) if row.role == "reminder"]
    assert rows[-1].text == "⏰ Rotating power cut soon: no power from 03:00 to 04:00 (group A)."
    assert rows[-1].expires_at == jump


async def test_reminders_across_the_autumn_change(database: Database) -> None:
    await add_chat(database, "1", codes=["DPR100001"])
    autumn = date(2026, 10, 25)
    groups = [{"id": "A", "places": ["dardania"], "slots": ["02:30-03:30"]}]
    at = kosovo(autumn - timedelta(days=1), 12)
    await alerts.ingest_event(
        database, published(groups=groups, first=autumn, last=autumn, at=at), now=at
    )
    first_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 summer time
    assert await remind(database, first_0230 - LEAD) == 1
    assert await remind(database, first_0230 + timedelta(hours=1) - LEAD) == 0  # not twice
    rows = [row for row in await outbox_rows(database) if row.role == "reminder"]
    assert rows[0].text == "⏰ Rotating power cut soon: no power from 02:30 to 03:30 (group A)."
