"""Events in, outbox rows out: who gets what, once, in which language, and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from locales.i18n import translate
from services import alerts
from services.alerts.quiet import quiet_until
from services.alerts.reminders import queue_due_reminders
from services.db import Database
from services.db.alert_models import AlertEvent, OutboxMessage
from tests.support.alerts import (
    NIGHT,
    NOON,
    add_chat,
    bill_issued,
    outage_started,
    outbox_rows,
    planned_work,
    stamp,
)

pytestmark = pytest.mark.db


async def mark_all_sent(database: Database) -> None:
    async with database.transaction() as session:
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.state == "queued").values(state="sent")
        )


async def test_bill_and_payment_reach_every_active_chat_linked_to_the_code(
    database: Database,
) -> None:
    sq = await add_chat(database, "1", language="sq", codes=["DPR100001"])
    sr = await add_chat(database, "2", channel="viber", language="sr", codes=["DPR100001"])
    default = await add_chat(database, "3", codes=["DPR100001", "DGJ200002"])
    await add_chat(database, "4", language="en", codes=["DGJ200002"])
    await add_chat(database, "5", language="en", codes=["DPR100001"], active=False)
    await add_chat(database, "6", language="en", codes=["DPR100001"], bills=False)
    await add_chat(database, "7", channel="console", codes=["DPR100001"])
    assert await alerts.count_recipients(database, bill_issued()) == 3
    result = await alerts.ingest_event(database, bill_issued(), now=NOON, default_language="en")
    assert result == alerts.IngestResult("evt-b1", "applied", 3)
    rows = {row.chat_id: row for row in await outbox_rows(database, "evt-b1")}
    assert set(rows) == {sq, sr, default}
    bill_text = translate("🧾 New bill for {code}: {amount} for {period}, due on {due_date}.", "sq")
    assert rows[sq].text.startswith(bill_text.split("{")[0])
    assert "октобар 2026" in rows[sr].text and "October 2026" in rows[default].text
    assert (rows[sq].urgency, rows[sq].quiet, rows[sq].not_before) == (2, "wait", NOON)
    assert "cmd:pay" in (rows[sq].buttons or "")

    payment = {
        "id": "evt-p1",
        "type": "payment.received",
        "occurred_at": stamp(NOON),
        "customer_code": "DPR-100001",
        "amount": "42.50",
        "currency": "EUR",
    }
    assert (await alerts.ingest_event(database, payment, now=NOON)).recipients == 4


async def test_the_same_event_id_is_applied_once(database: Database) -> None:
    await add_chat(database, "1", codes=["DPR100001"])
    first = await alerts.ingest_event(database, outage_started(), now=NOON)
    again = await alerts.ingest_event(database, outage_started(), now=NOON)
    assert (first.status, again.status) == ("applied", "duplicate")
    assert again.recipients == first.recipients == 1
    assert len(await outbox_rows(database)) == 1


async def test_unknown_customer_code_is_recorded_and_nobody_is_messaged(
    database: Database,
) -> None:
    await add_chat(database, "1", codes=["DPR100001"])
    result = await alerts.ingest_event(database, bill_issued(code="DPR999999"), now=NOON)
    assert (result.status, result.recipients) == ("recorded", 0)
    assert await outbox_rows(database) == []
    async with database.transaction() as session:
        stored = await session.get(AlertEvent, "evt-b1")
        assert stored is not None and stored.status == "recorded"


async def test_outage_reaches_linked_and_following_chats_once_each(database: Database) -> None:
    linked = await add_chat(database, "1", language="en", codes=["DPR100001"])
    both = await add_chat(
        database, "2", language="sr-Latn", codes=["DPR100001"], areas=["dardania", "ulpiana"]
    )
    follower = await add_chat(database, "3", language="sq", areas=["ulpiana"])
    await add_chat(database, "4", language="en", areas=["qendra"])
    await add_chat(database, "5", language="en", areas=["ulpiana"], outages=False)
    event = outage_started(areas=("dardania", "ulpiana"))
    assert await alerts.count_recipients(database, event) == 3
    result = await alerts.ingest_event(database, event, now=NOON)
    assert result.recipients == 3
    rows = {row.chat_id: row for row in await outbox_rows(database)}
    assert set(rows) == {linked, both, follower}
    assert "u Dardaniji, Ulpijani" in rows[both].text and "Kvar na mreži" in rows[both].text
    assert (rows[linked].urgency, rows[linked].quiet) == (0, "silent")


async def test_updates_and_restoration_follow_only_the_first_message(database: Database) -> None:
    early = await add_chat(database, "1", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    await mark_all_sent(database)
    late = await add_chat(database, "2", language="en", areas=["dardania"])
    update_event = {
        "id": "evt-o2",
        "type": "outage.updated",
        "outage_id": "OUT-1",
        "occurred_at": stamp(NOON + timedelta(minutes=30)),
        "estimated_restore_at": stamp(NOON + timedelta(hours=5)),
    }
    result = await alerts.ingest_event(database, update_event, now=NOON)
    assert (result.status, result.recipients) == ("applied", 1)
    (row,) = await outbox_rows(database, "evt-o2")
    assert row.chat_id == early and row.role == "follow_up"
    assert row.text.startswith("⚡ Update on the power outage in Dardania.")

    older = {**update_event, "id": "evt-o3", "occurred_at": stamp(NOON + timedelta(minutes=10))}
    assert (await alerts.ingest_event(database, older, now=NOON)).status == "ignored"

    restored = {
        "id": "evt-o4",
        "type": "outage.restored",
        "outage_id": "OUT-1",
        "occurred_at": stamp(NOON + timedelta(hours=1)),
        "restored_at": stamp(NOON + timedelta(hours=1)),
    }
    result = await alerts.ingest_event(database, restored, now=NOON)
    assert result.recipients == 1
    states = {(r.event_id, r.chat_id): r.state for r in await outbox_rows(database)}
    assert states[("evt-o2", early)] == "cancelled"  # superseded before it was sent
    assert states[("evt-o4", early)] == "queued"
    assert ("evt-o4", late) not in states
    assert (await alerts.ingest_event(database, outage_started("evt-o0"), now=NOON)).status == (
        "ignored"
    )


async def test_restored_before_started_records_and_makes_the_start_stale(
    database: Database,
) -> None:
    await add_chat(database, "1", areas=["dardania"])
    restored = {
        "id": "r1",
        "type": "outage.restored",
        "outage_id": "OUT-9",
        "occurred_at": stamp(NOON),
        "restored_at": stamp(NOON),
    }
    assert (await alerts.ingest_event(database, restored, now=NOON)).status == "recorded"
    started = outage_started("s1", "OUT-9", at=NOON - timedelta(hours=1))
    assert (await alerts.ingest_event(database, started, now=NOON)).status == "ignored"
    assert await outbox_rows(database) == []


async def test_planned_work_waits_for_the_morning_reminds_and_cancels(database: Database) -> None:
    told = await add_chat(database, "1", language="en", codes=["DGJ200002"])
    no_reminders = await add_chat(database, "2", language="sq", areas=["qendra"], reminders=False)
    await add_chat(database, "3", language="en", areas=["qendra"], planned_works=False)
    starts = NIGHT + timedelta(days=2)
    result = await alerts.ingest_event(
        database, planned_work(starts_at=starts, at=NIGHT), now=NIGHT
    )
    assert result.recipients == 2
    rows = await outbox_rows(database)
    morning = quiet_until("22-07", NIGHT)
    assert morning == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    assert {row.not_before for row in rows} == {morning}
    await mark_all_sent(database)

    assert await queue_due_reminders(database, starts - timedelta(hours=25), "sq") == 0
    assert await queue_due_reminders(database, starts - timedelta(hours=23), "sq") == 1
    assert await queue_due_reminders(database, starts - timedelta(hours=23), "sq") == 0
    assert await queue_due_reminders(database, starts - timedelta(minutes=59), "sq") == 1
    reminders = [row for row in await outbox_rows(database) if row.role == "reminder"]
    assert {row.chat_id for row in reminders} == {told}
    assert [row.quiet for row in reminders] == ["wait", "silent"]

    cancel = {
        "id": "evt-w2",
        "type": "planned_work.cancelled",
        "work_id": "PW-1",
        "occurred_at": stamp(NIGHT + timedelta(hours=1)),
    }
    result = await alerts.ingest_event(database, cancel, now=NIGHT + timedelta(hours=1))
    assert result.recipients == 2
    states = {(r.role, r.chat_id): r.state for r in await outbox_rows(database)}
    assert states[("reminder", told)] == "cancelled"  # the hour reminder was still queued
    assert states[("follow_up", no_reminders)] == "queued"


async def test_stop_broadcast_cancels_what_is_not_sent_yet(database: Database) -> None:
    for number in range(5):
        await add_chat(database, str(number), areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=NOON)
    async with database.transaction() as session:
        first = min(row.id for row in await outbox_rows(database))
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.id == first).values(state="sent")
        )
    assert await alerts.stop_broadcast(database, "evt-o1") == 4
    progress = await alerts.broadcast_progress(database, "evt-o1")
    assert progress == {
        "queued": 0,
        "sending": 0,
        "sent": 1,
        "unsettled": 0,
        "unconfirmed": 0,
        "failed": 0,
        "blocked": 0,
        "cancelled": 4,
    }
    assert await alerts.broadcast_progress(database, "nothing") == dict.fromkeys(progress, 0)


@pytest.mark.parametrize(
    ("local_hour", "preset", "quiet"),
    [
        (22, "22-07", True),
        (6, "22-07", True),
        (7, "22-07", False),
        (21, "22-07", False),
        (22, "23-07", False),
        (7, "21-08", True),
        (23, "off", False),
    ],
)
def test_quiet_hours_presets(local_hour: int, preset: str, quiet: bool) -> None:
    moment = datetime(2026, 7, 1, local_hour, 30, tzinfo=UTC) - timedelta(hours=2)  # CEST
    assert (quiet_until(preset, moment) is not None) is quiet
