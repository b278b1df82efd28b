"""A chat's side of the alerts: which it wants, its quiet hours, the areas it follows, and
what is going on in its areas now (for ``/outages`` and ``/alerts``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import quiet
from services.db.alert_models import AlertEvent, AlertPreference, AreaFollow, Interruption
from services.db.models import ChatLink

ALERT_KINDS = ("bills", "bill_reminders", "payments", "outages", "planned_works", "reminders")
MAX_FOLLOWED_AREAS = 20


async def preferences(session: AsyncSession, chat_id: int) -> AlertPreference:
    """The chat's preferences row, created with the defaults when it has none."""
    row = await session.get(AlertPreference, chat_id)
    if row is None:
        row = AlertPreference(
            chat_id=chat_id,
            bills=True,
            payments=True,
            outages=True,
            planned_works=True,
            reminders=True,
            bill_reminders=True,
            quiet_hours=quiet.DEFAULT_QUIET_HOURS,
        )
        session.add(row)
        await session.flush()
    return row


async def toggle(session: AsyncSession, chat_id: int, kind: str) -> bool:
    """Switch one alert kind on or off; returns the new value."""
    if kind not in ALERT_KINDS:
        raise ValueError(f"unknown alert kind {kind!r}")
    row = await preferences(session, chat_id)
    value = not is_on(row, kind)
    setattr(row, kind, value)
    return value


def is_on(row: AlertPreference, kind: str) -> bool:
    """Whether alert ``kind`` is on (a preference from before the kind existed is NULL: on)."""
    return getattr(row, kind) is not False


async def next_quiet_hours(session: AsyncSession, chat_id: int) -> str:
    """Move the chat's quiet hours to the next preset (22–07, 23–07, 21–08, off)."""
    row = await preferences(session, chat_id)
    row.quiet_hours = quiet.next_step(row.quiet_hours)
    return row.quiet_hours


async def linked_areas(session: AsyncSession, chat_id: int) -> list[str]:
    """The places of the chat's linked codes, each as finely as the backend gave it (a village,
    a neighbourhood; else the code's area)."""
    place = func.coalesce(ChatLink.place_id, ChatLink.area_id)
    query = select(place).where(ChatLink.chat_id == chat_id, place.is_not(None))
    return sorted({area for area in await session.scalars(query) if area})


async def followed_areas(session: AsyncSession, chat_id: int) -> list[str]:
    query = select(AreaFollow.area_id).where(AreaFollow.chat_id == chat_id)
    return sorted(await session.scalars(query))


async def toggle_follow(session: AsyncSession, chat_id: int, area_id: str) -> bool | None:
    """Follow ``area_id``, or stop following it; True when now followed, None when the chat
    already follows :data:`MAX_FOLLOWED_AREAS` areas."""
    followed = await followed_areas(session, chat_id)
    if area_id in followed:
        await session.execute(
            delete(AreaFollow).where(AreaFollow.chat_id == chat_id, AreaFollow.area_id == area_id)
        )
        return False
    if len(followed) >= MAX_FOLLOWED_AREAS:
        return None
    session.add(AreaFollow(chat_id=chat_id, area_id=area_id))
    await session.flush()
    return True


async def interruptions_in(
    session: AsyncSession, areas: list[str], now: datetime
) -> tuple[list[Interruption], list[Interruption]]:
    """Current outages, and planned works not yet over, touching any of ``areas``."""
    query = select(Interruption).where(
        or_(
            (Interruption.kind == "outage") & (Interruption.status == "active"),
            (Interruption.kind == "planned_work")
            & (Interruption.status == "scheduled")
            & (Interruption.ends_at > now),
        )
    )
    wanted = set(areas)
    found = [row for row in await session.scalars(query) if wanted & set(row.areas or [])]
    outages = sorted((r for r in found if r.kind == "outage"), key=lambda r: r.starts_at or now)
    works = sorted((r for r in found if r.kind != "outage"), key=lambda r: r.starts_at or now)
    return outages, works


async def data_updated_at(session: AsyncSession) -> datetime | None:
    """When the last outage or planned-work event arrived."""
    query = select(func.max(AlertEvent.received_at)).where(
        AlertEvent.type.like("outage.%") | AlertEvent.type.like("planned_work.%")
    )
    return await session.scalar(query)
