"""The notice rows: a notice stored once per id (a concurrent request with the same id stores
nothing), and what a stored notice says, as the input it was made from."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.staff_models import Notice
from services.notices.events import event_id_for
from services.notices.inputs import NoticeInput
from services.notices.where import split


def stored_input(notice: Notice) -> NoticeInput:
    """What a stored notice says, as the input it was made from (its one list of places split
    again into the district's areas and the other places)."""
    areas, places = split(notice.areas, notice.district)
    return NoticeInput(
        notice.kind,
        notice.district,
        areas,
        notice.starts_at,
        notice.ends_at,
        notice.texts,
        notice_id=notice.id,
        fast=bool(notice.fast),
        places=places,
    )


async def insert_notice(
    session: AsyncSession, created_by: str, data: NoticeInput, notice_id: str, now: datetime
) -> Notice | None:
    """The new row, scheduled (at ``now`` unless later); ``None`` when the id is taken."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    values = dict(
        id=notice_id,
        kind=data.kind,
        district=data.district,
        areas=list(data.where),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        texts=data.texts,
        status="scheduled",
        publish_at=data.publish_at or now,
        event_id=event_id_for(notice_id),
        created_by=created_by,
        created_at=now,
        fast=data.fast,
    )
    result = await session.execute(
        insert(Notice).values(**values).on_conflict_do_nothing(index_elements=["id"])
    )
    if not cast(CursorResult[Any], result).rowcount:
        return None
    return await session.get(Notice, notice_id)
