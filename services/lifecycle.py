"""The database side of what channel adapters report: inactive chats, dedup, receipts.

Delivery receipts come in bursts (a Viber broadcast to 100,000 chats brings 100,000 ``delivered``
callbacks, and as many ``seen``): they are written in batches, a moment after they arrive, one
``INSERT`` for many, so that they do not take the database's connections from the dispatcher.
A receipt lost with a process that dies only makes a send with no answer be sent again
(:mod:`services.alerts.settle`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.alerts import outbox
from services.db import Database, changed
from services.db.models import Chat, DeliveryReceipt, ProcessedUpdate
from services.db.types import utcnow

log = logging.getLogger(__name__)
RECEIPTS_EVERY = 0.25  # seconds a receipt may wait to be written with others
RECEIPTS_BATCH = 5000


class DatabaseChatLifecycle:
    """Implements the runtime's ``ChatLifecycle`` on the bot's database."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._receipts: list[dict[str, Any]] = []
        self._writing: asyncio.Task[None] | None = None

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
        """Keep a receipt (or a token the messenger answered with, ``accepted``); it is written
        with the others of the next :data:`RECEIPTS_EVERY` seconds."""
        self._receipts.append(
            {
                "channel": channel,
                "chat_external_id": chat_id[:128],
                "token": token[:128],
                "status": status[:16],
                "at": utcnow(),
            }
        )
        if self._writing is None or self._writing.done():
            self._writing = asyncio.get_running_loop().create_task(self._write_receipts())

    async def flush_receipts(self) -> None:
        """Write the receipts kept so far, now (tests; shutdown)."""
        if self._writing is not None and not self._writing.done():
            await self._writing
        await self._write_batch()

    async def _write_receipts(self) -> None:
        await asyncio.sleep(RECEIPTS_EVERY)
        while self._receipts:
            await self._write_batch()

    async def _write_batch(self) -> None:
        batch, self._receipts = self._receipts[:RECEIPTS_BATCH], self._receipts[RECEIPTS_BATCH:]
        if not batch:
            return
        try:
            async with self._database.transaction() as session:
                await session.execute(insert(DeliveryReceipt), batch)
        except Exception as error:  # noqa: BLE001 - a receipt is a hint: its loss costs a resend
            log.warning("%d delivery receipts not written (%s)", len(batch), type(error).__name__)

    async def _set_active(
        self, channel: str, chat_id: str, active: bool, reason: str | None
    ) -> None:
        """Mark the chat (in)active; a chat that goes (blocked the bot, unsubscribed) has its
        queued messages ended in the same transaction: they are not sent should it return."""
        async with self._database.transaction() as session:
            row = await session.scalar(
                update(Chat)
                .where(Chat.channel == channel, Chat.external_id == chat_id)
                .values(active=active, inactive_reason=reason)
                .returning(Chat.id)
            )
            if row is not None and not active:
                await outbox.block_queued(session, row, reason or "gone")
