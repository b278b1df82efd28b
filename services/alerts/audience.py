"""How many chats an event would reach, computed without storing anything."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import fanout
from services.alerts import plan as p
from services.alerts.event_types.aiming import AIM_NAMES
from services.alerts.event_types.registry import BY_NAME
from services.alerts.events import ParsedEvent, parse_event
from services.db import Database
from services.db.models import Chat
from services.db.types import utcnow


def _conditions(event: ParsedEvent, now: datetime | None = None) -> list[ColumnElement[bool]]:
    return p.conditions(BY_NAME[event.type].reach(event, now or utcnow()))


async def count_recipients(
    database: Database, event: Mapping[str, Any], *, now: datetime | None = None
) -> int:
    """The chats ``event`` would reach now (or at ``now``: whose reports are open then); raises
    ``EventRejected`` when it is malformed."""
    parsed = parse_event(event)
    async with database.transaction() as session:
        return await count_in(session, parsed, now=now)


async def count_in(
    session: AsyncSession, event: Mapping[str, Any] | ParsedEvent, *, now: datetime | None = None
) -> int:
    """:func:`count_recipients` in the caller's transaction."""
    parsed = event if isinstance(event, ParsedEvent) else parse_event(event)
    conditions = _conditions(parsed, now)
    return await fanout.count(session, *conditions)


async def count_by_channel_in(
    session: AsyncSession, event: Mapping[str, Any] | ParsedEvent
) -> dict[str, int]:
    """The chats ``event`` would reach now, by channel (for an estimate of the time it takes)."""
    parsed = event if isinstance(event, ParsedEvent) else parse_event(event)
    conditions = _conditions(parsed)
    chats = fanout.recipients_query(*conditions).subquery()
    query = (
        select(Chat.channel, func.count())
        .select_from(Chat)
        .where(Chat.id.in_(select(chats.c.id)))
        .group_by(Chat.channel)
    )
    return {channel: int(number) for channel, number in await session.execute(query)}


async def count_by_place_in(
    session: AsyncSession, event: Mapping[str, Any], *, now: datetime | None = None
) -> dict[str, int]:
    """For an outage or planned work, the chats each place it names (``areas`` and ``places``)
    would reach on its own, for a preview per place (a chat may count under several)."""
    parsed = parse_event(event)
    named = [*parsed.fields.get("areas", ()), *parsed.fields.get("places", ())]
    counts: dict[str, int] = {}
    for place in dict.fromkeys(named):
        alone = {k: v for k, v in event.items() if k not in AIM_NAMES}
        counts[place] = await count_in(session, {**alone, "places": [place]}, now=now)
    return counts
