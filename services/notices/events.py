"""A notice as the alerts event it becomes (DESIGN.md, "Events"), and the ids and audit fields
that name it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.db.staff_models import Notice
from services.notices.inputs import NoticeInput
from services.notices.where import aim_fields


def event_id_for(notice_id: str) -> str:
    return f"staff-{notice_id}"


def subject_id_for(notice_id: str) -> str:
    """The ``outage_id`` or ``work_id`` of a notice's outage or planned work."""
    return f"staff-{notice_id}"


def about(notice: Notice) -> dict[str, Any]:
    """The audit fields that name a notice."""
    return {
        "notice_id": notice.id,
        "event_id": notice.event_id,
        "district": notice.district,
        "areas": notice.areas,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_of(data: NoticeInput, notice_id: str, occurred_at: datetime) -> dict[str, Any]:
    """The ``outage.started`` or ``planned_work.scheduled`` event of a notice."""
    event: dict[str, Any] = {
        "id": event_id_for(notice_id),
        "occurred_at": occurred_at.isoformat(),
        "district": data.district,
        **aim_fields(data.where, data.district),
    }
    if data.kind == "outage":
        event.update(
            type="outage.started",
            outage_id=subject_id_for(notice_id),
            started_at=_iso(data.starts_at),
        )
        if data.ends_at is not None:
            event["estimated_restore_at"] = _iso(data.ends_at)
        if data.texts:
            event["reason"] = dict(data.texts)
    else:
        event.update(
            type="planned_work.scheduled",
            work_id=subject_id_for(notice_id),
            starts_at=_iso(data.starts_at),
            ends_at=_iso(data.ends_at),
            description=dict(data.texts or {}),
        )
    return event
