"""Tables of the places admins keep (issue 23): published versions of their additions to and
renames of the place file."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class PlaceVersion(Base):
    """One published version of the admins' place edits: every edit as it stands (a snapshot:
    places added, places renamed), who published it and what changed. The highest ``number`` is
    what every instance lays over the place file."""

    __tablename__ = "place_versions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(200))
    edits: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
