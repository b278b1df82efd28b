"""The audit log: every staff action, who did it, to whom, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.staff_models import AuditEntry
from services.db.types import utcnow
from services.staff.accounts import Principal


def record(
    session: AsyncSession,
    actor: Principal | str,
    action: str,
    *,
    via: str | None = None,
    notice_id: str | None = None,
    event_id: str | None = None,
    district: str | None = None,
    areas: Sequence[str] | None = None,
    recipients: int | None = None,
    detail: str | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry to the log, in the caller's transaction."""
    username = actor.username if isinstance(actor, Principal) else actor
    entry = AuditEntry(
        at=at or utcnow(),
        actor=username[:64],
        via=(via or (actor.via if isinstance(actor, Principal) else "system"))[:16],
        action=action,
        notice_id=notice_id,
        event_id=event_id,
        district=district,
        areas=list(areas) if areas is not None else None,
        recipients=recipients,
        detail=detail[:300] if detail else None,
    )
    session.add(entry)
    return entry


async def entries(
    session: AsyncSession, principal: Principal, *, limit: int = 100, before_id: int | None = None
) -> list[AuditEntry]:
    """The newest entries the principal may read: an operator, those of their districts and
    their own actions; an admin, all."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    if not principal.is_admin:
        query = query.where(
            or_(
                AuditEntry.district.in_(principal.districts), AuditEntry.actor == principal.username
            )
        )
    return list((await session.scalars(query)).all())
