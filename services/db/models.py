"""Tables of the bot's own database (chats, links, proofs, dedup) and of the demo backend."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class Chat(Base):
    """One conversation in one channel (a Telegram chat, a Viber user, a console session).

    ``pushes`` is copied from the channel's traits when the chat is created: whether alerts
    may be sent to it unasked (a console session can't be pushed to).
    """

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pushes: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    inactive_reason: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    link_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _area_as_place(context: Any) -> str | None:
    """A link written without a place is at its area (the finest place an older backend knew)."""
    area = context.get_current_parameters().get("area_id")
    return str(area) if area else None


class ChatLink(Base):
    """A customer code linked to a chat: proved there (``shared_from_chat_id`` is ``None``), or
    shared with it by the chat that proved it (see :mod:`services.household`). ``via`` says how
    the chat gained it: ``proof`` (the bill's amount), ``link`` (the signed link on the bill) or
    ``share`` (a share code, or a copy from its household); ``None`` for links older than that.

    Where the code is, as the account backend said when it was linked (or later, when it said
    otherwise: :mod:`services.customer_places`): ``area_id`` (the backend's area), ``place_id``
    (the finest place known: its place, else its area, else its district), ``street``
    (normalised), ``feeder`` and ``station``. Outages reach the code by these (indexed with the
    chat, so that each piece of a fan-out reads only its chats)."""

    __tablename__ = "chat_links"
    __table_args__ = (
        UniqueConstraint("chat_id", "customer_code"),
        Index("ix_chat_links_area_id_chat_id", "area_id", "chat_id"),
        Index("ix_chat_links_place_id_chat_id", "place_id", "chat_id"),
        Index("ix_chat_links_street_chat_id", "street", "chat_id"),
        Index("ix_chat_links_feeder_chat_id", "feeder", "chat_id"),
        Index("ix_chat_links_station_chat_id", "station", "chat_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    customer_code: Mapped[str] = mapped_column(String(16), index=True)
    area_id: Mapped[str | None] = mapped_column(String(64))
    place_id: Mapped[str | None] = mapped_column(String(64), default=_area_as_place)
    street: Mapped[str | None] = mapped_column(String(128))
    feeder: Mapped[str | None] = mapped_column(String(64))
    station: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    shared_from_chat_id: Mapped[int | None] = mapped_column(
        ForeignKey("chats.id", ondelete="CASCADE"), index=True
    )
    via: Mapped[str | None] = mapped_column(String(8))


class ProofFailure(Base):
    """A wrong bill amount given for a code (``kind`` "proof"), counted per chat and per code,
    or a wrong share code (``kind`` "share", ``customer_code`` empty), counted per chat
    (services/linking)."""

    __tablename__ = "proof_failures"
    __table_args__ = (
        Index("ix_proof_failures_chat_at", "chat_id", "at"),
        Index("ix_proof_failures_customer_code_at", "customer_code", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    customer_code: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(8), default="proof", server_default="proof")


class ProcessedUpdate(Base):
    """Keys of updates already handled, so a redelivered webhook is handled once."""

    __tablename__ = "processed_updates"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class DeliveryReceipt(Base):
    """A messenger's receipt for a message we sent (delivered, seen, failed)."""

    __tablename__ = "delivery_receipts"
    __table_args__ = (Index("ix_delivery_receipts_chat_at", "channel", "chat_external_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_external_id: Mapped[str] = mapped_column(String(128))
    token: Mapped[str] = mapped_column(String(128), index=True)
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DemoCustomer(Base):
    """A synthetic customer of the embedded demo account backend."""

    __tablename__ = "demo_customers"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    district: Mapped[str] = mapped_column(String(3), index=True)
    area_id: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    place_id: Mapped[str | None] = mapped_column(String(64))
    street: Mapped[str | None] = mapped_column(String(128))
    feeder: Mapped[str | None] = mapped_column(String(64))
    station: Mapped[str | None] = mapped_column(String(64))


class DemoBill(Base):
    """A bill of a demo customer."""

    __tablename__ = "demo_bills"
    __table_args__ = (UniqueConstraint("customer_code", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_code: Mapped[str] = mapped_column(
        ForeignKey("demo_customers.code", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(7))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    issued_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)
    # The history's details (None for bills announced by events): kWh by tariff period,
    # "read" or "estimated", and the days the bill covers.
    consumption_kwh: Mapped[dict[str, str] | None] = mapped_column(JSON)
    reading: Mapped[str | None] = mapped_column(String(10))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
