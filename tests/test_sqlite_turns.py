"""SQLite as the embedded default: writers wait their turn instead of failing; a reader never
waits; another process holding the lock is waited for, and the start retried."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from services.db import Database, DatabaseUnavailable
from services.db.models import Chat


@pytest.fixture
async def sqlite(tmp_path: Path) -> Database:
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/turns.db")
    await database.upgrade()
    yield database
    await database.dispose()


async def test_the_file_is_in_wal_mode_with_a_busy_timeout(sqlite: Database) -> None:
    async with sqlite.read() as session:
        assert (await session.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await session.execute(text("PRAGMA busy_timeout"))).scalar() == 20_000


async def test_many_writers_that_read_first_all_succeed(sqlite: Database) -> None:
    async def read_then_write(number: int) -> None:
        async with sqlite.transaction() as session:
            await session.scalar(select(func.count()).select_from(Chat))
            await asyncio.sleep(0.01)  # another writer commits meanwhile: no stale snapshot
            session.add(Chat(channel="telegram", external_id=str(number)))

    await asyncio.gather(*(read_then_write(n) for n in range(60)))
    async with sqlite.read() as session:
        assert await session.scalar(select(func.count()).select_from(Chat)) == 60


async def test_a_reader_inside_a_writer_does_not_wait(sqlite: Database) -> None:
    async with sqlite.transaction() as session:
        session.add(Chat(channel="telegram", external_id="outer"))
        await session.flush()
        async with asyncio.timeout(2), sqlite.read() as reader:
            assert await reader.scalar(select(func.count()).select_from(Chat)) == 0
    assert await sqlite.ping()


async def test_another_process_holding_the_lock_is_waited_for_and_retried(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/two.db"
    other = Database(url)
    await other.upgrade()
    patient = Database(url, busy_timeout_ms=300)
    caplog.set_level(logging.WARNING, "services.db.database")
    try:
        async with other.transaction() as holder:
            holder.add(Chat(channel="telegram", external_id="held"))
            await holder.flush()

            async def write() -> None:
                async with patient.transaction() as session:
                    session.add(Chat(channel="telegram", external_id="patient"))

            writing = asyncio.create_task(write())
            await asyncio.sleep(0.5)  # longer than one busy timeout: the BEGIN is tried again
            assert not writing.done()
        await asyncio.wait_for(writing, 5)
        assert any("waiting again" in r.getMessage() for r in caplog.records)
        async with other.transaction() as holder:
            holder.add(Chat(channel="telegram", external_id="held-too-long"))
            await holder.flush()
            with pytest.raises(DatabaseUnavailable):
                await asyncio.wait_for(write(), 5)
    finally:
        await patient.dispose()
        await other.dispose()
