"""The database handle: engine, sessions, one transaction per unit of work, migrations."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
_AFTER_COMMIT = "kesco_after_commit"


class DatabaseUnavailable(Exception):
    """The database could not be reached, or stayed locked: the caller answers politely."""


SQLITE_BUSY_TIMEOUT_MS = 20_000
BEGIN_ATTEMPTS = 3
READ_ONLY = "kesco_read_only"
_WRITING: ContextVar[bool] = ContextVar("kesco_sqlite_writing", default=False)


def _sqlite_pragmas(busy_timeout_ms: int):
    """Each new SQLite connection: wait for locks (busy timeout, set first, so that even
    switching to WAL waits), foreign keys, WAL (readers never block the writer), and no
    implicit BEGIN from the driver: :func:`_begin_immediate` starts every transaction."""

    def on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return on_connect


def _begin_immediate(connection: Connection) -> None:
    """Start a transaction holding SQLite's write lock from its first statement.

    A deferred transaction that reads, then writes after another writer committed, fails at
    once with "database is locked" (its snapshot is stale: waiting cannot help). Taking the
    lock up front makes concurrent transactions queue on the busy timeout instead. If even that
    runs out, the BEGIN is tried again: nothing has happened yet, so it is safe. Transactions
    of :meth:`Database.read` begin deferred: in WAL mode a reader never waits for the writer.
    """
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
        return
    for attempt in range(1, BEGIN_ATTEMPTS + 1):
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if attempt == BEGIN_ATTEMPTS or "locked" not in str(error.orig):
                raise
            log.warning("SQLite stayed locked; waiting again (%d of %d)", attempt, BEGIN_ATTEMPTS)


POOL_SIZE = 10  # PostgreSQL connections kept open (as many again may be opened for a while)


class Database:
    """Owns the async engine for one database URL (SQLite or PostgreSQL)."""

    def __init__(
        self, url: str, *, echo: bool = False, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
    ) -> None:
        self.url = url
        options: dict[str, object] = {"echo": echo, "pool_pre_ping": True}
        if url.startswith("postgresql"):
            options.update(pool_size=POOL_SIZE, max_overflow=POOL_SIZE)
        self.engine: AsyncEngine = create_async_engine(url, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas(busy_timeout_ms))
            event.listen(self.engine.sync_engine, "begin", _begin_immediate)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writer = asyncio.Lock()
        self._turn_timeout = busy_timeout_ms / 1000
        self._read_sessions = async_sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work is committed together, or rolled back together on any error.

        Callbacks registered with :func:`after_commit` run once the commit has succeeded.
        SQLite has one writer at a time: there, transactions of this process wait their turn
        in order (without holding a pooled connection while they wait), then hold the write
        lock from their start (other processes wait on SQLite's busy timeout).
        """
        if not self.is_sqlite or _WRITING.get():
            async with self._unit(self.sessions) as session:
                yield session
            return
        try:
            async with asyncio.timeout(self._turn_timeout):
                await self._writer.acquire()
        except TimeoutError as error:
            raise DatabaseUnavailable("the database stayed busy") from error
        token = _WRITING.set(True)
        try:
            async with self._unit(self.sessions) as session:
                yield session
        finally:
            _WRITING.reset(token)
            self._writer.release()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A transaction that only reads. On SQLite it takes no lock, so it never waits for a
        writer and may run while another transaction of the same task is open (the demo
        backend answers during a conversation's transaction)."""
        async with self._unit(self._read_sessions) as session:
            yield session

    @asynccontextmanager
    async def _unit(
        self, sessions: async_sessionmaker[AsyncSession]
    ) -> AsyncIterator[AsyncSession]:
        try:
            async with sessions() as session:
                async with session.begin():
                    yield session
                _run_after_commit(session)
        except OperationalError as error:
            raise DatabaseUnavailable(_first_line(error)) from error
        except DBAPIError as error:
            if error.connection_invalidated:
                raise DatabaseUnavailable(_first_line(error)) from error
            raise
        except (OSError, TimeoutError, PoolTimeout) as error:
            raise DatabaseUnavailable(str(error) or type(error).__name__) from error

    async def ping(self) -> bool:
        try:
            async with self.engine.execution_options(**{READ_ONLY: True}).connect() as connection:
                await connection.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - health checks report, never raise
            return False

    async def upgrade(self) -> None:
        """Bring the schema up to date with the Alembic migrations."""
        async with self.engine.begin() as connection:
            await connection.run_sync(_run_upgrade)

    async def dispose(self) -> None:
        await self.engine.dispose()


def changed(result: Any) -> int:
    """How many rows an ``UPDATE``, ``DELETE`` or ``INSERT`` changed (0 when the driver cannot
    say)."""
    return max(int(getattr(result, "rowcount", 0) or 0), 0)


def dialect_of(session: AsyncSession) -> str:
    """``sqlite`` or ``postgresql``: the database ``session`` works on."""
    return session.get_bind().dialect.name


async def end_if_stalled(session: AsyncSession, seconds: float) -> None:
    """PostgreSQL ends this transaction (and its session) when its client leaves it idle for
    ``seconds``: a process stopped or frozen mid-transaction does not hold its row locks, and
    everyone waiting on them, for ever. For short transactions of the alert pipeline."""
    if dialect_of(session) == "postgresql":
        await session.execute(
            text("SELECT set_config('idle_in_transaction_session_timeout', :ms, true)"),
            {"ms": str(int(seconds * 1000))},
        )


def after_commit(session: AsyncSession, callback: Callable[[], None] | None) -> None:
    """Run ``callback`` after ``session``'s transaction commits (never if it rolls back).

    For what must not happen before the data is visible to others: waking the dispatcher or
    the scheduler. Only transactions opened by :meth:`Database.transaction` run them.
    """
    if callback is not None:
        session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def _run_after_commit(session: AsyncSession) -> None:
    for callback in session.info.pop(_AFTER_COMMIT, ()):
        try:
            callback()
        except Exception:  # noqa: BLE001 - the data is committed; a wake-up is best effort
            log.exception("an after-commit callback failed")


def _first_line(error: DBAPIError) -> str:
    return str(error.orig or error).splitlines()[0]


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _run_upgrade(connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
