"""Tables of the alerts: received events, outages and planned works, area follows, alert
preferences, and the durable outbox the dispatcher sends from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
OutboxId = BigInteger().with_variant(Integer(), "sqlite")


class AlertEvent(Base):
    """An event from the account backend, kept by its ``id`` so it is applied once."""

    __tablename__ = "alert_events"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(String(160), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    recipients: Mapped[int] = mapped_column(Integer, default=0)


class Interruption(Base):
    """An unplanned outage or a planned work, as its latest applied event describes it.

    ``areas`` are the places it is in (place ids of any level: the event's ``areas`` and
    ``places``, or its ``district`` alone); ``aims`` what else it names, or None:
    ``{"streets": [...], "feeders": [...], "customer_codes": [...], "district": ...}``
    (:class:`services.alerts.targets.Aim`)."""

    __tablename__ = "interruptions"
    __table_args__ = (UniqueConstraint("kind", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "outage" | "planned_work"
    external_id: Mapped[str] = mapped_column(String(128))
    district: Mapped[str | None] = mapped_column(String(3))
    areas: Mapped[list[str]] = mapped_column(JSON, default=list)
    aims: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    restored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    texts: Mapped[dict[str, str] | None] = mapped_column(JSON)
    last_event_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    day_reminder_done: Mapped[bool] = mapped_column(Boolean, default=False)
    hour_reminder_done: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.external_id}"


class AreaFollow(Base):
    """An area a chat follows for outages and planned works, without a linked code there."""

    __tablename__ = "area_follows"
    __table_args__ = (Index("ix_area_follows_area_id_chat_id", "area_id", "chat_id"),)

    chat_id: Mapped[int] = mapped_column(
        ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True
    )
    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlertPreference(Base):
    """Which alerts a chat wants and its quiet hours; no row means the defaults (all on)."""

    __tablename__ = "alert_preferences"

    chat_id: Mapped[int] = mapped_column(
        ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True
    )
    bills: Mapped[bool] = mapped_column(Boolean, default=True)
    payments: Mapped[bool] = mapped_column(Boolean, default=True)
    outages: Mapped[bool] = mapped_column(Boolean, default=True)
    planned_works: Mapped[bool] = mapped_column(Boolean, default=True)
    reminders: Mapped[bool] = mapped_column(Boolean, default=True)
    # Reminders of a bill's due date and the notice that it is overdue (with ``bills`` on);
    # NULL, from before they existed, means on.
    bill_reminders: Mapped[bool | None] = mapped_column(Boolean, default=True)
    quiet_hours: Mapped[str] = mapped_column(String(8), default="22-07")


class OutboxMessage(Base):
    """One alert to one chat: written first, then sent by the dispatcher (durable outbox).

    ``state`` is queued, sending (claimed, ``lease_until`` set), sent, failed, blocked (the
    recipient is gone) or cancelled. ``quiet`` says what quiet hours do to it: ``wait`` until
    they end, send ``silent``ly, or ``none``. ``expires_at``: tried until then, no longer
    (``None``: no deadline). ``fast``: it may go the channel's fast, paid way (Telegram's paid
    broadcast); ``fast_sent``: it did. ``customer_code``: the one customer code the message is
    about (a bill, a payment, a new holder of the code), so that a chat leaving the code ends
    its unsent messages about it (:func:`services.alerts.outbox.cancel_about_code`); ``None``
    for messages about areas or several codes.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("event_id", "chat_id"),
        Index("ix_outbox_claim", "state", "channel", "fast", "urgency", "not_before", "id"),
        Index("ix_outbox_subject_role", "subject", "role", "chat_id"),
        Index(
            "ix_outbox_customer_code_chat",
            "customer_code",
            "chat_id",
            postgresql_where=text("customer_code IS NOT NULL"),
            sqlite_where=text("customer_code IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(OutboxId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(160))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(160))
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[str | None] = mapped_column(Text)
    urgency: Mapped[int] = mapped_column(SmallInteger)
    quiet: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fast: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    fast_sent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    unanswered: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_epoch: Mapped[int | None] = mapped_column(BigInteger)
    customer_code: Mapped[str | None] = mapped_column(String(16))


class AlertFanout(Base):
    """An event's fan-out, stored with the event and run afterwards, once, in order (``id``).

    ``plan`` lists what the event does to the outbox (cancel rows, queue an alert to an
    audience); ``step`` and ``after_chat`` say how far it has got (it runs in chunks of chats,
    each committed with its progress); ``done_at`` is set when it is finished.
    """

    __tablename__ = "alert_fanouts"
    __table_args__ = (Index("ix_alert_fanouts_pending", "done_at", "id"),)

    id: Mapped[int] = mapped_column(OutboxId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(160), unique=True)
    plan: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    step: Mapped[int] = mapped_column(Integer, default=0)
    after_chat: Mapped[int] = mapped_column(BigInteger, default=0)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LeaderLease(Base):
    """Who leads a job (the alert dispatcher) until when: a lease the leader renews.

    ``epoch`` grows with every new leader; rows a leader claims carry it, so that a deposed
    leader's late writes touch nothing (see :mod:`bot.delivery.lease`).
    """

    __tablename__ = "leader_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    epoch: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
