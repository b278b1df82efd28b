"""The database handle: engine, sessions, one transaction per unit of work, migrations."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, OperationalError
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


def _sqlite_pragmas(busy_timeout_ms: int):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return on_connect


class Database:
    """Owns the async engine for one database URL (SQLite or PostgreSQL)."""

    def __init__(self, url: str, *, echo: bool = False, busy_timeout_ms: int = 5000) -> None:
        self.url = url
        options: dict[str, object] = {"echo": echo, "pool_pre_ping": True}
        if url.startswith("postgresql"):
            options.update(pool_size=10, max_overflow=10)
        self.engine: AsyncEngine = create_async_engine(url, **options)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work is committed together, or rolled back together on any error.

        Callbacks registered with :func:`after_commit` run once the commit has succeeded.
        """
        try:
            async with self.sessions() as session:
                async with session.begin():
                    yield session
                _run_after_commit(session)
        except OperationalError as error:
            raise DatabaseUnavailable(_first_line(error)) from error
        except DBAPIError as error:
            if error.connection_invalidated:
                raise DatabaseUnavailable(_first_line(error)) from error
            raise
        except (OSError, TimeoutError) as error:
            raise DatabaseUnavailable(str(error)) from error

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as connection:
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


def _run_upgrade(connection) -> None:  # type: ignore[no-untyped-def]
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
