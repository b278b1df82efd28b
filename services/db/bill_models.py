"""Tables of the bill reminders: the bills announced by ``bill.issued``, until they are paid."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, Index, Integer, Numeric, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class BillDue(Base):
    """A bill the account backend announced (``bill.issued``), kept to remind its chats before
    and on its due date and to tell them when it is overdue, each once (``*_done``). A payment
    (``payment.received``) that covers it sets ``paid_at``: nothing more is sent about it."""

    __tablename__ = "bill_dues"
    __table_args__ = (
        UniqueConstraint("customer_code", "period"),
        Index("ix_bill_dues_open", "paid_at", "due_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_code: Mapped[str] = mapped_column(String(16), index=True)
    period: Mapped[str] = mapped_column(String(7))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    due_date: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    before_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    due_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    overdue_done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
