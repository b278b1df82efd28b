"""A chat's rotating cuts: the cuts of the groups that reach it (by its linked codes' places,
streets, feeders and stations, its codes, and the places it follows, as outages reach it:
:mod:`services.alerts.rotation_audience`), today and tomorrow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts.rotation_audience import ChatWhere, LinkWhere, groups_reaching
from services.alerts.targets import current_tree
from services.db.alert_models import AreaFollow
from services.db.models import ChatLink
from services.db.rotation_models import Rotation
from services.rotation.parse import timetable_of
from services.rotation.upcoming import DayCut, today_and_tomorrow


@dataclass(frozen=True)
class ChatCuts:
    """``cuts``: the chat's cuts under way or ahead today and tomorrow, by start; ``groups``:
    the groups of running timetables that reach it (cuts ahead or not)."""

    cuts: list[DayCut] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


async def chat_where(session: AsyncSession, chat_id: int) -> ChatWhere:
    """Where the chat's linked codes are, and the places it follows."""
    links = await session.execute(
        select(
            ChatLink.customer_code,
            ChatLink.place_id,
            ChatLink.street,
            ChatLink.feeder,
            ChatLink.station,
        ).where(ChatLink.chat_id == chat_id)
    )
    followed = await session.scalars(
        select(AreaFollow.area_id).where(AreaFollow.chat_id == chat_id)
    )
    return ChatWhere(
        links=tuple(LinkWhere(*row) for row in links),
        followed=frozenset(followed),
    )


async def cuts_of_chat(session: AsyncSession, chat_id: int, now: datetime) -> ChatCuts:
    """The rotating cuts of the chat, today and tomorrow, in the running timetables."""
    rows = await session.scalars(
        select(Rotation)
        .where(Rotation.status == "active", Rotation.ends_at > now)
        .order_by(Rotation.id)
    )
    rotations = list(rows)
    if not rotations:
        return ChatCuts()
    chat = await chat_where(session, chat_id)
    tree = current_tree()
    cuts: list[DayCut] = []
    groups: list[str] = []
    for row in rotations:
        timetable = timetable_of(row.timetable)
        reaching = groups_reaching(timetable, chat, tree)
        if reaching:
            groups += sorted(reaching)
            cuts += today_and_tomorrow(timetable, reaching, now)
    cuts.sort(key=lambda item: (item.cut.starts_at, item.cut.group))
    return ChatCuts(cuts, groups)
