"""How many chats an event would reach, computed without storing anything."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import fanout
from services.alerts.events import ParsedEvent, parse_event
from services.db import Database
from services.db.models import Chat
from services.db.types import utcnow


def _conditions(event_type: str, fields: Mapping[str, Any], subject: str) -> list[Any]:
    code_rules = {"bill.issued": "bills", "payment.received": "payments"}
    if event_type in code_rules:
        return [
            fanout.linked_to_code(fields["customer_code"]),
            fanout.wants(code_rules[event_type]),
        ]
    if event_type == "outage.started":
        return [fanout.outage_audience(fields["areas"], utcnow())]
    if event_type == "planned_work.scheduled":
        return [fanout.in_areas(fields["areas"]), fanout.wants("planned_works")]
    states: tuple[str, ...] = fanout.DELIVERED_OR_UNDERWAY
    if event_type in ("outage.restored", "planned_work.cancelled"):
        states = fanout.UNDERWAY_OR_SENT
    if event_type == "outage.updated" and "areas" in fields:
        return [fanout.outage_follow_up(subject, fields["areas"], utcnow(), states)]
    preference = "outages" if event_type.startswith("outage.") else "planned_works"
    return [fanout.got_first(subject, states), fanout.wants(preference)]


async def count_recipients(database: Database, event: Mapping[str, Any]) -> int:
    """The chats ``event`` would reach now (raises ``EventRejected`` when it is malformed)."""
    parsed = parse_event(event)
    async with database.transaction() as session:
        return await count_in(session, parsed)


async def count_in(session: AsyncSession, event: Mapping[str, Any] | ParsedEvent) -> int:
    """:func:`count_recipients` in the caller's transaction."""
    parsed = event if isinstance(event, ParsedEvent) else parse_event(event)
    conditions: list[ColumnElement[bool]] = _conditions(parsed.type, parsed.fields, parsed.subject)
    return await fanout.count(session, *conditions)


async def count_by_channel_in(
    session: AsyncSession, event: Mapping[str, Any] | ParsedEvent
) -> dict[str, int]:
    """The chats ``event`` would reach now, by channel (for an estimate of the time it takes)."""
    parsed = event if isinstance(event, ParsedEvent) else parse_event(event)
    conditions = _conditions(parsed.type, parsed.fields, parsed.subject)
    chats = fanout.recipients_query(*conditions).subquery()
    query = (
        select(Chat.channel, func.count())
        .select_from(Chat)
        .where(Chat.id.in_(select(chats.c.id)))
        .group_by(Chat.channel)
    )
    return {channel: int(number) for channel, number in await session.execute(query)}
