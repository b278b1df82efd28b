"""Who dispatches: one process at a time holds the dispatcher lock.

On PostgreSQL it is a session advisory lock held on a dedicated connection: when the holder
dies, PostgreSQL drops its connection and the lock with it, and a waiting process takes over
within one poll interval. On SQLite (one machine) it is an exclusive ``flock`` on a file next
to the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.db import Database
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)
ADVISORY_KEY = 0x4B4553434F  # "KESCO"


class LeadershipLost(Exception):
    """The dispatcher lock is gone (its connection broke): stop dispatching."""


class LeaderLock(Protocol):
    """Acquire (waiting as long as needed), watch while held, release."""

    async def acquire(self) -> None: ...

    async def watch(self) -> None:
        """Return never while the lock is held; raise :class:`LeadershipLost` otherwise."""
        ...

    async def release(self) -> None: ...


class PostgresLeaderLock:
    """``pg_try_advisory_lock`` on a dedicated autocommit connection, polled every ``poll``
    seconds until granted, then checked every ``poll`` seconds while held."""

    def __init__(self, database: Database, poll: float = 1.0, key: int = ADVISORY_KEY) -> None:
        self._database = database
        self._poll = poll
        self._key = key
        self._connection: AsyncConnection | None = None

    async def acquire(self) -> None:
        while True:
            connection: AsyncConnection | None = None
            try:
                connection = await self._database.engine.connect()
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                if await connection.scalar(select(func.pg_try_advisory_lock(self._key))):
                    self._connection = connection
                    return
            except Exception as error:  # noqa: BLE001 - the database may be down for a while
                _QUIET.failure("unreachable", "dispatcher lock: database unreachable: %s",
                               type(error).__name__)  # fmt: skip
            else:
                _QUIET.recovered("unreachable", "dispatcher lock: database reachable again")
            if connection is not None:
                with contextlib.suppress(Exception):
                    await connection.close()
            await asyncio.sleep(self._poll)

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(self._poll)
            try:
                assert self._connection is not None
                await self._connection.scalar(select(1))
            except Exception as error:
                raise LeadershipLost(type(error).__name__) from error

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.invalidate()  # closes the session: the lock goes with it
            with contextlib.suppress(Exception):
                await connection.close()


class FileLeaderLock:
    """An exclusive ``flock`` on ``path`` (for SQLite, whose writers share one machine)."""

    def __init__(self, path: str, poll: float = 1.0) -> None:
        self._path = path
        self._poll = poll
        self._fd: int | None = None

    async def acquire(self) -> None:
        while True:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                await asyncio.sleep(self._poll)
                continue
            self._fd = fd
            return

    async def watch(self) -> None:
        await asyncio.Event().wait()

    async def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def leader_lock_for(database: Database, poll: float = 1.0) -> LeaderLock:
    """The right lock for the database: advisory lock on PostgreSQL, file lock on SQLite."""
    if not database.is_sqlite:
        return PostgresLeaderLock(database, poll)
    path = database.engine.url.database or ""
    if not path or path == ":memory:":
        path = os.path.join(os.getcwd(), "kesco-memory")
    return FileLeaderLock(f"{path}.dispatcher.lock", poll)
