"""Who dispatches: one process at a time holds the dispatcher's lease.

The lease is a row of ``leader_leases`` (the same on PostgreSQL and SQLite): its holder, an
epoch that grows with every new leader, and when it expires. The leader renews it every
``ttl / 3`` seconds (on PostgreSQL over a connection of its own, so that a busy pool cannot
delay it); a process that wants the lead polls every ``poll`` seconds and takes it once it has
expired. So a leader that dies, or stalls (a stopped process, a frozen VM, a database
connection that hangs), loses the lead within ``ttl`` seconds (:data:`TTL`, 6 s; 20 s on
SQLite, whose writers share one machine and may wait for each other for seconds) and another
takes over; one that stops cleanly gives the lead up at once.

A deposed leader can do no harm: before each send the lane asks :meth:`LeaseLock.valid`,
which holds only until ``ttl`` seconds after the last renewal began, measured on this machine's
monotonic clock (which keeps running while a process is stopped); a claim reads the lease in
its own transaction; and the rows it claimed carry its epoch, so its late outcomes touch no row
another leader has taken since (:mod:`services.alerts.outbox`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from services.alerts.outbox import DISPATCHER_LEASE
from services.db import Database
from services.db.alert_models import LeaderLease
from services.db.types import utcnow
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)
TTL = 6.0
SQLITE_TTL = 20.0


class LeadershipLost(Exception):
    """The lease is gone (not renewed in time, or taken over): stop dispatching."""


class LeaderLock(Protocol):
    """Acquire (waiting as long as needed), watch while held, release; ``epoch`` and
    :meth:`valid` while held."""

    epoch: int | None

    async def acquire(self) -> None: ...

    async def watch(self) -> None:
        """Return never while the lock is held; raise :class:`LeadershipLost` otherwise."""
        ...

    def valid(self) -> bool: ...

    async def release(self) -> None: ...


class LeaseLock:
    """The dispatcher's lease in ``leader_leases`` (see the module's description)."""

    def __init__(
        self,
        database: Database,
        *,
        ttl: float = TTL,
        poll: float = 1.0,
        name: str = DISPATCHER_LEASE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self.ttl, self._poll, self._name = ttl, poll, name
        self._monotonic = monotonic
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.epoch: int | None = None
        self._valid_until = float("-inf")
        self._connection: AsyncConnection | None = None

    def valid(self) -> bool:
        """Whether this process may still act as the leader (see the module's description)."""
        return self.epoch is not None and self._monotonic() < self._valid_until

    async def acquire(self) -> None:
        while True:
            started = self._monotonic()
            try:
                epoch = await self._take(utcnow())
            except Exception as error:  # noqa: BLE001 - the database may be down for a while
                _QUIET.failure(
                    "unreachable",
                    "dispatcher lease: database unreachable: %s",
                    type(error).__name__,
                )
                epoch = None
            else:
                _QUIET.recovered("unreachable", "dispatcher lease: database reachable again")
            if epoch is not None:
                self.epoch, self._valid_until = epoch, started + self.ttl
                log.info("dispatcher lease taken (epoch %d)", epoch)
                return
            await asyncio.sleep(self._poll)

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(self.ttl / 3)
            if not self.valid():
                raise LeadershipLost("the lease was not renewed in time")
            started = self._monotonic()
            try:
                async with asyncio.timeout(max(0.1, self._valid_until - started)):
                    renewed = await self._renew(utcnow())
            except Exception as error:  # noqa: BLE001 - not renewed: keep trying until invalid
                log.warning("dispatcher lease: renewal failed (%s)", type(error).__name__)
                continue
            if not renewed:
                raise LeadershipLost("the lease was taken over")
            self._valid_until = started + self.ttl

    async def release(self) -> None:
        epoch, self.epoch, self._valid_until = self.epoch, None, float("-inf")
        try:
            if epoch is not None:
                await self._run(
                    update(LeaderLease)
                    .where(
                        LeaderLease.name == self._name,
                        LeaderLease.holder == self.holder,
                        LeaderLease.epoch == epoch,
                    )
                    .values(expires_at=utcnow() - timedelta(seconds=1))
                )
        except Exception as error:  # noqa: BLE001 - it expires by itself
            log.info(
                "dispatcher lease not released (%s): it expires by itself", type(error).__name__
            )
        await self._close()

    async def _take(self, now: datetime) -> int | None:
        """Take the lease if it is free or expired; the new epoch, or ``None``."""
        insert = sqlite_insert if self._database.is_sqlite else pg_insert
        await self._run(
            insert(LeaderLease)
            .values(name=self._name, holder="", epoch=0, expires_at=now)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        epoch = await self._run(
            update(LeaderLease)
            .where(LeaderLease.name == self._name, LeaderLease.expires_at <= now)
            .values(
                holder=self.holder,
                epoch=LeaderLease.epoch + 1,
                expires_at=now + timedelta(seconds=self.ttl),
            )
            .returning(LeaderLease.epoch),
            returning=True,
        )
        return None if epoch is None else int(epoch)

    async def _renew(self, now: datetime) -> bool:
        epoch = await self._run(
            update(LeaderLease)
            .where(
                LeaderLease.name == self._name,
                LeaderLease.holder == self.holder,
                LeaderLease.epoch == self.epoch,
                LeaderLease.expires_at > now,
            )
            .values(expires_at=now + timedelta(seconds=self.ttl))
            .returning(LeaderLease.epoch),
            returning=True,
        )
        return epoch is not None

    async def _run(self, statement: Any, *, returning: bool = False) -> Any:
        """Run one statement in a transaction of its own; with ``returning``, the first column
        of its first row (``None`` without one)."""
        if self._database.is_sqlite:
            async with self._database.transaction() as session:
                result = await session.execute(statement)
                return result.scalar() if returning else None
        try:
            if self._connection is None or self._connection.closed:
                self._connection = await self._database.engine.connect()
                await self._connection.execution_options(isolation_level="AUTOCOMMIT")
            result = await self._connection.execute(statement)
            return result.scalar() if returning else None
        except Exception:
            await self._close()
            raise

    async def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()


def leader_lock_for(database: Database, poll: float = 1.0, ttl: float | None = None) -> LeaderLock:
    """The dispatcher's lease on ``database`` (``ttl``: :data:`TTL`, or :data:`SQLITE_TTL` on
    SQLite)."""
    if ttl is None:
        ttl = SQLITE_TTL if database.is_sqlite else TTL
    return LeaseLock(database, ttl=ttl, poll=poll)
