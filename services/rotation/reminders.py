"""Reminders before each rotating cut, to the chats of its group.

Run by the dispatcher's scheduler with the planned-work reminders (every half minute). A cut's
reminder is queued ``lead`` before it starts (``KESCO_ROTATION_REMINDER_MINUTES``) to the chats
of its group that want outage alerts and reminders; sent silently in quiet hours, and not at
all once the cut has started. A cut starting less than ``lead`` after its timetable was
published or changed gets none: that message is its reminder. Each rotation remembers up to
when its reminders are queued (``reminded_until``), so each goes once, and a chat in two groups
cut at the same time gets one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from services.alerts import fanout, plan, quiet
from services.alerts.fanout import URGENT, Alert
from services.alerts.rotation_audience import group_reach
from services.db import Database
from services.db.rotation_models import Rotation
from services.rotation.parse import timetable_of
from services.rotation.texts import reminder_message
from services.rotation.timetable import Cut

DEFAULT_LEAD = timedelta(minutes=30)


def reminder_id(row: Rotation, cut: Cut) -> str:
    """One reminder per rotation and start of a cut (a chat gets it once)."""
    return f"{row.subject}#cut#{cut.starts_at:%Y%m%dT%H%MZ}"[:160]


async def queue_due_rotation_reminders(
    database: Database, now: datetime, default_language: str, lead: timedelta = DEFAULT_LEAD
) -> int:
    """Queue the reminders of the cuts starting by ``now + lead``; returns how many messages
    were queued."""
    queued = 0
    up_to = now + lead
    async with database.transaction() as session:
        rows = await session.scalars(
            select(Rotation)
            .where(
                Rotation.status == "active",
                Rotation.ends_at > now,
                Rotation.reminded_until < up_to,
            )
            .with_for_update(skip_locked=True)
        )
        for row in rows:
            timetable = timetable_of(row.timetable)
            after = max(row.reminded_until, now)
            row.reminded_until = up_to
            for cut in timetable.starting(after, up_to):
                if cut.starts_at - lead <= row.updated_at:
                    continue  # published or changed too late: that message was the reminder
                group = timetable.group(cut.group)
                assert group is not None
                alert = Alert(
                    reminder_id(row, cut),
                    row.subject,
                    "reminder",
                    reminder_message(group.id, cut.starts_at, cut.ends_at),
                    URGENT,
                    quiet.SILENT,
                    expires_at=cut.starts_at,
                )
                condition = plan.rotation_reach([group_reach(group)], ("outages", "reminders"))
                queued += await fanout.queue(
                    session,
                    alert,
                    plan.conditions([condition]),
                    now=now,
                    default_language=default_language,
                )
    return queued
