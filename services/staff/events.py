"""A notice as the alerts event it becomes, and the alerts engine it is handed to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import ModuleType
from typing import Any, Protocol

from services.db import Database
from services.db.staff_models import Notice
from services.staff.notice_input import NoticeInput


class AlertsEngine(Protocol):
    """The four functions of :mod:`services.alerts` the staff tool uses."""

    async def ingest_event(
        self, database: Database, event: Mapping[str, Any], *, now: datetime | None = None
    ) -> Any: ...

    async def count_recipients(self, database: Database, event: Mapping[str, Any]) -> int: ...

    async def broadcast_progress(self, database: Database, event_id: str) -> dict[str, int]: ...

    async def stop_broadcast(self, database: Database, event_id: str) -> int: ...


def default_engine() -> AlertsEngine | ModuleType:
    from services import alerts

    return alerts


def event_id_for(notice_id: str) -> str:
    return f"staff-{notice_id}"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def build_event(
    kind: str,
    notice_id: str,
    district: str,
    areas: list[str] | tuple[str, ...],
    starts_at: datetime,
    ends_at: datetime | None,
    texts: Mapping[str, str] | None,
    occurred_at: datetime,
) -> dict[str, Any]:
    """The ``outage.started`` or ``planned_work.scheduled`` event of a notice (DESIGN.md)."""
    event: dict[str, Any] = {
        "id": event_id_for(notice_id),
        "occurred_at": occurred_at.isoformat(),
        "district": district,
        "areas": list(areas),
    }
    if kind == "outage":
        event.update(
            type="outage.started", outage_id=f"staff-{notice_id}", started_at=_iso(starts_at)
        )
        if ends_at is not None:
            event["estimated_restore_at"] = _iso(ends_at)
        if texts:
            event["reason"] = dict(texts)
    else:
        event.update(
            type="planned_work.scheduled",
            work_id=f"staff-{notice_id}",
            starts_at=_iso(starts_at),
            ends_at=_iso(ends_at),
            description=dict(texts or {}),
        )
    return event


def event_of_notice(notice: Notice, occurred_at: datetime) -> dict[str, Any]:
    return build_event(
        notice.kind,
        notice.id,
        notice.district,
        notice.areas,
        notice.starts_at,
        notice.ends_at,
        notice.texts,
        occurred_at,
    )


def event_of_input(data: NoticeInput, notice_id: str, occurred_at: datetime) -> dict[str, Any]:
    return build_event(
        data.kind,
        notice_id,
        data.district,
        data.areas,
        data.starts_at,
        data.ends_at,
        data.texts,
        occurred_at,
    )
