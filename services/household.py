"""Households: chats that share the customer codes one of them proved.

The chat that proved a code (its *owner*) can give its proved codes to other chats, in any
messenger, with a one-time share code (:mod:`services.share_codes`). Each such chat becomes a
*member*: a :class:`~services.db.household_models.HouseholdMember` row, and a copy of each of
the owner's proved codes in ``chat_links`` with ``shared_from_chat_id`` set to the owner. So
every other part of the bot (bills, payments, outages, the alerts fan-out with its one row per
chat per event) reads a member's codes as it reads any chat's, and each chat keeps its own
language and alert settings.

A code the owner proves later is copied to its members; a code the owner unlinks is unlinked
from them; a member can leave (its copies go), and the owner can remove a member. A chat that
loses a code here loses its unsent messages about it too (``outbox.cancel_about_code``).
All functions work in the caller's transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.alerts import outbox
from services.customer_places import LinkPlace, place_of
from services.db import changed
from services.db.household_models import HouseholdMember
from services.db.models import Chat, ChatLink

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SharedChat:
    """One chat of a household, as other chats may see it: no names, no messenger ids."""

    chat_id: int
    channel: str
    since: datetime
    proved: bool
    is_this_chat: bool


@dataclass(frozen=True)
class Household:
    """The chats sharing the codes proved by ``owner_chat_id``: the owner first."""

    owner_chat_id: int
    chats: tuple[SharedChat, ...]

    @property
    def others(self) -> tuple[SharedChat, ...]:
        return tuple(chat for chat in self.chats if not chat.is_this_chat)


async def proved_codes(session: AsyncSession, chat_id: int) -> list[str]:
    """The codes proved in chat ``chat_id`` itself (not given to it by another chat)."""
    query = (
        select(ChatLink.customer_code)
        .where(ChatLink.chat_id == chat_id, ChatLink.shared_from_chat_id.is_(None))
        .order_by(ChatLink.created_at, ChatLink.id)
    )
    return list(await session.scalars(query))


async def codes_of(session: AsyncSession, chat_id: int) -> list[str]:
    """Every code linked to chat ``chat_id``, proved there or shared with it."""
    return list(
        await session.scalars(select(ChatLink.customer_code).where(ChatLink.chat_id == chat_id))
    )


async def codes_shared_by(
    session: AsyncSession, owner_chat_id: int, member_chat_id: int
) -> list[str]:
    """The codes chat ``member_chat_id`` holds as copies from ``owner_chat_id``."""
    query = select(ChatLink.customer_code).where(
        ChatLink.chat_id == member_chat_id, ChatLink.shared_from_chat_id == owner_chat_id
    )
    return list(await session.scalars(query))


async def link_count(session: AsyncSession, chat_id: int) -> int:
    query = select(func.count()).select_from(ChatLink).where(ChatLink.chat_id == chat_id)
    return int(await session.scalar(query) or 0)


async def member_ids(session: AsyncSession, owner_chat_id: int) -> list[int]:
    query = (
        select(HouseholdMember.member_chat_id)
        .where(HouseholdMember.owner_chat_id == owner_chat_id)
        .order_by(HouseholdMember.id)
    )
    return list(await session.scalars(query))


async def is_member(session: AsyncSession, owner_chat_id: int, member_chat_id: int) -> bool:
    query = select(HouseholdMember.id).where(
        HouseholdMember.owner_chat_id == owner_chat_id,
        HouseholdMember.member_chat_id == member_chat_id,
    )
    return (await session.scalar(query)) is not None


async def _copy(
    session: AsyncSession, owner_chat_id: int, member_chat_id: int, code: str, place: LinkPlace
) -> bool:
    """Give ``code`` (where it is: ``place``) to the member unless it has it already."""
    query = select(ChatLink.id).where(
        ChatLink.chat_id == member_chat_id, ChatLink.customer_code == code
    )
    if await session.scalar(query) is not None:
        return False
    session.add(
        ChatLink(
            chat_id=member_chat_id,
            customer_code=code,
            **place.columns(),
            shared_from_chat_id=owner_chat_id,
            via="share",
        )
    )
    await session.flush()
    return True


async def join(
    session: AsyncSession, owner_chat_id: int, member_chat_id: int, max_links: int
) -> list[str]:
    """Make ``member_chat_id`` a member and give it the owner's proved codes; returns the codes
    it now shares (those it had already are kept as they were)."""
    if not await is_member(session, owner_chat_id, member_chat_id):
        session.add(HouseholdMember(owner_chat_id=owner_chat_id, member_chat_id=member_chat_id))
        await session.flush()
    owned = list(
        await session.scalars(
            select(ChatLink)
            .where(ChatLink.chat_id == owner_chat_id, ChatLink.shared_from_chat_id.is_(None))
            .order_by(ChatLink.created_at, ChatLink.id)
        )
    )
    for link in owned:
        if await link_count(session, member_chat_id) >= max_links:
            break
        await _copy(session, owner_chat_id, member_chat_id, link.customer_code, place_of(link))
    log.info("chat %s joined the household of chat %s", member_chat_id, owner_chat_id)
    return [link.customer_code for link in owned]


async def share_new_code(
    session: AsyncSession, owner_chat_id: int, code: str, place: LinkPlace, max_links: int
) -> int:
    """Copy a code the owner has just proved to its members (those below ``max_links``)."""
    copied = 0
    for member in await member_ids(session, owner_chat_id):
        if await link_count(session, member) >= max_links:
            log.info("chat %s is full: a code of its household was not copied", member)
            continue
        copied += await _copy(session, owner_chat_id, member, code, place)
    return copied


async def unshare_code(session: AsyncSession, owner_chat_id: int, code: str) -> list[int]:
    """Unlink ``code`` from the chats the owner gave it to, and cancel their unsent messages
    about it; returns those chats."""
    shared = ChatLink.shared_from_chat_id == owner_chat_id, ChatLink.customer_code == code
    chats = list(await session.scalars(select(ChatLink.chat_id).where(*shared)))
    await session.execute(delete(ChatLink).where(*shared))
    await outbox.cancel_about_code(session, code, chats)
    return chats


async def leave(session: AsyncSession, owner_chat_id: int, member_chat_id: int) -> bool:
    """The member stops sharing the owner's codes (its copies go, and its unsent messages about
    them); False when it was not one."""
    copies = ChatLink.chat_id == member_chat_id, ChatLink.shared_from_chat_id == owner_chat_id
    codes = list(await session.scalars(select(ChatLink.customer_code).where(*copies)))
    for code in codes:
        await outbox.cancel_about_code(session, code, [member_chat_id])
    result = await session.execute(
        delete(HouseholdMember).where(
            HouseholdMember.owner_chat_id == owner_chat_id,
            HouseholdMember.member_chat_id == member_chat_id,
        )
    )
    await session.execute(delete(ChatLink).where(*copies))
    left = bool(changed(result))
    if left:
        log.info("chat %s left the household of chat %s", member_chat_id, owner_chat_id)
    return left


async def households_of(session: AsyncSession, chat_id: int) -> list[Household]:
    """The households ``chat_id`` is in: its own (when it has members), then those it joined."""
    owners = [chat_id] if await member_ids(session, chat_id) else []
    joined = select(HouseholdMember.owner_chat_id).where(HouseholdMember.member_chat_id == chat_id)
    owners += list(await session.scalars(joined.order_by(HouseholdMember.id)))
    return [await _household(session, owner, chat_id) for owner in owners]


async def _household(session: AsyncSession, owner_chat_id: int, this_chat_id: int) -> Household:
    rows = (
        await session.execute(
            select(Chat.id, Chat.channel, Chat.created_at, HouseholdMember.created_at)
            .outerjoin(
                HouseholdMember,
                and_(
                    HouseholdMember.member_chat_id == Chat.id,
                    HouseholdMember.owner_chat_id == owner_chat_id,
                ),
            )
            .where(or_(Chat.id == owner_chat_id, HouseholdMember.id.is_not(None)))
            .order_by(HouseholdMember.id.is_not(None), HouseholdMember.id)
        )
    ).all()
    chats = tuple(
        SharedChat(
            chat_id=row[0],
            channel=row[1],
            since=row[3] or row[2],
            proved=row[0] == owner_chat_id,
            is_this_chat=row[0] == this_chat_id,
        )
        for row in rows
    )
    return Household(owner_chat_id, chats)
