"""Bounds on the signed links printed on bills (:mod:`services.deep_links`).

A printed link links each chat once (a chat that used it, then unlinked or was removed, cannot
use it again) and at most ``max_chats`` chats in all (``KESCO_LINK_MAX_CHATS``); past that the
chat is asked for the amount of the bill, like any other. Every link of a code is *revoked* at
once by raising the code's generation (:class:`~services.db.link_models.LinkGeneration`): the
links signed before no longer verify. That happens when staff revoke them (page, API, CLI),
when a holder removes a chat from the code (:func:`services.holders.remove`), and when the
account changes hands (:func:`services.linking_state.unlink_everywhere`). The secret is not
touched. All functions work in the caller's transaction.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date, datetime
from enum import Enum

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import Database, dialect_of
from services.db.link_models import LinkGeneration, LinkGrant
from services.db.types import utcnow
from services.deep_links import DEFAULT, BillLinks, DeepLinks, _Default

log = logging.getLogger(__name__)
DEFAULT_MAX_CHATS = 3
STAFF, HOLDER, ACCOUNT = "staff", "holder", "account"


class Admission(Enum):
    """Whether one printed link may link one more chat."""

    OPEN = "open"
    SPENT = "spent"  # this chat used this link already
    FULL = "full"  # the link linked as many chats as it may


async def generation(session: AsyncSession, code: str) -> int:
    """The current generation of ``code``'s links (0: never revoked)."""
    row = await session.get(LinkGeneration, code)
    return row.generation if row is not None else 0


async def admission(
    session: AsyncSession, chat_id: int, key: str, max_chats: int = DEFAULT_MAX_CHATS
) -> Admission:
    """Whether the link ``key`` may link chat ``chat_id``. On PostgreSQL the link is locked until
    the caller's transaction ends, so that chats opening it at the same moment are counted one
    after the other (SQLite's transactions take the whole database already)."""
    if dialect_of(session) == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
    chats = list(await session.scalars(select(LinkGrant.chat_id).where(LinkGrant.link_key == key)))
    if chat_id in chats:
        return Admission.SPENT
    if len(chats) >= max_chats:
        return Admission.FULL
    return Admission.OPEN


async def grant(
    session: AsyncSession, chat_id: int, code: str, key: str, now: datetime | None = None
) -> None:
    """Record that the link ``key`` linked chat ``chat_id``."""
    session.add(
        LinkGrant(customer_code=code, link_key=key, chat_id=chat_id, granted_at=now or utcnow())
    )
    await session.flush()


async def revoke(session: AsyncSession, code: str, reason: str, now: datetime | None = None) -> int:
    """Void every link of ``code`` signed until now; the new generation (new links are signed
    for it). ``reason``: :data:`STAFF`, :data:`HOLDER` or :data:`ACCOUNT`."""
    row = await session.get(LinkGeneration, code, with_for_update=True)
    if row is None:
        with contextlib.suppress(IntegrityError):  # another revocation added it just now
            async with session.begin_nested():
                session.add(LinkGeneration(customer_code=code, generation=0, reason=reason))
        row = await session.get(LinkGeneration, code, with_for_update=True, populate_existing=True)
        assert row is not None
    row.generation += 1
    row.reason = reason
    row.revoked_at = now or utcnow()
    await session.execute(delete(LinkGrant).where(LinkGrant.customer_code == code))
    await session.flush()
    log.info("the printed links of a customer code were revoked (%s)", reason)
    return row.generation


async def grants_of(session: AsyncSession, code: str) -> int:
    """How many chats the current links of ``code`` linked."""
    query = select(func.count()).select_from(LinkGrant).where(LinkGrant.customer_code == code)
    return int(await session.scalar(query) or 0)


async def signed_links(
    database: Database,
    links: DeepLinks,
    code: str,
    valid_until: date | None | _Default = DEFAULT,
    today: date | None = None,
) -> BillLinks:
    """The signed links of ``code`` for its current generation (what the staff API, the CLI
    and the account backend print on a bill): see :meth:`DeepLinks.bill_links`."""
    async with database.transaction() as session:
        current = await generation(session, code)
    return links.bill_links(code, valid_until, today, current)


async def revoke_links(database: Database, code: str, reason: str = STAFF) -> int:
    """:func:`revoke` in its own transaction; the new generation."""
    async with database.transaction() as session:
        return await revoke(session, code, reason)
