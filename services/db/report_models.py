"""Tables of customers' reports: a chat said an area has no power."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class PowerReport(Base):
    """A chat reported that ``area_id`` has no power: the chat and the area, nothing else.

    A report is open until power is said to be back in its area (an ``outage.restored``) or
    its window passes; ``closed_as`` is 0 while it is open and the row's own id once closed,
    so ``UNIQUE (chat_id, area_id, closed_as)`` keeps one open report per chat and area.
    ``outage_subject`` names the known outage the chat asked to hear the end of, if any.
    """

    __tablename__ = "power_reports"
    __table_args__ = (
        UniqueConstraint("chat_id", "area_id", "closed_as"),
        Index("ix_power_reports_area_id_created_at", "area_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    area_id: Mapped[str] = mapped_column(String(64))
    district: Mapped[str] = mapped_column(String(3), index=True)
    outage_subject: Mapped[str | None] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    closed_as: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
