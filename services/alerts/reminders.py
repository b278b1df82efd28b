"""Planned-work reminders: the day before and about an hour before the start.

Run by the dispatcher's scheduler every few seconds. A reminder goes to the chats that got the
work's first message and have not switched reminders (or planned-work alerts) off. A reminder
whose moment had already passed when the work was announced is skipped, not sent late.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from services.alerts import fanout, quiet, texts
from services.alerts.event_types.aiming import aim_of_row, where
from services.alerts.fanout import SOON, URGENT, Alert, got_first, wants
from services.db import Database
from services.db.alert_models import Interruption

DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)


async def queue_due_reminders(database: Database, now: datetime, default_language: str) -> int:
    """Queue the reminders that are due at ``now``; returns how many messages were queued."""
    queued = 0
    async with database.transaction() as session:
        works = await session.scalars(
            select(Interruption)
            .where(
                Interruption.kind == "planned_work",
                Interruption.status == "scheduled",
                Interruption.starts_at > now,
                Interruption.starts_at <= now + DAY_BEFORE,
                ~(Interruption.day_reminder_done & Interruption.hour_reminder_done),
            )
            .with_for_update(skip_locked=True)
        )
        for work in works:
            assert work.starts_at is not None and work.ends_at is not None
            for hour_before, lead in ((False, DAY_BEFORE), (True, HOUR_BEFORE)):
                done = work.hour_reminder_done if hour_before else work.day_reminder_done
                if done or now < work.starts_at - lead:
                    continue
                if hour_before:
                    work.hour_reminder_done = True
                else:
                    work.day_reminder_done = True
                if work.created_at > work.starts_at - lead:
                    continue  # announced too late for this reminder: the first message is enough
                rendered = texts.work_reminder(
                    where(aim_of_row(work)), work.starts_at, work.ends_at, hour_before=hour_before
                )
                label = "hour" if hour_before else "day"
                alert = Alert(
                    f"{work.subject}#{label}#{work.starts_at:%Y%m%dT%H%M}"[:160],
                    work.subject,
                    "reminder",
                    rendered,
                    URGENT if hour_before else SOON,
                    quiet.SILENT if hour_before else quiet.WAIT,
                    expires_at=work.starts_at,
                )
                queued += await fanout.queue(
                    session,
                    alert,
                    [
                        got_first(work.subject, fanout.UNDERWAY_OR_SENT),
                        wants("planned_works", "reminders"),
                    ],
                    now=now,
                    default_language=default_language,
                )
    return queued
