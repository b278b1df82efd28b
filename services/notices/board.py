"""What is happening now, for staff: active outages and planned works not over yet in the
districts a staff member acts in, with their delivery, and which of them are overdue (the
expected end passed long ago and nobody said power is back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services import alerts
from services.alerts.history import Delivery
from services.db.alert_models import Interruption
from services.db.staff_models import Notice
from services.staff.accounts import Principal

STAFF_PREFIX = "staff-"
DEFAULT_OVERDUE_AFTER = timedelta(hours=2)


@dataclass(frozen=True)
class BoardItem:
    """One outage or planned work on the board. ``notice_id``: the staff notice that
    published it (None when it came from the account backend)."""

    kind: str
    subject: str
    notice_id: str | None
    district: str | None
    areas: tuple[str, ...]
    starts_at: datetime | None
    ends_at: datetime | None
    updated_at: datetime
    delivery: Delivery
    overdue: bool

    @property
    def is_outage(self) -> bool:
        return self.kind == "outage"


def is_overdue(row: Interruption, now: datetime, after: timedelta) -> bool:
    """An active outage whose expected end (or, without one, whose last news) is older than
    ``after``: staff should update or restore it."""
    if row.kind != "outage" or row.status != "active":
        return False
    reference = row.ends_at or row.updated_at
    return reference is not None and now - reference > after


async def board(
    session: AsyncSession,
    principal: Principal,
    now: datetime,
    *,
    overdue_after: timedelta = DEFAULT_OVERDUE_AFTER,
    outages_only: bool = False,
) -> list[BoardItem]:
    """Active outages (oldest first), then planned works not over yet (soonest first)."""
    current: ColumnElement[bool] = (Interruption.kind == "outage") & (
        Interruption.status == "active"
    )
    if not outages_only:
        current = or_(
            current,
            (Interruption.kind == "planned_work")
            & (Interruption.status == "scheduled")
            & (Interruption.ends_at > now),
        )
    query = select(Interruption).where(current)
    if not principal.is_admin:
        query = query.where(Interruption.district.in_(principal.districts))
    rows = list((await session.scalars(query)).all())
    staff_ids = [
        r.external_id[len(STAFF_PREFIX) :] for r in rows if r.external_id.startswith(STAFF_PREFIX)
    ]
    notices = set()
    if staff_ids:
        notices = set(await session.scalars(select(Notice.id).where(Notice.id.in_(staff_ids))))
    deliveries = await alerts.deliveries_in(session, [row.subject for row in rows])
    items = [
        BoardItem(
            row.kind,
            row.subject,
            notice_id
            if (notice_id := row.external_id.removeprefix(STAFF_PREFIX)) in notices
            else None,
            row.district,
            tuple(row.areas or ()),
            row.starts_at,
            row.ends_at,
            row.updated_at,
            deliveries[row.subject],
            is_overdue(row, now, overdue_after),
        )
        for row in rows
    ]
    items.sort(key=lambda item: (not item.is_outage, item.starts_at or now))
    return items
