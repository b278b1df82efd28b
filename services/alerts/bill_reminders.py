"""Bill reminders: a few days before a bill is due and on its due date while it is unpaid, and a
notice when it becomes overdue, each once, to the chats of its code that want bill alerts and
bill reminders.

``bill.issued`` keeps the bill (:func:`record_bill`); ``payment.received`` settles what it
covers and cancels the reminders still queued about the code (:func:`record_payment`), at once,
in the event's transaction, so a reminder queued before the payment (held by quiet hours, say)
is not sent after it. The dispatcher's scheduler runs :func:`queue_due_bill_reminders` every
few seconds. Days are Kosovo days. A reminder whose moment passed unseen (the bill came too late
for it, or nothing ran that day) is skipped, not sent late; the overdue notice is given within
:data:`OVERDUE_NOTICE_DAYS` of the due date. All three wait for the morning in quiet hours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import fanout, outbox, quiet
from services.alerts.bill_texts import reminder_message
from services.alerts.fanout import ROUTINE, SOON, Alert, linked_to_code, wants
from services.db import Database, dialect_of
from services.db.bill_models import BillDue

BEFORE, DUE, OVERDUE = "before", "due", "overdue"
DEFAULT_DAYS_BEFORE = 3
OVERDUE_NOTICE_DAYS = 7


def reminder_subject(code: str) -> str:
    """What bill reminders of ``code`` are about in the outbox (what a payment cancels)."""
    return f"bill:{code}"


def kosovo_day(moment: datetime) -> date:
    return moment.astimezone(quiet.KOSOVO).date()


def end_of(day: date) -> datetime:
    """The last moment of a Kosovo day, in UTC."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=quiet.KOSOVO).astimezone(UTC)


async def record_bill(
    session: AsyncSession,
    code: str,
    period: str,
    amount: Decimal,
    currency: str,
    due_date: date,
    now: datetime,
) -> None:
    """Keep a bill announced by ``bill.issued`` (the same period again replaces it: a corrected
    bill starts its reminders anew)."""
    query = select(BillDue).where(BillDue.customer_code == code, BillDue.period == period)
    if dialect_of(session) != "sqlite":
        query = query.with_for_update()
    bill = (await session.execute(query)).scalar_one_or_none()
    if bill is None:
        bill = BillDue(customer_code=code, period=period)
        session.add(bill)
    bill.amount, bill.currency, bill.due_date, bill.issued_at = amount, currency, due_date, now
    bill.paid_at = None
    bill.before_done = bill.due_done = bill.overdue_done = False
    await session.flush()


async def record_payment(session: AsyncSession, code: str, amount: Decimal, now: datetime) -> int:
    """A payment for ``code``: the unpaid bills it covers, oldest first, are paid (a part
    payment leaves the bill it falls short of open), and every reminder still queued about the
    code is cancelled. Returns how many queued reminders were cancelled."""
    open_bills = await session.scalars(
        select(BillDue)
        .where(BillDue.customer_code == code, BillDue.paid_at.is_(None))
        .order_by(BillDue.due_date, BillDue.period)
    )
    left = amount
    for bill in open_bills:
        if left < bill.amount:
            break
        left -= bill.amount
        bill.paid_at = now
    return await outbox.cancel_queued(session, reminder_subject(code), ["reminder"])


def _stage(bill: BillDue, today: date, days_before: int) -> str | None:
    """The reminder ``bill`` is due for ``today`` (marking those whose moment passed as done
    without sending them), or None."""
    if not bill.before_done and (days_before <= 0 or today >= bill.due_date):
        bill.before_done = True
    if not bill.due_done and today > bill.due_date:
        bill.due_done = True
    if today > bill.due_date + timedelta(days=OVERDUE_NOTICE_DAYS):
        bill.overdue_done = True
    issued = kosovo_day(bill.issued_at)
    if not bill.before_done and today >= bill.due_date - timedelta(days=days_before):
        bill.before_done = True
        # a bill issued within the reminder's days: its own alert was the reminder
        return BEFORE if issued < bill.due_date - timedelta(days=days_before) else None
    if not bill.due_done and today == bill.due_date:
        bill.due_done = True
        return DUE if issued < today else None
    if not bill.overdue_done and today > bill.due_date:
        bill.overdue_done = True
        return OVERDUE
    return None


async def queue_due_bill_reminders(
    database: Database,
    now: datetime,
    default_language: str,
    days_before: int = DEFAULT_DAYS_BEFORE,
) -> int:
    """Queue the bill reminders due at ``now``; returns how many messages were queued."""
    today = kosovo_day(now)
    queued = 0
    async with database.transaction() as session:
        query = select(BillDue).where(
            BillDue.paid_at.is_(None),
            BillDue.due_date <= today + timedelta(days=max(days_before, 0)),
            ~(BillDue.before_done & BillDue.due_done & BillDue.overdue_done),
        )
        if dialect_of(session) != "sqlite":
            query = query.with_for_update(skip_locked=True)
        for bill in list(await session.scalars(query)):
            stage = _stage(bill, today, days_before)
            if stage is None:
                continue
            alert = Alert(
                f"{reminder_subject(bill.customer_code)}:{bill.period}#{stage}",
                reminder_subject(bill.customer_code),
                "reminder",
                reminder_message(
                    stage,
                    bill.customer_code,
                    bill.period,
                    bill.amount,
                    bill.currency,
                    bill.due_date,
                ),
                SOON if stage == OVERDUE else ROUTINE,
                quiet.WAIT,
                expires_at=end_of(bill.due_date if stage != OVERDUE else today + timedelta(2)),
                customer_code=bill.customer_code,
            )
            queued += await fanout.queue(
                session,
                alert,
                [linked_to_code(bill.customer_code), wants("bills", "bill_reminders")],
                now=now,
                default_language=default_language,
            )
    return queued
