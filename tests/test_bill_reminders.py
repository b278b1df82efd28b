"""Bill reminders (before and on the due date, the overdue notice) and the disconnection
warning: who gets them, once each, in which language, held in quiet hours, and cancelled by a
payment that arrives between queueing and sending. Clocks are injected (NOON, NIGHT)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from bot.delivery.dispatcher import Dispatcher
from services import alerts
from services.alerts.bill_reminders import queue_due_bill_reminders
from services.alerts.event_types.openapi import schemas as events_schemas
from services.db import Database
from services.db.alert_models import OutboxMessage
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import (
    NIGHT,
    NOON,
    MovingClock,
    add_chat,
    dispatching,
    fast_config,
    outbox_rows,
    stamp,
    telegram_sender,
    wait_until,
)

pytestmark = pytest.mark.db
DUE = date(2026, 11, 27)  # a Friday; NOON is Friday 2026-11-20, 12:00 in Kosovo


def bill(
    event_id: str = "evt-b1",
    code: str = "DPR100001",
    *,
    due: date = DUE,
    at: datetime = NOON,
    amount: str = "42.50",
    period: str = "2026-10",
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "bill.issued",
        "occurred_at": stamp(at),
        "customer_code": code,
        "amount": amount,
        "currency": "EUR",
        "period": period,
        "due_date": due.isoformat(),
    }


def payment(
    event_id: str = "evt-p1", code: str = "DPR100001", *, amount: str = "42.50", at: datetime = NOON
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "payment.received",
        "occurred_at": stamp(at),
        "customer_code": code,
        "amount": amount,
        "currency": "EUR",
    }


def warning(event_id: str = "evt-d1", *, after: date = DUE, at: datetime = NOON) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "debt.disconnection_warning",
        "occurred_at": stamp(at),
        "customer_code": "DFE400004",
        "amount": "80.40",
        "currency": "EUR",
        "disconnect_after": after.isoformat(),
    }


def noon_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 11, 0, tzinfo=UTC)  # 12:00 in Kosovo


async def mark_sent(database: Database, event_id: str) -> None:
    async with database.transaction() as session:
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.event_id == event_id).values(state="sent")
        )


async def reminders(database: Database) -> list[Any]:
    return [row for row in await outbox_rows(database) if row.role == "reminder"]


async def test_before_on_and_after_the_due_date_each_once_to_who_wants_them(
    database: Database,
) -> None:
    en = await add_chat(database, "1", language="en", codes=["DPR100001"])
    sr = await add_chat(database, "2", language="sr", codes=["DPR100001"])
    await add_chat(database, "3", language="sq", codes=["DPR100001"], bill_reminders=False)
    await add_chat(database, "4", language="en", codes=["DPR100001"], bills=False)
    await add_chat(database, "5", language="en", codes=["DGJ200002"])
    await alerts.ingest_event(database, bill(), now=NOON)

    async def queue(day: date) -> int:
        return await queue_due_bill_reminders(database, noon_of(day), "sq", days_before=3)

    assert await queue(DUE - timedelta(days=4)) == 0
    assert await queue(DUE - timedelta(days=3)) == 2
    assert await queue(DUE - timedelta(days=3)) == 0  # once
    assert await queue(DUE - timedelta(days=1)) == 0
    assert await queue(DUE) == 2
    assert await queue(DUE) == 0
    assert await queue(DUE + timedelta(days=1)) == 2
    assert await queue(DUE + timedelta(days=2)) == 0
    rows = await reminders(database)
    assert {row.chat_id for row in rows} == {en, sr}
    assert len({row.event_id for row in rows}) == 3
    texts = [row.text for row in rows if row.chat_id == en]
    assert texts[0].startswith("⏰ Reminder: the bill of DPR100001 for October 2026, €42.50,")
    assert "Due date: 27 November 2026." in texts[0]
    assert texts[1].startswith("⏰ The bill of DPR100001 for October 2026, €42.50, is due today.")
    assert texts[2].startswith("⚠️ The bill of DPR100001 for October 2026, €42.50, is overdue.")
    sr_texts = [row.text for row in rows if row.chat_id == sr]
    assert sr_texts[0].startswith("⏰ Подсетник: рачун за DPR100001 за октобар 2026")
    assert "cmd:pay" in (rows[0].buttons or "")
    assert {row.quiet for row in rows} == {"wait"}


async def test_a_reminder_whose_day_went_by_is_skipped_and_a_late_bill_has_none_before(
    database: Database,
) -> None:
    await add_chat(database, "1", language="en", codes=["DPR100001", "DGJ200002"])
    await alerts.ingest_event(database, bill(), now=NOON)
    # Nothing ran until the day after the due date: only the overdue notice goes.
    assert await queue_due_bill_reminders(database, noon_of(DUE + timedelta(days=1)), "en") == 1
    assert [row.text[:2] for row in await reminders(database)] == ["⚠️"]
    # A bill that came within the reminder's days (its own message said it): only the due day.
    due = DUE + timedelta(days=4)
    issued = noon_of(due - timedelta(days=2))
    await alerts.ingest_event(database, bill("evt-b2", "DGJ200002", due=due, at=issued), now=issued)
    assert await queue_due_bill_reminders(database, issued, "en") == 0
    assert await queue_due_bill_reminders(database, noon_of(due), "en") == 1


async def test_a_night_reminder_waits_and_a_payment_meanwhile_cancels_it(
    database: Database,
) -> None:
    quiet = await add_chat(database, "7001", language="en", codes=["DPR100001", "DGJ200002"])
    awake = await add_chat(database, "7002", language="en", codes=["DPR100001"], quiet_hours="off")
    issued = NOON - timedelta(days=1)
    await alerts.ingest_event(database, bill(due=date(2026, 11, 23), at=issued), now=issued)
    await mark_sent(database, "evt-b1")  # the bill's own message went the day before
    assert await queue_due_bill_reminders(database, NIGHT, "en", days_before=3) == 2
    morning = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)  # 07:00 in Kosovo
    held = {row.chat_id: row.not_before for row in await reminders(database)}
    assert held == {quiet: morning, awake: NIGHT}
    # a bill of the other code, also held till the morning: it shows when the morning came
    later = date(2026, 12, 20)
    await alerts.ingest_event(database, bill("evt-b2", "DGJ200002", due=later, at=NIGHT), now=NIGHT)
    clock = MovingClock(NIGHT)
    async with FakeTelegramAPI() as api:
        api.chat(7001)
        api.chat(7002)
        async with telegram_sender(api, database) as tg:
            dispatcher = Dispatcher(database, {"telegram": tg}, config=fast_config(), clock=clock)
            async with dispatching(dispatcher):
                await wait_until(lambda: len(api.sent(7002)) == 1)  # no quiet hours: at once
                assert api.sent(7001) == []
                paid_at = clock()  # still the night, 23:30 in Kosovo
                await alerts.ingest_event(database, payment(at=paid_at), now=paid_at)
                await wait_until(lambda: len(api.sent(7002)) == 2)  # the payment received
                clock.jump(timedelta(hours=8, minutes=31))  # 07:01 in Kosovo
                await wait_until(lambda: len(api.sent(7001)) == 2)
        texts = [message["text"] for message in api.sent(7001)]
    assert texts[0].startswith("✅ Payment received for DPR100001")
    assert texts[1].startswith("🧾 New bill for DGJ200002")
    assert not any(text.startswith("⏰") for text in texts)
    states = {row.chat_id: row.state for row in await reminders(database)}
    assert states == {quiet: "cancelled", awake: "sent"}
    # the bill is paid: nothing more about it, on its due date or after
    assert await queue_due_bill_reminders(database, noon_of(date(2026, 11, 23)), "en") == 0
    assert await queue_due_bill_reminders(database, noon_of(date(2026, 11, 24)), "en") == 0


async def test_a_part_payment_cancels_what_is_queued_but_the_bill_stays_open(
    database: Database,
) -> None:
    await add_chat(database, "1", language="en", codes=["DPR100001"])
    await alerts.ingest_event(database, bill(), now=NOON)
    assert await queue_due_bill_reminders(database, noon_of(DUE - timedelta(days=3)), "en") == 1
    await alerts.ingest_event(database, payment(amount="10.00"), now=NOON + timedelta(days=4))
    assert [row.state for row in await reminders(database)] == ["cancelled"]
    assert await queue_due_bill_reminders(database, noon_of(DUE), "en") == 1
    # a new bill for the same period (corrected) starts anew; a full payment ends it
    await alerts.ingest_event(database, payment("evt-p2", amount="42.50"), now=noon_of(DUE))
    assert await queue_due_bill_reminders(database, noon_of(DUE + timedelta(days=1)), "en") == 0


async def test_the_disconnection_warning_says_what_to_do_and_whom_to_call(
    database: Database,
) -> None:
    chats = {
        language: await add_chat(
            database, language, language=language, codes=["DFE400004"], bills=False
        )
        for language in ("sq", "en", "sr", "sr-Latn")
    }
    await add_chat(database, "other", language="en", codes=["DPR100001"])
    result = await alerts.ingest_event(database, warning(), now=NOON)
    assert (result.status, result.recipients) == ("applied", 4)
    rows = {row.chat_id: row for row in await outbox_rows(database, "evt-d1")}
    assert set(rows) == set(chats.values())
    text = {language: rows[chat].text for language, chat in chats.items()}
    assert text["en"].startswith("⚠️ Warning for DFE400004: the supply may be disconnected")
    assert "€80.40" in text["en"] and "after Friday, 27 November" in text["en"]
    assert "Paralajmërim për DFE400004" in text["sq"]
    assert "deri të premten, 27 nëntor" in text["sq"]
    assert "Упозорење за DFE400004" in text["sr"] and "после петка, 27. новембра" in text["sr"]
    assert "Upozorenje za DFE400004" in text["sr-Latn"] and "posle petka" in text["sr-Latn"]
    for language in chats:
        assert "0800 791 00" in text[language]
    assert "cmd:human" in (rows[chats["en"]].buttons or "")
    assert "cmd:pay" in (rows[chats["en"]].buttons or "")
    assert "DebtDisconnectionWarning" in events_schemas()


async def test_a_warning_waits_for_the_morning_a_payment_cancels_it_and_a_past_one_is_not_sent(
    database: Database,
) -> None:
    chat = await add_chat(database, "1", language="en", codes=["DFE400004"])
    await alerts.ingest_event(database, warning(at=NIGHT), now=NIGHT)
    [row] = await outbox_rows(database, "evt-d1")
    assert row.not_before == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    paid = {**payment("evt-p9", "DFE400004", amount="80.40", at=NIGHT), "occurred_at": stamp(NIGHT)}
    await alerts.ingest_event(database, paid, now=NIGHT + timedelta(minutes=5))
    [row] = await outbox_rows(database, "evt-d1")
    assert (row.chat_id, row.state) == (chat, "cancelled")
    late = warning("evt-d2", after=NOON.date() - timedelta(days=1))
    assert (await alerts.ingest_event(database, late, now=NOON)).status == "recorded"
