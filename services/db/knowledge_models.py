"""Tables of the answers staff keep (issue 20): published versions of the staff FAQ topics, and
the questions the bot could not answer, kept for staff (masked) for 90 days."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class KnowledgeVersion(Base):
    """One published version of the staff topics: every topic as it stands (a snapshot), who
    published it and why. The highest ``number`` is what every instance answers with; going
    back to an older version publishes a new one with the older snapshot."""

    __tablename__ = "knowledge_versions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(200))
    topics: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class UnansweredQuestion(Base):
    """A message the bot refused or asked back about: its text with customer codes, phone
    numbers, e-mails and amounts masked, its language and what the bot offered. No chat."""

    __tablename__ = "unanswered_questions"
    __table_args__ = (
        Index("ix_unanswered_questions_resolved_created", "resolved_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(8))  # "refused", "asked" or "referred"
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_to: Mapped[str | None] = mapped_column(String(64))  # a topic id, or "dismissed"
