"""Who is linked to a customer code, and what a chat has linked: read-only views for the
account backend (see :mod:`services.api`), with no names and no messenger ids of people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from services import holders, link_grants
from services.alerts import outbox
from services.customer_codes import parse_customer_code
from services.db import Database, changed
from services.db.models import Chat, ChatLink
from services.db.types import utcnow


@dataclass(frozen=True)
class LinkedChat:
    """A chat linked to a code: its messenger, whether it proved the code itself (else another
    chat of its household shared it), whether it can get alerts now, its language, since when.

    ``chat`` is the bot's own number for the chat (stable, not the messenger's id)."""

    chat: int
    channel: str
    proved: bool
    active: bool
    language: str | None
    linked_at: datetime


@dataclass(frozen=True)
class ChatLinking:
    """What one chat has linked: its codes (proved there, or shared with it), and until when
    linking is locked after too many wrong attempts (None: not locked)."""

    chat: int
    channel: str
    proved: tuple[str, ...]
    shared: tuple[str, ...]
    locked_until: datetime | None


def _code(code: str) -> str:
    parsed = parse_customer_code(code)
    if parsed.code is None:
        raise ValueError(f"not a customer code: {code!r}")
    return str(parsed.code)


async def linked_chats(database: Database, code: str) -> list[LinkedChat]:
    """Every chat linked to ``code`` (any typed form), oldest link first."""
    query = (
        select(
            Chat.id,
            Chat.channel,
            ChatLink.shared_from_chat_id,
            Chat.active,
            Chat.language,
            ChatLink.created_at,
        )
        .join(Chat, Chat.id == ChatLink.chat_id)
        .where(ChatLink.customer_code == _code(code))
        .order_by(ChatLink.created_at, ChatLink.id)
    )
    async with database.transaction() as session:
        rows = (await session.execute(query)).all()
    return [LinkedChat(r[0], r[1], r[2] is None, bool(r[3]), r[4], r[5]) for r in rows]


async def chat_linking(database: Database, channel: str, external_id: str) -> ChatLinking | None:
    """What the chat ``external_id`` of ``channel`` has linked; None for a chat never seen."""
    async with database.transaction() as session:
        chat = await session.scalar(
            select(Chat).where(Chat.channel == channel, Chat.external_id == external_id)
        )
        if chat is None:
            return None
        rows = (
            await session.execute(
                select(ChatLink.customer_code, ChatLink.shared_from_chat_id)
                .where(ChatLink.chat_id == chat.id)
                .order_by(ChatLink.created_at, ChatLink.id)
            )
        ).all()
        until = chat.link_locked_until
        return ChatLinking(
            chat=chat.id,
            channel=chat.channel,
            proved=tuple(code for code, source in rows if source is None),
            shared=tuple(code for code, source in rows if source is not None),
            locked_until=until if until is not None and until > utcnow() else None,
        )


async def unlink_everywhere(database: Database, code: str) -> int:
    """Unlink ``code`` from every chat (the account was closed, or changed hands): its alerts
    stop at once, and the messages about it not sent yet are cancelled in the same transaction;
    removals from it are forgotten (the next holder starts afresh), and the links printed on its
    bills so far stop working (:mod:`services.link_grants`). Returns how many chats had it."""
    normalised = _code(code)
    async with database.transaction() as session:
        result = await session.execute(delete(ChatLink).where(ChatLink.customer_code == normalised))
        await outbox.cancel_about_code(session, normalised)
        await holders.forget_code(session, normalised)
        await link_grants.revoke(session, normalised, link_grants.ACCOUNT)
        return changed(result)
