"""A chat's rotating cuts: the cuts of the groups that reach it, today and tomorrow."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.models import ChatLink
from services.db.rotation_models import Rotation
from services.rotation.parse import timetable_of
from services.rotation.upcoming import DayCut, reaches, today_and_tomorrow


@dataclass(frozen=True)
class ChatCuts:
    """``cuts``: the chat's cuts under way or ahead today and tomorrow, by start; ``groups``:
    the groups of running timetables that reach it (cuts ahead or not)."""

    cuts: list[DayCut] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


async def linked_codes(session: AsyncSession, chat_id: int) -> list[str]:
    query = select(ChatLink.customer_code).where(ChatLink.chat_id == chat_id)
    return sorted(set(await session.scalars(query)))


async def cuts_of_chat(
    session: AsyncSession, areas: Collection[str], codes: Collection[str], now: datetime
) -> ChatCuts:
    """The rotating cuts of a chat whose areas (of its codes, and followed) are ``areas`` and
    whose linked codes are ``codes``."""
    rows = await session.scalars(
        select(Rotation)
        .where(Rotation.status == "active", Rotation.ends_at > now)
        .order_by(Rotation.id)
    )
    cuts: list[DayCut] = []
    groups: list[str] = []
    for row in rows:
        timetable = timetable_of(row.timetable)
        reaching = {group.id for group in timetable.groups if reaches(group, areas, codes)}
        if reaching:
            groups += sorted(reaching)
            cuts += today_and_tomorrow(timetable, reaching, now)
    cuts.sort(key=lambda item: (item.cut.starts_at, item.cut.group))
    return ChatCuts(cuts, groups)
