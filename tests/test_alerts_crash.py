"""Crash and takeover: dispatchers in subprocesses, killed with SIGKILL mid-delivery.

Every recipient ends with exactly one message at the fake server, save at most the messages
that were in flight when a dispatcher died (sent, but not yet recorded as sent).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.delivery.lane import concurrency_for
from bot.delivery.lease import TTL
from services import alerts
from services.db import Database
from services.db.types import utcnow
from tests.conftest import database_url
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import add_chat, outage_started, wait_until

pytestmark = [pytest.mark.db, pytest.mark.slow]  # dispatchers in processes, killed and stopped
ROOT = Path(__file__).resolve().parent.parent
RATE = 30.0
# sent but not yet recorded when killed: the sends in flight and at most a second's outcomes
IN_FLIGHT = concurrency_for(RATE) + int(RATE)
CHILD_TTL = 4.0  # the lease of tests.support.alerts_child


class Child:
    """One ``tests.support.alerts_child`` process and the lines it printed."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            self.lines.append(line.decode().strip())

    @property
    def leading(self) -> bool:
        return "LEADING" in self.lines

    def kill(self) -> None:
        if self.process.returncode is None:
            # Exited but not yet reaped: the pid is gone, nothing is left to kill.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGKILL)

    async def close(self) -> None:
        self.kill()
        await self.process.wait()
        self._reader.cancel()


@asynccontextmanager
async def child(url: str, api: FakeTelegramAPI) -> AsyncIterator[Child]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.alerts_child",
        url,
        api.root,
        api.token,
        str(RATE),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    running = Child(process)
    try:
        yield running
    finally:
        await running.close()


async def seed(database: Database, api: FakeTelegramAPI, count: int) -> list[int]:
    chat_ids = [7_000_000 + number for number in range(count)]
    for chat_id in chat_ids:
        api.chat(chat_id)
        await add_chat(database, str(chat_id), language="en", areas=["dardania"])
    now = utcnow()
    result = await alerts.ingest_event(database, outage_started(at=now), now=now)
    assert result.recipients == count
    return chat_ids


def received(api: FakeTelegramAPI) -> collections.Counter[int]:
    return collections.Counter(int(call["chat_id"]) for call in api.sent())


def assert_once_each(api: FakeTelegramAPI, chat_ids: list[int], kills: int) -> None:
    counts = received(api)
    assert set(counts) == set(chat_ids)
    duplicates = sum(number - 1 for number in counts.values())
    assert duplicates <= IN_FLIGHT * kills, f"{duplicates} duplicates"


async def test_kill_9_mid_delivery_then_restart_loses_and_repeats_nothing(
    database: Database, tmp_path: Path
) -> None:
    url = database_url(tmp_path)
    async with FakeTelegramAPI() as api:
        chat_ids = await seed(database, api, 120)
        async with child(url, api) as first:
            await wait_until(lambda: len(api.sent()) >= 30, timeout=30)
            first.kill()
        sent_before = len(api.sent())
        assert sent_before < len(chat_ids)
        async with child(url, api):
            await wait_until(lambda: len(received(api)) == len(chat_ids), timeout=60)
            await wait_until(lambda: _progress(database, "sent", len(chat_ids)), timeout=10)
        assert_once_each(api, chat_ids, kills=1)


async def test_two_dispatchers_one_sends_the_other_takes_over(
    database: Database, tmp_path: Path
) -> None:
    if database.is_sqlite:
        pytest.skip("several dispatcher processes are a PostgreSQL deployment")
    url = database_url(tmp_path)
    async with FakeTelegramAPI() as api:
        chat_ids = await seed(database, api, 160)
        async with child(url, api) as one, child(url, api) as two:
            await wait_until(lambda: one.leading or two.leading, timeout=30)
            await wait_until(lambda: len(api.sent()) >= 30, timeout=30)
            assert [one.leading, two.leading].count(True) == 1
            leader, standby = (one, two) if one.leading else (two, one)
            leader.kill()
            killed_at = asyncio.get_running_loop().time()
            await wait_until(lambda: standby.leading, timeout=10)
            assert asyncio.get_running_loop().time() - killed_at < TTL + 2
            await wait_until(lambda: len(received(api)) == len(chat_ids), timeout=60)
        assert_once_each(api, chat_ids, kills=1)


async def _progress(database: Database, state: str, expected: int) -> bool:
    return (await alerts.broadcast_progress(database, "evt-o1"))[state] == expected


async def test_a_stalled_leader_is_taken_over_and_sends_nothing_after(
    database: Database, tmp_path: Path
) -> None:
    if database.is_sqlite:
        pytest.skip("several dispatcher processes are a PostgreSQL deployment")
    url = database_url(tmp_path)
    async with FakeTelegramAPI() as api:
        chat_ids = await seed(database, api, 200)
        async with child(url, api) as one, child(url, api) as two:
            await wait_until(lambda: one.leading or two.leading, timeout=30)
            await wait_until(lambda: len(api.sent()) >= 30, timeout=30)
            leader, standby = (one, two) if one.leading else (two, one)
            leader.process.send_signal(signal.SIGSTOP)  # alive, holding its connections
            stopped_at = asyncio.get_running_loop().time()
            await wait_until(lambda: standby.leading, timeout=CHILD_TTL + 5)
            assert asyncio.get_running_loop().time() - stopped_at < CHILD_TTL + 3
            await wait_until(lambda: len(received(api)) == len(chat_ids), timeout=60)
            leader.process.send_signal(signal.SIGCONT)
            await asyncio.sleep(2)  # the old leader wakes up: its lease is gone
            before = len(api.sent())
            await asyncio.sleep(2)  # what it would send, had it kept acting, would come by now
            assert len(api.sent()) == before
        assert_once_each(api, chat_ids, kills=1)
