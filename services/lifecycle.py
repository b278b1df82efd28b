"""The database side of what channel adapters report: inactive chats, dedup, receipts."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.db import Database, changed
from services.db.models import Chat, DeliveryReceipt, ProcessedUpdate


class DatabaseChatLifecycle:
    """Implements the runtime's ``ChatLifecycle`` on the bot's database."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def mark_inactive(self, channel: str, chat_id: str, reason: str) -> None:
        await self._set_active(channel, chat_id, False, reason[:200])

    async def mark_active(self, channel: str, chat_id: str) -> None:
        await self._set_active(channel, chat_id, True, None)

    async def first_delivery(self, channel: str, key: str) -> bool:
        insert = sqlite_insert if self._database.is_sqlite else pg_insert
        statement = (
            insert(ProcessedUpdate)
            .values(channel=channel, key=key[:128])
            .on_conflict_do_nothing(index_elements=["channel", "key"])
        )
        async with self._database.transaction() as session:
            result = await session.execute(statement)
        return bool(changed(result))

    async def record_status(self, channel: str, chat_id: str, token: str, status: str) -> None:
        async with self._database.transaction() as session:
            session.add(
                DeliveryReceipt(
                    channel=channel, chat_external_id=chat_id, token=token[:128], status=status[:16]
                )
            )

    async def _set_active(
        self, channel: str, chat_id: str, active: bool, reason: str | None
    ) -> None:
        async with self._database.transaction() as session:
            await session.execute(
                update(Chat)
                .where(Chat.channel == channel, Chat.external_id == chat_id)
                .values(active=active, inactive_reason=reason)
            )
