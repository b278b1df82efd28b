"""Tables of households: chats sharing the codes another chat proved, and one-time share codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class HouseholdMember(Base):
    """A chat that was given, with a share code, the codes ``owner_chat_id`` proved.

    The member's copies are ``chat_links`` rows with ``shared_from_chat_id`` set to the owner;
    codes the owner proves later are copied to its members too.
    """

    __tablename__ = "household_members"
    __table_args__ = (UniqueConstraint("owner_chat_id", "member_chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    member_chat_id: Mapped[int] = mapped_column(
        ForeignKey("chats.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ShareCode(Base):
    """A one-time code (stored as its SHA-256) that gives another chat ``chat_id``'s codes."""

    __tablename__ = "share_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_chat_id: Mapped[int | None] = mapped_column(ForeignKey("chats.id", ondelete="SET NULL"))


class HolderRemoval(Base):
    """A chat removed from a customer code by another chat holding it (:mod:`services.holders`).

    ``bill`` is the code's latest bill when it was removed (``period amount``; empty when it had
    none): the chat may not prove the code again with that bill, only with a newer one, or by a
    share code from a chat that holds it (which ends the row).
    """

    __tablename__ = "holder_removals"
    __table_args__ = (Index("ix_holder_removals_chat_code", "chat_id", "customer_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    customer_code: Mapped[str] = mapped_column(String(16), index=True)
    bill: Mapped[str] = mapped_column(String(40))
    removed_by_chat_id: Mapped[int | None] = mapped_column(
        ForeignKey("chats.id", ondelete="SET NULL")
    )
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
