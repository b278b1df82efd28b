"""The table of rotating cuts: each timetable, as its latest applied event describes it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class Rotation(Base):
    """A timetable of rotating cuts (``rotation_id`` of the events API: ``external_id``).

    ``timetable`` is :func:`services.rotation.parse.timetable_json`; ``status`` is ``active``
    or ``ended`` (by an event or staff; a timetable also simply runs out at ``ends_at``, the
    end of its last cut). ``reminded_until``: the reminders of cuts starting up to then are
    queued (or were not worth sending: the timetable was published or changed after).
    ``districts``: those its places are in (for staff roles and the audit log).
    """

    __tablename__ = "rotations"
    __table_args__ = (Index("ix_rotations_status_ends_at", "status", "ends_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    timetable: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[dict[str, str] | None] = mapped_column(JSON)
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_until: Mapped[datetime] = mapped_column(UTCDateTime)
    last_event_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def subject(self) -> str:
        return f"rotation:{self.external_id}"
