"""Benchmark of the alerts: fan-out time, delivery rate and the dispatcher's peak memory.

Run: ``python bench/alerts.py postgresql+asyncpg://postgres@127.0.0.1:5432/kesco_bench
[--chats N] [--deliver M] [--rate R]`` (or set ``KESCO_BENCH_DATABASE_URL``). The database is
wiped: its name must contain "bench" (or pass ``--force``).

It seeds N chats in district DPR (default 100,000; half linked to a code in an area, half
following an area; five languages), publishes one outage over the whole district with
:func:`services.alerts.ingest_event` and times the fan-out (the outbox rows written). Then it
runs the real dispatcher in a subprocess (``tests/alerts_child.py``, real PTB sender) against
the fake Bot API (``tests/fakes/telegram_api.py``) until M messages arrived there, and prints
the delivery rate measured at the fake server against the configured limit, and the
dispatcher process's peak resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bot.settings import Settings  # noqa: E402
from services import alerts  # noqa: E402
from services.areas import areas_of  # noqa: E402
from services.db import Database  # noqa: E402
from services.db.types import utcnow  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

FIRST_CHAT = 8_000_000_000


class TimedFakeTelegram(FakeTelegramAPI):
    """The strict fake Bot API, noting when each message arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[float] = []

    async def _m_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        message = await super()._m_sendMessage(p)
        self.arrivals.append(time.monotonic())
        return message


async def reset_and_seed(database: Database, chats: int) -> list[str]:
    async with database.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await database.upgrade()
    areas = [area.id for area in areas_of("DPR")]
    array = "ARRAY[" + ",".join(f"'{area}'" for area in areas) + "]"
    statements = [
        "INSERT INTO chats (channel, external_id, language, active, created_at, last_seen_at) "
        f"SELECT 'telegram', ({FIRST_CHAT} + g)::text, "
        "(ARRAY['sq','en','sr','sr-Latn',NULL])[1 + g % 5], true, now(), now() "
        f"FROM generate_series(0, {chats - 1}) g",
        "INSERT INTO chat_links (chat_id, customer_code, area_id, created_at) "
        f"SELECT id, 'DPR' || lpad(id::text, 8, '0'), ({array})[1 + id % {len(areas)}], now() "
        "FROM chats WHERE id % 2 = 0",
        "INSERT INTO area_follows (chat_id, area_id, created_at) "
        f"SELECT id, ({array})[1 + id % {len(areas)}], now() FROM chats WHERE id % 2 = 1",
        "ANALYZE",
    ]
    async with database.engine.begin() as connection:
        for statement in statements:
            await connection.execute(text(statement))
    return areas


def outage(areas: list[str]) -> dict[str, Any]:
    now = utcnow().isoformat()
    return {
        "id": "bench-outage-1",
        "type": "outage.started",
        "occurred_at": now,
        "outage_id": "BENCH-1",
        "district": "DPR",
        "areas": areas,
        "started_at": now,
        "reason": {"sq": "Defekt në rrjet", "en": "Network fault", "sr": "Квар на мрежи"},
    }


async def deliver(url: str, deliver_count: int, rate: float) -> tuple[float, int, int]:
    """Run the dispatcher in a subprocess until ``deliver_count`` messages arrived; returns the
    rate measured at the fake server, the messages it got and the dispatcher's max RSS (KiB)."""
    async with TimedFakeTelegram() as api:
        for number in range(deliver_count + 1000):
            chat_id = FIRST_CHAT + number
            api.chats[chat_id] = {"id": chat_id, "type": "private", "first_name": "Bench"}
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.alerts_child", url, api.root, api.token, str(rate)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        try:
            while len(api.arrivals) < deliver_count:
                await asyncio.sleep(0.05)
                if child.poll() is not None:
                    raise SystemExit("the dispatcher process ended early")
        finally:
            os.kill(child.pid, signal.SIGKILL)
            _pid, _status, usage = os.wait4(child.pid, 0)
        warm = api.arrivals[10:deliver_count]
        measured = (len(warm) - 1) / (warm[-1] - warm[0]) if len(warm) > 1 else 0.0
        return measured, len(api.arrivals), usage.ru_maxrss


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("KESCO_BENCH_DATABASE_URL"))
    parser.add_argument("--chats", type=int, default=100_000)
    parser.add_argument("--deliver", type=int, default=1_000, help="messages to deliver")
    parser.add_argument("--rate", type=float, default=Settings(_env_file=None).telegram_rate)
    parser.add_argument("--force", action="store_true", help="wipe a database not named *bench*")
    args = parser.parse_args(argv)
    if not args.url or not args.url.startswith("postgresql"):
        raise SystemExit("give a PostgreSQL URL (argument or KESCO_BENCH_DATABASE_URL)")
    database = Database(args.url)
    if "bench" not in (database.engine.url.database or "") and not args.force:
        raise SystemExit("the database is wiped: use one named *bench*, or pass --force")
    started = time.perf_counter()
    areas = await reset_and_seed(database, args.chats)
    print(f"seeded {args.chats:,} chats in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    result = await alerts.ingest_event(database, outage(areas), default_language="sq")
    fan_out = time.perf_counter() - started
    print(
        f"fan-out: {result.recipients:,} outbox rows in {fan_out:.2f} s "
        f"({result.recipients / fan_out:,.0f} rows/s)"
    )
    await database.dispose()

    measured, arrived, max_rss = await deliver(args.url, args.deliver, args.rate)
    print(
        f"delivery: {measured:.1f} messages/s measured at the fake Bot API over {arrived:,} "
        f"messages (configured limit {args.rate:g}/s)"
    )
    print(f"dispatcher peak memory: {max_rss / 1024:.0f} MiB resident (whole process)")
    database = Database(args.url)
    update = {
        "id": "bench-outage-2",
        "type": "outage.updated",
        "outage_id": "BENCH-1",
        "occurred_at": utcnow().isoformat(),
        "reason": {"en": "Storm damage"},
    }
    started = time.perf_counter()
    result = await alerts.ingest_event(database, update, default_language="sq")
    print(
        f"follow-up fan-out (an update to the chats told of the outage): "
        f"{result.recipients:,} rows in {time.perf_counter() - started:.2f} s"
    )
    progress = await alerts.broadcast_progress(database, "bench-outage-1")
    print("outbox:", ", ".join(f"{state} {number:,}" for state, number in progress.items()))
    await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
