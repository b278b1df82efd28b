"""The rotating cuts' desk of the staff pages and API, over the notice desk's settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.staff_web.context import StaffContext
from services.rotation.desk import RotationDesk, RotationView
from services.rotation.parse import timetable_json


def rotation_desk(context: StaffContext) -> RotationDesk:
    """A desk that publishes as the notice desk does (default language, wake-ups)."""
    desk = context.desk
    return RotationDesk(
        context.database, default_language=desk.default_language, wakeups=desk.wakeups
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def rotation_json(view: RotationView, now: datetime) -> dict[str, Any]:
    """A timetable in the staff API."""
    return {
        "rotation_id": view.rotation_id,
        "status": view.status,
        "running": view.running(now),
        "districts": view.districts,
        "first_cut_at": _iso(view.starts_at),
        "last_cut_ends_at": _iso(view.ends_at),
        "updated_at": _iso(view.updated_at),
        "reason": view.reason,
        **timetable_json(view.timetable),
    }
