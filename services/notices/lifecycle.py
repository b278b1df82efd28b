"""A published outage's life: updates (``outage.updated``) and the restoration
(``outage.restored``), published through the alerts engine in the caller's transaction.

The notice row is locked for the request, so concurrent changes apply one after the other.
Each change is one event of the notice's outage (``outage_id`` ``staff-<notice id>``) whose id
is the idempotency key: ``staff-<notice id>-<client id>`` when the client gave one, else
``staff-<notice id>-u<revision>`` for an update and ``staff-<notice id>-restored``. A change
that changes nothing is not published; a second restoration changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from locales.translation import N_
from services import alerts
from services.db.alert_models import AlertEvent, Interruption
from services.db.staff_models import Notice
from services.notices.changes import OutageChange, Restoration
from services.notices.errors import NoticeConflict, NoticeInvalid
from services.notices.events import about, event_id_for, subject_id_for
from services.notices.inputs import read_areas
from services.notices.views import Changed, NoticeView
from services.notices.where import aim_fields, read_places
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.audit_details import said

SAME_MINUTE = timedelta(minutes=1)


async def outage_of(session: AsyncSession, notice: Notice) -> Interruption | None:
    """The outage a published notice started (what it says now)."""
    return await session.scalar(
        select(Interruption).where(
            Interruption.kind == "outage", Interruption.external_id == subject_id_for(notice.id)
        )
    )


async def _published_outage(session: AsyncSession, notice: Notice) -> Interruption:
    if notice.kind != "outage":
        raise NoticeConflict("planned works are not updated or restored; cancel them instead")
    outage = await outage_of(session, notice) if notice.status == "published" else None
    if outage is None:
        raise NoticeConflict(f"the notice is {notice.status}; only a published outage changes")
    return outage


async def _seen(session: AsyncSession, notice: Notice, event_id: str) -> Changed | None:
    if await session.get(AlertEvent, event_id) is None:
        return None
    reach = await alerts.planned_reach(session, event_id)  # its fan-out may still be running
    if reach is None:  # done, perhaps since the line above: read what it reached afterwards
        recipients = select(AlertEvent.recipients).where(AlertEvent.id == event_id)
        reach = int(await session.scalar(recipients) or 0)
    return Changed(
        NoticeView.of(notice, await outage_of(session, notice)), "duplicate", reach, event_id
    )


def _event_id(notice: Notice, change_id: str | None, derived: str) -> str:
    return f"{event_id_for(notice.id)}-{change_id or derived}"


async def update(
    session: AsyncSession,
    principal: Principal,
    notice: Notice,
    change: OutageChange,
    *,
    now: datetime,
    language: str,
    deadlines: alerts.Deadlines | None = None,
) -> Changed:
    """Publish ``change`` to the chats that got the outage (and to those of added areas)."""
    outage = await _published_outage(session, notice)
    event_id = _event_id(notice, change.change_id, f"u{notice.revision + 1}")
    if change.change_id and (seen := await _seen(session, notice, event_id)) is not None:
        return seen
    if outage.status != "active":
        raise NoticeConflict("power is back: a restored outage no longer changes")
    added: list[str] = []
    if change.areas or change.places:
        chosen = read_areas(list(change.areas), notice.district, required=False)
        chosen += read_places(list(change.places), notice.district)
        added = list(dict.fromkeys(place for place in chosen if place not in outage.areas))
    new_end = change.ends_at if change.ends_at not in (None, outage.ends_at) else None
    if new_end is not None and outage.starts_at is not None and new_end <= outage.starts_at:
        raise NoticeInvalid("ends_at", "ends_at: must be after the outage started")
    new_texts = change.texts if change.texts and change.texts != outage.texts else None
    if not (added or new_end or new_texts):
        return Changed(NoticeView.of(notice, outage), "unchanged", 0)
    event: dict[str, Any] = {
        "id": event_id,
        "type": "outage.updated",
        "outage_id": subject_id_for(notice.id),
        "occurred_at": max(now, outage.last_event_at).isoformat(),
    }
    if added:
        event.update(
            district=notice.district, **aim_fields([*outage.areas, *added], notice.district)
        )
    if new_end is not None:
        event["estimated_restore_at"] = new_end.isoformat()
    if new_texts is not None:
        event["reason"] = new_texts
    result = await alerts.apply_event(
        session,
        event,
        now=now,
        default_language=language,
        fast=bool(notice.fast),
        deadlines=deadlines,
    )
    reach = result.recipients
    if reach is None:  # its fan-out runs after the commit: say now how many it reaches
        reach = await alerts.planned_reach(session, event_id) or 0
    notice.revision += 1
    changes = [
        said(N_("new expected end: {time}"), time=new_end) if new_end else "",
        said(N_("areas added: {areas}"), areas=list(added)) if added else "",
        said(N_("a new reason")) if new_texts else "",
    ]
    audit.record(
        session,
        principal,
        "notice.updated",
        **(about(notice) | {"event_id": event_id, "areas": list(outage.areas)}),
        recipients=reach,
        detail="\n".join(part for part in changes if part),
    )
    return Changed(NoticeView.of(notice, outage), "applied", reach, event_id)


async def restore(
    session: AsyncSession,
    principal: Principal,
    notice: Notice,
    restoration: Restoration,
    *,
    now: datetime,
    language: str,
    deadlines: alerts.Deadlines | None = None,
) -> Changed:
    """Tell the chats that got the outage that power is back; cancel what is not sent yet."""
    outage = await _published_outage(session, notice)
    event_id = _event_id(notice, restoration.change_id, "restored")
    if (seen := await _seen(session, notice, event_id)) is not None:
        return seen
    if outage.status == "restored":
        return Changed(NoticeView.of(notice, outage), "unchanged", 0)
    restored_at = restoration.restored_at or now
    if outage.starts_at is not None and restored_at < outage.starts_at:
        if outage.starts_at - restored_at > SAME_MINUTE:
            raise NoticeInvalid("restored_at", "restored_at: before the outage started")
        restored_at = outage.starts_at  # a form's time has no seconds: the same minute
    event = {
        "id": event_id,
        "type": "outage.restored",
        "outage_id": subject_id_for(notice.id),
        "occurred_at": max(now, outage.last_event_at).isoformat(),
        "restored_at": restored_at.isoformat(),
    }
    result = await alerts.apply_event(
        session,
        event,
        now=now,
        default_language=language,
        fast=bool(notice.fast),
        deadlines=deadlines,
    )
    reach = result.recipients
    if reach is None:  # its fan-out runs after the commit: say now how many it reaches
        reach = await alerts.planned_reach(session, event_id) or 0
    notice.restored_at = restored_at
    audit.record(
        session,
        principal,
        "notice.restored",
        **(about(notice) | {"event_id": event_id, "areas": list(outage.areas)}),
        recipients=reach,
        detail=said(N_("power back {time}"), time=restored_at),
    )
    return Changed(NoticeView.of(notice, outage), "applied", reach, event_id)
