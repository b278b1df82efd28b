"""Customers' reports that an area has no power: recorded from a chat (one open report per chat
and area), and read by staff by area, with a warning when an area gets many reports in a short
time and no outage is known there.

The warning counts distinct reporting chats, each weighted by how many areas it reported at
once: a chat that reported no power in ``k`` areas within the hour counts ``1/k`` in each, so a
handful of chats reporting everywhere cannot raise warnings everywhere (five chats can raise
one warning at most, with the default of five).

A report keeps the chat and the area, nothing about the person. The alerts engine tells the
reporting chats when an outage there is published or updated and when power is back there
(:mod:`services.alerts.reporters`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts.reporters import REPORT_WINDOW, is_open
from services.db import changed, dialect_of
from services.db.alert_models import Interruption
from services.db.report_models import PowerReport
from services.places.in_use import place_tree


@dataclass(frozen=True)
class Recorded:
    """A chat's report of an area: new, or the open one it had made before (``created_at``)."""

    area_id: str
    created_at: datetime
    new: bool


@dataclass(frozen=True)
class BurstRule:
    """Warn when an area gets at least ``count`` reports within ``within`` and no outage is
    known there (the settings ``KESCO_REPORT_BURST_COUNT`` and ``..._MINUTES``)."""

    count: int = 5
    within: timedelta = timedelta(minutes=30)


SPREAD_WINDOW = timedelta(hours=1)  # a chat's areas are counted within this (or the burst's)


@dataclass(frozen=True)
class AreaReports:
    """The reports of one area since a time: how many, the first and the last, how many chats
    reported it in the burst window (``recent``) and what they weigh together (``weight``:
    each ``1/k`` for a chat that reported ``k`` areas within the hour), and whether an outage
    is known there now."""

    area_id: str
    district: str
    count: int
    first_at: datetime
    last_at: datetime
    recent: int
    known_outage: bool
    warning: bool
    weight: float = 0.0


async def reporter_weights(
    session: AsyncSession, now: datetime, rule: BurstRule
) -> dict[str, tuple[int, float]]:
    """By area, the chats with an open report of it made within the burst window, and their
    weight together (a chat counts once per area, ``1/k`` when it reported ``k`` areas within
    the hour). A report answered by power coming back is closed and counts no more: the board
    must not invite a second notice for an outage just restored."""
    spread_since = now - max(rule.within, SPREAD_WINDOW)
    recent_since = now - rule.within
    rows = (
        await session.execute(
            select(
                PowerReport.chat_id,
                PowerReport.area_id,
                PowerReport.created_at,
                PowerReport.closed_as,
            ).where(PowerReport.created_at >= spread_since)
        )
    ).all()
    spread: dict[int, set[str]] = {}
    recent: dict[str, set[int]] = {}
    for chat_id, area_id, created_at, closed_as in rows:
        spread.setdefault(chat_id, set()).add(area_id)
        if created_at >= recent_since and closed_as == 0:
            recent.setdefault(area_id, set()).add(chat_id)
    return {
        area: (len(chats), sum(1 / len(spread[chat]) for chat in chats))
        for area, chats in recent.items()
    }


async def record(
    session: AsyncSession,
    chat_id: int,
    area_id: str,
    now: datetime,
    outage_subject: str | None = None,
) -> Recorded:
    """Record that ``area_id`` (a place id of any level) has no power, once per chat and place
    while a report is open."""
    district = place_tree().district_of(area_id)
    if district is None:
        raise ValueError(f"unknown place {area_id!r}")
    await session.execute(
        update(PowerReport)
        .where(
            PowerReport.chat_id == chat_id,
            PowerReport.area_id == area_id,
            PowerReport.closed_as == 0,
            PowerReport.created_at <= now - REPORT_WINDOW,
        )
        .values(closed_as=PowerReport.id, closed_at=now)
        .execution_options(synchronize_session=False)
    )
    insert = sqlite_insert if dialect_of(session) == "sqlite" else pg_insert
    result = await session.execute(
        insert(PowerReport)
        .values(
            chat_id=chat_id,
            area_id=area_id,
            district=district,
            outage_subject=outage_subject,
            created_at=now,
            closed_as=0,
        )
        .on_conflict_do_nothing(index_elements=["chat_id", "area_id", "closed_as"])
    )
    if changed(result):
        return Recorded(area_id, now, True)
    earlier = await session.scalar(
        select(PowerReport.created_at).where(
            PowerReport.chat_id == chat_id,
            PowerReport.area_id == area_id,
            PowerReport.closed_as == 0,
        )
    )
    return Recorded(area_id, earlier or now, False)


async def open_reports_of(session: AsyncSession, chat_id: int, now: datetime) -> list[str]:
    """The areas the chat has an open report of."""
    query = select(PowerReport.area_id).where(PowerReport.chat_id == chat_id, is_open(now))
    return sorted(await session.scalars(query))


async def areas_with_outage(session: AsyncSession, areas: Sequence[str]) -> set[str]:
    """Which of ``areas`` (places of any level) an active outage covers now: one of its places,
    or a place under one."""
    query = select(Interruption.areas).where(
        Interruption.kind == "outage", Interruption.status == "active"
    )
    tree = place_tree()
    covered = {
        place
        for row in await session.scalars(query)
        for area in (row or [])
        for place in (tree.descendants(area) or {area})
    }
    return covered & set(areas)


async def by_area(
    session: AsyncSession,
    since: datetime,
    now: datetime,
    rule: BurstRule,
    districts: Sequence[str] | None = None,
) -> list[AreaReports]:
    """Reports since ``since`` by area (``districts``: only those), warnings first, then the
    most recent."""
    query = (
        select(
            PowerReport.area_id,
            PowerReport.district,
            func.count(),
            func.min(PowerReport.created_at),
            func.max(PowerReport.created_at),
        )
        .where(PowerReport.created_at >= since)
        .group_by(PowerReport.area_id, PowerReport.district)
    )
    if districts is not None:
        query = query.where(PowerReport.district.in_(list(districts)))
    rows = (await session.execute(query)).all()
    known = await areas_with_outage(session, [row[0] for row in rows])
    weights = await reporter_weights(session, now, rule)
    found = []
    for area, district, count, first, last in rows:
        chats, weight = weights.get(area, (0, 0.0))
        warning = area not in known and weight + 1e-9 >= rule.count
        found.append(
            AreaReports(
                area, district, int(count), first, last, chats, area in known, warning, weight
            )
        )
    found.sort(key=lambda item: (not item.warning, -item.last_at.timestamp()))
    return found


async def counts_by_district(session: AsyncSession, since: datetime) -> dict[str, int]:
    """Reports made since ``since``, by district (for the metrics)."""
    query = (
        select(PowerReport.district, func.count())
        .where(PowerReport.created_at >= since)
        .group_by(PowerReport.district)
    )
    return {district: int(count) for district, count in await session.execute(query)}


async def open_by_district(session: AsyncSession, now: datetime) -> dict[str, int]:
    """Open reports (no power back yet, within the window), by district."""
    query = (
        select(PowerReport.district, func.count())
        .where(is_open(now))
        .group_by(PowerReport.district)
    )
    return {district: int(count) for district, count in await session.execute(query)}
