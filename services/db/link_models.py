"""Tables of the signed bill links: which chats each printed link linked, and the revocations
of a code's links (:mod:`services.link_grants`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.db.base import Base
from services.db.types import UTCDateTime, utcnow


class LinkGrant(Base):
    """A chat that linked a code by one printed link (``link_key``: the link's signature).
    A link links each chat once, and at most ``KESCO_LINK_MAX_CHATS`` chats."""

    __tablename__ = "link_grants"
    __table_args__ = (UniqueConstraint("link_key", "chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_code: Mapped[str] = mapped_column(String(16), index=True)
    link_key: Mapped[str] = mapped_column(String(32), index=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LinkGeneration(Base):
    """How many times the printed links of a code were revoked: every link signed before the
    last revocation is void ("links issued before ``revoked_at`` no longer work"). New links
    are signed for ``generation`` (:mod:`services.deep_links`)."""

    __tablename__ = "link_generations"

    customer_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=0)
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(16))
