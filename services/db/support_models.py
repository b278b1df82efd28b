"""Tables of customer support: call-back requests left in a chat for a person to answer, and the
budget spends that bound how often a chat or an area may ask for something."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class CallbackRequest(Base):
    """A customer asked for a person: their chat, its linked code (proved), a short text, the
    number to call back (E.164) and, without a code, the area it is about (which operators see
    it). ``ready`` is False while the bot still asks for the number or the area (staff do not
    see it yet)."""

    __tablename__ = "callback_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    customer_code: Mapped[str | None] = mapped_column(String(16))
    district: Mapped[str | None] = mapped_column(String(3), index=True)
    text: Mapped[str] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    area_id: Mapped[str | None] = mapped_column(String(64))
    ready: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class BudgetSpend(Base):
    """One use of a budgeted thing (``kind``: a call-back, a report, a proof) by a chat, in an
    area or district (``scope``), counted per chat and per scope within the budget's window
    (:mod:`services.budgets`); deleted after a day by the retention job."""

    __tablename__ = "budget_spends"
    __table_args__ = (
        Index("ix_budget_spends_kind_chat_at", "kind", "chat_id", "at"),
        Index("ix_budget_spends_kind_scope_at", "kind", "scope", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
