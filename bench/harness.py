"""What the delivery and fault benchmarks share: a wiped PostgreSQL database seeded with chats,
the real ``kesco-bot run`` in a subprocess, signed events, and counting what arrived.

The fakes (``tests/fakes``) run in the benchmark's own process and behave as the services do,
flood limits included; the bot is the product as shipped, configured only through its settings.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import os
import signal
import socket
import statistics
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bot.web.events_api import sign  # noqa: E402
from services.areas import areas_of  # noqa: E402
from services.db import Database  # noqa: E402
from services.db.types import utcnow  # noqa: E402

SECRET = "bench-events-secret-0123456789abcdefghij"  # 32 bytes at least, or run stops
VIBER_TOKEN = "4f1a9d7e0c2b3a45-8e6f7d1c2b3a4f5e-9d8c7b6a5f4e3d2c"
TELEGRAM_FIRST = 8_000_000_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url(argv_url: str | None) -> str:
    url = argv_url or os.environ.get("KESCO_BENCH_DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        raise SystemExit("give a PostgreSQL URL (argument or KESCO_BENCH_DATABASE_URL)")
    if "bench" not in url.rsplit("/", 1)[-1]:
        raise SystemExit("the database is wiped: use one whose name contains 'bench'")
    return url


async def reset(url: str) -> None:
    """Drop everything and migrate: an empty database of the current schema."""
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
        await database.upgrade()
    finally:
        await database.dispose()


async def seed(url: str, channel: str, district: str, count: int, first: int = 0) -> list[str]:
    """``count`` chats of ``channel`` in ``district`` (half with a linked code in an area, half
    following one; five language settings); returns their external ids."""
    areas = [area.id for area in areas_of(district)]
    array = "ARRAY[" + ",".join(f"'{area}'" for area in areas) + "]"
    ids = (
        f"({TELEGRAM_FIRST + first} + g)::text"
        if channel == "telegram"
        else f"'vb' || lpad(({first} + g)::text, 9, '0') || '=='"
    )
    statements = [
        "CREATE TEMP TABLE new_chats AS WITH inserted AS ("
        "INSERT INTO chats (channel, external_id, language, active, pushes, created_at, "
        f"last_seen_at) SELECT '{channel}', {ids}, "
        "(ARRAY['sq','en','sr','sr-Latn',NULL])[1 + g % 5], true, true, now(), now() "
        f"FROM generate_series(0, {count - 1}) g RETURNING id) SELECT id FROM inserted",
        "INSERT INTO chat_links (chat_id, customer_code, area_id, place_id, created_at) "
        f"SELECT id, '{district}' || lpad(id::text, 8, '0'), ({array})[1 + id % {len(areas)}], "
        f"({array})[1 + id % {len(areas)}], now() FROM new_chats WHERE id % 2 = 0",
        "INSERT INTO area_follows (chat_id, area_id, created_at) "
        f"SELECT id, ({array})[1 + id % {len(areas)}], now() FROM new_chats WHERE id % 2 = 1",
        "DROP TABLE new_chats",
        "ANALYZE",
    ]
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await database.dispose()
    if channel == "telegram":
        return [str(TELEGRAM_FIRST + first + n) for n in range(count)]
    return [f"vb{first + n:09d}==" for n in range(count)]


def outage(event_id: str, district: str, **extra: Any) -> dict[str, Any]:
    now = utcnow().isoformat()
    return {
        "id": event_id,
        "type": "outage.started",
        "occurred_at": now,
        "outage_id": f"OUT-{event_id}",
        "district": district,
        "areas": [area.id for area in areas_of(district)],
        "started_at": now,
        "reason": {"sq": "Defekt në rrjet", "en": "Network fault", "sr": "Квар на мрежи"},
        **extra,
    }


async def post_event(port: int, event: Mapping[str, Any]) -> tuple[int, Any, float]:
    """POST a signed event to the bot's events API; the status, the answer and the seconds."""
    body = json.dumps(event).encode()
    headers = {"X-Kesco-Signature": sign(SECRET, body), "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as http:
        started = time.perf_counter()
        async with http.post(
            f"http://127.0.0.1:{port}/api/v1/events", data=body, headers=headers
        ) as response:
            answer = await response.json()
            return response.status, answer, time.perf_counter() - started


class KescoBot:
    """``kesco-bot run`` as a subprocess with the given settings; its log is kept."""

    def __init__(self, url: str, settings: Mapping[str, str], name: str = "bot") -> None:
        self.port = free_port()
        self.name = name
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("KESCO_")},
            "KESCO_DATABASE_URL": url,
            "KESCO_HTTP_PORT": str(self.port),
            "KESCO_EVENTS_SECRET": SECRET,
            "KESCO_BACKEND": "demo",
            **settings,
        }
        self.process: asyncio.subprocess.Process | None = None
        self.paused = False
        self.lines: list[str] = []
        self.timed_lines: list[tuple[float, str]] = []  # (time.monotonic(), line)
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> KescoBot:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=ROOT,
            env=self.env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read())
        await self.wait_for_log("web server listening", 60)
        return self

    async def _read(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        async for line in self.process.stderr:
            self.lines.append(line.decode(errors="replace").rstrip())
            self.timed_lines.append((time.monotonic(), self.lines[-1]))

    async def wait_for_log(self, fragment: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(fragment in line for line in self.lines):
            if self.process is not None and self.process.returncode is not None:
                raise SystemExit(f"{self.name} ended:\n" + "\n".join(self.lines[-30:]))
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.name}: no {fragment!r} in its log")
            await asyncio.sleep(0.05)

    @property
    def leading(self) -> bool:
        return any("dispatching alerts" in line for line in self.lines)

    def rss_mib(self) -> float:
        """Resident memory of the process now (from /proc)."""
        assert self.process is not None
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def pause(self) -> None:
        """SIGSTOP: the process stalls (holds its connections and locks) without dying."""
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGSTOP)
            self.paused = True

    def resume(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGCONT)
        self.paused = False

    def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process is None:
            return
        if self.paused:
            self.resume()
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                self.kill()
                await self.process.wait()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 5)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` so far (from /proc; 0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU used between :meth:`start` and :meth:`stop` by the bot, this process (the fakes) and
    the PostgreSQL backends of the bench database (those connected at the end; a backend that
    came meanwhile counts from zero, one that ended meanwhile is missed, and so are PostgreSQL's
    own workers: a lower bound, close for the bot's pooled connections): figures the machine's
    load does not stretch as it does wall-clock time."""

    def __init__(self, url: str, bot: KescoBot) -> None:
        self.url, self.bot = url, bot
        self._start: dict[str, float] = {}
        self._backends: dict[int, float] = {}

    async def _backend_pids(self) -> list[int]:
        database = Database(self.url)
        try:
            async with database.engine.connect() as connection:
                rows = await connection.execute(
                    text(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    )
                )
                return [int(row[0]) for row in rows]
        finally:
            await database.dispose()

    async def start(self) -> None:
        assert self.bot.process is not None
        self._start = {"bot": cpu_seconds(self.bot.process.pid), "bench": time.process_time()}
        self._backends = {pid: cpu_seconds(pid) for pid in await self._backend_pids()}

    async def stop(self) -> dict[str, float]:
        assert self.bot.process is not None
        pids = await self._backend_pids()
        return {
            "bot": cpu_seconds(self.bot.process.pid) - self._start["bot"],
            "bench": time.process_time() - self._start["bench"],
            "postgres": sum(cpu_seconds(pid) - self._backends.get(pid, 0.0) for pid in pids),
        }


def reached(receivers: Iterable[str], expected: Sequence[str]) -> dict[str, int]:
    """Of ``expected``, how many got it once, twice or more, and never."""
    counts = collections.Counter(receivers)
    once = sum(1 for chat in expected if counts.get(chat) == 1)
    more = sum(1 for chat in expected if counts.get(chat, 0) > 1)
    return {
        "once": once,
        "twice_or_more": more,
        "never": len(expected) - once - more,
        "extra_copies": sum(max(counts.get(chat, 0) - 1, 0) for chat in expected),
    }


def rate(times: Sequence[float], skip: int = 20) -> float:
    """Messages a second over ``times`` (arrival times), after the first ``skip``."""
    warm = sorted(times)[skip:]
    return (len(warm) - 1) / (warm[-1] - warm[0]) if len(warm) > 2 else 0.0


def max_in_window(times: Sequence[float], window: float = 1.0) -> int:
    ordered, best, start = sorted(times), 0, 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def percentiles(values: Sequence[float]) -> tuple[float, float]:
    """Median and 99th percentile, in milliseconds."""
    if not values:
        return math_nan(), math_nan()
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p99 * 1000


def math_nan() -> float:
    return float("nan")


def duration(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "n/a"
    if seconds < 120:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"
