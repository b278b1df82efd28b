"""A notice's reach place by place, for its preview: the chats each chosen area or place would
reach on its own, and the chats the whole notice reaches (a chat reached through two places is
counted once there). Counted with the alerts engine's own audience count, as publishing would
reach them now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services import alerts
from services.alerts.audience import count_by_place_in
from services.db.types import utcnow
from services.notices.events import event_of
from services.notices.inputs import NoticeInput


@dataclass(frozen=True)
class PlaceReach:
    """The chats one chosen place reaches on its own."""

    place_id: str
    recipients: int


@dataclass(frozen=True)
class ReachByPlace:
    """Per chosen place (in the order chosen), and the whole notice's ``total``."""

    places: tuple[PlaceReach, ...]
    total: int


async def reach_by_place(
    session: AsyncSession, data: NoticeInput, now: datetime | None = None
) -> ReachByPlace:
    """How many chats ``data`` reaches through each of its places, and in all."""
    now = now or utcnow()
    event = event_of(data, data.notice_id or "preview", now)
    total = await alerts.count_in(session, event, now=now)
    counts = await count_by_place_in(session, event, now=now)
    places = tuple(PlaceReach(place_id, counts.get(place_id, 0)) for place_id in data.where)
    return ReachByPlace(places, total)
