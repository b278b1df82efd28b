"""Finding the chat row of an incoming message, creating it on first contact."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.channels import ChannelDirectory
from services.db import dialect_of
from services.db.models import Chat
from services.db.types import utcnow


async def get_or_create_chat(
    session: AsyncSession,
    channel: str,
    external_id: str,
    channels: ChannelDirectory | None = None,
) -> Chat:
    """The chat row, created when new; safe when two first messages arrive at once.

    A new chat takes its channel's traits from ``channels`` (``pushes``); without a directory,
    or for a channel it does not list, the defaults.
    """
    query = select(Chat).where(Chat.channel == channel, Chat.external_id == external_id)
    chat = (await session.execute(query)).scalar_one_or_none()
    if chat is None:
        traits = (channels or ChannelDirectory()).traits(channel)
        insert = sqlite_insert if dialect_of(session) == "sqlite" else pg_insert
        now = utcnow()
        await session.execute(
            insert(Chat)
            .values(
                channel=channel,
                external_id=external_id,
                active=True,
                pushes=traits.pushes,
                created_at=now,
                last_seen_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel", "external_id"])
        )
        chat = (await session.execute(query)).scalar_one()
    return chat


def remember_language(chat: Chat, language: str) -> None:
    """Store the chat's language: its replies and every alert, reminder and notice use it."""
    chat.language = language


def seen(chat: Chat) -> None:
    """The chat just wrote: it is active again (it may have blocked and unblocked the bot)."""
    chat.last_seen_at = utcnow()
    chat.active = True
