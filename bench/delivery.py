"""Benchmark of delivery as users get it: the real ``kesco-bot run`` against fakes that enforce
the messengers' limits (issues 12 and 18).

Run: ``python bench/delivery.py postgresql+asyncpg://postgres@127.0.0.1:5432/kesco_bench``
(or set ``KESCO_BENCH_DATABASE_URL``; the database is wiped, its name must contain "bench").
``--chats N`` (default 100,000 per channel), ``--window S`` (seconds measured at the free
rates), ``--million`` (also time the events API at 1,000,000 recipients), ``--only NAME``,
``--idle S`` (default 60), ``--fanout CHATS`` (repeatable; the ``fanout`` scenario's sizes,
default 1,000,000 and 3,000,000: one outage each on a database wiped and seeded with them
alone, timed to the end of its fan-out, per million). When ``free`` and ``ptb`` run together
it prints the reply latency's ratio to the bare PTB bot's; the load average at the start and
the end of the run.

Each scenario starts ``kesco-bot run`` with its settings, lets it idle ``--idle`` seconds (as a
service in the field waits for its next event: long enough for PostgreSQL to switch pooled
connections to generic plans) and publishes one outage through the events API. Every chat it
sends to is registered in the fake Bot API (the million-chat run too). The fake Bot API (30
messages in any second, 1000 with paid broadcast, bursts per chat, 429 beyond) and the fake
Viber API (broadcast_message: 300 a call, 500 calls in 10 s) run in this process and note when
each message arrived. It prints the time to the first message and to every chat, messages a
second as a ratio to each limit, the 429s, the bot's peak memory, and the latency of
two-message replies to customers writing while a broadcast runs, next to a bare
python-telegram-bot bot (with and without PTB's ``AIORateLimiter``) given the same customers.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from sqlalchemy import text  # noqa: E402

from services.db import Database  # noqa: E402
from tests.fakes.flood import FloodLimits  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402
from tests.fakes.viber_api import FakeViberApi  # noqa: E402

FREE, PAID, VIBER_RATE, BROADCAST_CALLS = 30.0, 1000.0, 20.0, 50.0
GIVE_UP = [3600.0]  # seconds a fan-out may take before the run reports what it got (--give-up)
USER_FIRST = 5_000_000_000


def register(api: FakeTelegramAPI, chats: list[str]) -> None:
    for chat in chats:
        chat_id = int(chat)
        api.chats[chat_id] = {"id": chat_id, "type": "private", "first_name": "Bench"}


def arrivals(api: FakeTelegramAPI, chats: set[str], paid: bool | None = None) -> list[float]:
    return [
        c.at
        for c in api.calls
        if c.method == "sendMessage"
        and str(c.params["chat_id"]) in chats
        and (paid is None or bool(c.params.get("allow_paid_broadcast")) == paid)
    ]


async def cancel_the_rest(url: str) -> None:
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(
                text(
                    "UPDATE outbox SET state = 'cancelled' "
                    "WHERE state IN ('queued', 'sending', 'unsettled')"
                )
            )
    finally:
        await database.dispose()


async def until(condition: Callable[[], bool], timeout: float, tick: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        await asyncio.sleep(tick)


QUESTION = "What is the phone number of the call centre?"
QUESTION_AFTER = 5  # customers: a customer asks the question this many starts after /start


class Customers:
    """People writing to the bot at a steady pace: ``/start`` (one message), and a second later
    a question in English while the chat speaks Albanian (its messenger's language), answered
    with two messages: the answer and the offer to answer in English. What is measured is the
    reply to the question."""

    def __init__(self, api: FakeTelegramAPI, first: int, count: int, per_second: float) -> None:
        self.api, self.count, self.per_second = api, count, per_second
        self.chats = [first + n for n in range(count)]
        self.asked: dict[int, float] = {}

    async def write(self) -> None:
        waiting = [*self.chats, *[None] * QUESTION_AFTER]
        for n, chat_id in enumerate(waiting):
            if chat_id is not None:
                self.api.enqueue(self.api.message_update(chat_id, "/start", language_code="sq"))
            if n >= QUESTION_AFTER:
                asking = self.chats[n - QUESTION_AFTER]
                self.asked[asking] = time.monotonic()
                self.api.enqueue(self.api.message_update(asking, QUESTION, language_code="sq"))
            await asyncio.sleep(1 / self.per_second)

    def latencies(self) -> tuple[list[float], list[float]]:
        """Seconds to the first and to the second message of each two-message reply."""
        got: dict[int, list[float]] = {}
        for call in self.api.calls:
            chat_id = int(call.params.get("chat_id", 0)) if call.method == "sendMessage" else 0
            if chat_id in self.asked and call.at >= self.asked[chat_id]:
                got.setdefault(chat_id, []).append(call.at)
        first = [times[0] - self.asked[c] for c, times in got.items()]
        second = [times[1] - self.asked[c] for c, times in got.items() if len(times) >= 2]
        return first, second

    def report(self, label: str) -> dict[str, float]:
        first, second = self.latencies()
        median, p99 = h.percentiles(second)
        print(
            f"  {label}: {len(second)}/{self.count} two-message replies; second message "
            f"median {median:.0f} ms, p99 {p99:.0f} ms (first: median "
            f"{h.percentiles(first)[0]:.0f} ms)"
        )
        return {"median": median, "p99": p99}


async def idle(seconds: float) -> None:
    """The bot runs with nothing to do for ``seconds`` before the event is posted."""
    if seconds > 0:
        print(f"  idling {seconds:.0f} s before posting")
        await asyncio.sleep(seconds)


async def telegram_free(
    url: str, chats: list[str], window: float, users: int, idle_s: float
) -> None:
    print(f"\nTelegram, free ({FREE:g}/s; KESCO_TELEGRAM_RATE=30), {len(chats):,} chats")
    async with FakeTelegramAPI() as api:
        register(api, chats)
        bot = await h.KescoBot(
            url, {"KESCO_TELEGRAM_TOKEN": api.token, "KESCO_TELEGRAM_API_URL": api.root}
        ).start()
        try:
            await bot.wait_for_log("Telegram channel started", 60)
            await idle(idle_s)
            status, answer, took = await h.post_event(bot.port, h.outage("free-1", "DPR"))
            print(f"  events API: {status} {answer['status']} in {took * 1000:.0f} ms")
            started = time.monotonic()
            memory: list[float] = []
            sampler = asyncio.create_task(_sample_memory(bot, memory))
            customers = Customers(api, USER_FIRST, users, users / max(window - 30, 10))
            await asyncio.sleep(15)
            await customers.write()
            await until(lambda: time.monotonic() - started >= window, window + 60)
            sampler.cancel()
            times = arrivals(api, set(chats))
            first = f"{h.duration(min(times) - started)}" if times else "none in the window"
            print(
                f"  time to the first message: {first}; kesco-bot memory: "
                f"{max(memory or [0]):.0f} MiB at most"
            )
            everything = [c.at for c in api.calls if c.method == "sendMessage"]
            measured, total = h.rate(times), h.rate(everything)
            print(
                f"  {len(times):,} alerts in {window:.0f} s: {measured:.1f} messages/s; with "
                f"the replies {total:.1f} messages/s = {total / FREE:.3f} of the limit; most "
                f"in any one second: {h.max_in_window(everything)}; 429s: "
                f"{api.flood.refused} ({api.flood.refused_chats} for one chat)"
            )
            print(
                f"  time to reach all {len(chats):,} (from the measured rate): "
                f"{h.duration(len(chats) / measured)}"
            )
            RESULTS["kesco"] = customers.report("replies while the broadcast runs")
        finally:
            await bot.stop()
    await cancel_the_rest(url)


async def _sample_memory(bot: h.KescoBot, samples: list[float]) -> None:
    while True:
        samples.append(bot.rss_mib())
        await asyncio.sleep(1.0)


async def telegram_paid(url: str, chats: list[str], idle_s: float) -> None:
    print(
        f"\nTelegram, paid broadcast (1000/s; KESCO_TELEGRAM_PAID_BROADCAST=all), "
        f"{len(chats):,} chats"
    )
    budget = len(chats) * 0.1 + 100
    async with FakeTelegramAPI() as api:
        register(api, chats)
        settings = {
            "KESCO_TELEGRAM_TOKEN": api.token,
            "KESCO_TELEGRAM_API_URL": api.root,
            "KESCO_TELEGRAM_PAID_BROADCAST": "all",
            "KESCO_TELEGRAM_STARS_BUDGET": f"{budget:g}",
        }
        bot = await h.KescoBot(url, settings).start()
        try:
            await bot.wait_for_log("Telegram channel started", 60)
            await idle(idle_s)
            memory = await _deliver_all(bot, api, "paid-1", "DPR", chats)
            times = arrivals(api, set(chats), paid=True)
            measured = h.rate(times, skip=len(times) // 20)
            print(
                f"  {len(times):,} paid: {measured:.0f} messages/s = {measured / PAID:.3f} of "
                f"the paid limit; most in any one second: {h.max_in_window(times)}; 429s: "
                f"{api.flood.refused}; Stars (estimated): {len(times) * 0.1:,.0f}"
            )
            print(f"  kesco-bot memory: {memory}")
        finally:
            await bot.stop()


async def _deliver_all(
    bot: h.KescoBot, api: Any, event: str, district: str, chats: list[str], viber: bool = False
) -> str:
    """Publish an outage to ``chats``, wait until each got it; prints the time and the CPU it
    took, returns the bot's memory over the run."""
    meter = h.CpuMeter(bot.env["KESCO_DATABASE_URL"], bot)
    await meter.start()
    try:
        return await _deliver(bot, api, event, district, chats, viber)
    finally:
        cpu = await meter.stop()
        print(
            f"  CPU over the delivery: kesco-bot {cpu['bot']:.1f} s "
            f"({cpu['bot'] * 1000 / len(chats):.2f} ms a chat), PostgreSQL backends "
            f"{cpu['postgres']:.1f} s, the bench and its fakes {cpu['bench']:.1f} s"
        )


async def _deliver(
    bot: h.KescoBot, api: Any, event: str, district: str, chats: list[str], viber: bool
) -> str:
    expected = set(chats)
    status, answer, took = await h.post_event(bot.port, h.outage(event, district))
    posted = time.monotonic()
    print(f"  events API: {status} {answer['status']} in {took * 1000:.0f} ms")
    samples: list[float] = []

    reached: set[str] = set()
    first: list[float] = []
    looked_at = 0  # what arrived is read once, not all of it every second (it would stall the
    # fakes, which run in this process, for tens of milliseconds at 100,000 messages)

    def got() -> int:
        nonlocal looked_at
        arrived = api.sent if viber else api.calls
        new, looked_at = arrived[looked_at:], len(arrived)
        if new and not first:
            sends = [m for m in new if viber or m.method == "sendMessage"]
            if sends:
                first.append(api.arrivals[0] if viber else sends[0].at)
        if viber:
            reached.update(m["receiver"] for m in new)
        else:
            reached.update(str(c.params["chat_id"]) for c in new if c.method == "sendMessage")
        return len(reached & expected) if len(reached) >= len(expected) else 0

    while got() < len(chats):
        samples.append(bot.rss_mib())
        if time.monotonic() - posted > GIVE_UP[0]:
            print(
                f"  gave up after {h.duration(GIVE_UP[0])}: {len(reached & expected):,} of "
                f"{len(chats):,} reached; first message "
                f"{h.duration(first[0] - posted) if first else 'never'}"
            )
            return f"{max(samples or [0]):.0f} MiB at most"
        await asyncio.sleep(1.0)
    print(
        f"  time to the first message: {h.duration(first[0] - posted) if first else 'n/a'}; "
        f"to reach all {len(chats):,}: {h.duration(time.monotonic() - posted)} "
        "(from the event's answer to the last arrival)"
    )
    tenth = samples[len(samples) // 10] if samples else 0.0
    return f"{tenth:.0f} MiB a tenth of the way, {max(samples or [0]):.0f} MiB at most"


async def viber(url: str, chats: list[str], window: float, broadcast: bool, idle_s: float) -> None:
    label = "broadcast_message (KESCO_VIBER_BROADCAST=on)" if broadcast else "send_message"
    print(f"\nViber, {label}, {len(chats):,} chats")
    async with FakeViberApi(h.VIBER_TOKEN) as fake:
        settings = {
            "KESCO_VIBER_TOKEN": h.VIBER_TOKEN,
            "KESCO_VIBER_API_URL": fake.url,
            "KESCO_VIBER_BROADCAST": "on" if broadcast else "off",
        }
        bot = await h.KescoBot(url, settings).start()
        try:
            await bot.wait_for_log("channel started", 60)
            await idle(idle_s)
            if broadcast:
                memory = await _deliver_all(bot, fake, "viber-b", "DPZ", chats, viber=True)
                calls = len(fake.broadcasts)
                print(
                    f"  {calls:,} broadcast_message calls ({len(chats) / max(calls, 1):.0f} "
                    f"chats a call); refused (status 12): {fake.broadcast_refused}; kesco-bot "
                    f"memory: {memory}"
                )
            else:
                await h.post_event(bot.port, h.outage("viber-1", "DPZ"))
                posted = time.monotonic()
                await asyncio.sleep(window)
                times = list(fake.arrivals)
                if times:
                    print(f"  time to the first message: {h.duration(times[0] - posted)}")
                measured = h.rate(times)
                print(
                    f"  {len(times):,} in {window:.0f} s: {measured:.1f} messages/s = "
                    f"{measured / VIBER_RATE:.3f} of KESCO_VIBER_RATE={VIBER_RATE:g}; time to "
                    f"reach all {len(chats):,}: {h.duration(len(chats) / measured)}"
                )
        finally:
            await bot.stop()
    await cancel_the_rest(url)


async def capacity(url: str, chats: list[str], idle_s: float) -> None:
    print(
        "\nDispatcher capacity: a fake Bot API that answers at once with its limit raised to "
        "5000/s, KESCO_TELEGRAM_RATE=3000 (the product's limiter on)"
    )
    async with FakeTelegramAPI(flood=FloodLimits(per_second=5000)) as api:
        register(api, chats)
        bot = await h.KescoBot(
            url,
            {
                "KESCO_TELEGRAM_TOKEN": api.token,
                "KESCO_TELEGRAM_API_URL": api.root,
                "KESCO_TELEGRAM_RATE": "3000",
            },
        ).start()
        try:
            await bot.wait_for_log("Telegram channel started", 60)
            await idle(idle_s)
            memory = await _deliver_all(bot, api, "cap-1", "DPR", chats)
            times = arrivals(api, set(chats))
            sustained = h.rate(times, skip=len(times) // 20)
            print(
                f"  sustained {sustained:.0f} messages/s = {sustained / 3000:.3f} of "
                f"KESCO_TELEGRAM_RATE=3000 ({sustained / PAID:.2f}x the paid limit); 429s: "
                f"{api.flood.refused}; kesco-bot memory: {memory}"
            )
        finally:
            await bot.stop()


async def bare_ptb(users: int, window: float) -> None:
    print("\nThe same customers against a bare python-telegram-bot bot (no broadcast):")
    for mode, label in (("unlimited", "no rate limiter"), ("limited", "AIORateLimiter")):
        async with FakeTelegramAPI() as api:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                str(h.ROOT / "bench" / "ptb_echo.py"),
                api.root,
                api.token,
                mode,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                await asyncio.sleep(3)
                customers = Customers(api, USER_FIRST, users, users / max(window - 30, 10))
                await customers.write()
                await asyncio.sleep(5)
                RESULTS[f"ptb-{mode}"] = customers.report(f"PTB, {label}")
            finally:
                process.terminate()
                await process.wait()


async def events_api_million(url: str, idle_s: float) -> None:
    print("\nEvents API at 1,000,000 recipients")
    started = time.perf_counter()
    million = await h.seed(url, "telegram", "DPE", 1_000_000, first=2_000_000)
    print(f"  seeded 1,000,000 chats in {time.perf_counter() - started:.0f} s")
    async with FakeTelegramAPI() as api:
        register(api, million)
        bot = await h.KescoBot(
            url, {"KESCO_TELEGRAM_TOKEN": api.token, "KESCO_TELEGRAM_API_URL": api.root}
        ).start()
        try:
            await bot.wait_for_log("Telegram channel started", 60)
            await idle(idle_s)
            answers = []
            for n in range(3):
                status, answer, took = await h.post_event(bot.port, h.outage(f"m-{n}", "DPE"))
                answers.append(took * 1000)
                print(f"  outage {n + 1}: {status} {answer} in {took * 1000:.0f} ms")
            database = Database(url)
            posted = time.monotonic()
            while True:
                async with database.engine.connect() as connection:
                    left = await connection.scalar(
                        text("SELECT count(*) FROM alert_fanouts WHERE done_at IS NULL")
                    )
                if not left:
                    break
                await asyncio.sleep(1.0)
            await database.dispose()
            print(
                f"  answered in {max(answers):.0f} ms at most; the three fan-outs (3,000,000 "
                f"outbox rows) done {time.monotonic() - posted:.0f} s later"
            )
        finally:
            await bot.stop()
    await cancel_the_rest(url)


async def fanout(url: str, sizes: list[int], idle_s: float) -> None:
    """One outage to ``size`` chats, for each size on a database wiped and seeded with them
    alone: the time from the event to its fan-out's end, per million, and where the pieces
    crossed each half million (linear when the halves take alike)."""
    for size in sizes:
        print(f"\nFan-out of one outage to {size:,} chats")
        await h.reset(url)
        started = time.perf_counter()
        chats = await h.seed(url, "telegram", "DPE", size, first=2_000_000)
        print(
            f"  seeded {size:,} chats in {time.perf_counter() - started:.0f} s; load average "
            f"{_load()}"
        )
        async with FakeTelegramAPI() as api:
            register(api, chats)
            del chats
            bot = await h.KescoBot(
                url, {"KESCO_TELEGRAM_TOKEN": api.token, "KESCO_TELEGRAM_API_URL": api.root}
            ).start()
            database = Database(url)
            try:
                await bot.wait_for_log("Telegram channel started", 60)
                await idle(idle_s)
                meter = h.CpuMeter(url, bot)
                await meter.start()
                status, answer, took = await h.post_event(bot.port, h.outage("f-1", "DPE"))
                posted = time.monotonic()
                print(f"  events API: {status} {answer['status']} in {took * 1000:.0f} ms")
                marks: list[tuple[int, float]] = []
                step, next_mark = 500_000, 500_000
                while True:
                    async with database.engine.connect() as connection:
                        row = (
                            await connection.execute(
                                text(
                                    "SELECT recipients, done_at IS NOT NULL FROM alert_fanouts "
                                    "WHERE event_id = 'f-1'"
                                )
                            )
                        ).first()
                    recipients, done = (row[0], row[1]) if row else (0, False)
                    while recipients >= next_mark:
                        marks.append((next_mark, time.monotonic() - posted))
                        next_mark += step
                    if done:
                        break
                    if time.monotonic() - posted > GIVE_UP[0]:
                        print(f"  gave up after {h.duration(GIVE_UP[0])}: {recipients:,} queued")
                        return
                    await asyncio.sleep(1.0)
                took_all = time.monotonic() - posted
                cpu = await meter.stop()
                print(
                    f"  fan-out done in {took_all:.1f} s ({recipients:,} outbox rows): "
                    f"{took_all / (size / 1e6):.1f} s per million; load average {_load()}"
                )
                print(
                    f"  CPU: kesco-bot {cpu['bot']:.1f} s; PostgreSQL backends connected at "
                    f"the end {cpu['postgres']:.1f} s (a lower bound: it misses backends that "
                    "ended meanwhile and PostgreSQL's own workers)"
                )
                splits = ", ".join(f"{n / 1e6:g}M at {t:.0f} s" for n, t in marks)
                print(f"  progress: {splits}")
                RESULTS[f"fanout-{size}"] = {"seconds": took_all}
            finally:
                await database.dispose()
                await bot.stop()
    seconds = {
        int(k.split("-")[1]): v["seconds"] for k, v in RESULTS.items() if k.startswith("fanout-")
    }
    if len(seconds) > 1:
        smallest = min(seconds)
        for size, took in sorted(seconds.items()):
            print(
                f"  {size:,} chats: {took / seconds[smallest]:.2f}x the time of "
                f"{smallest:,}, for {size / smallest:g}x the chats"
            )


def _load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 1)[0]


def ratios() -> None:
    """Reply latency while the broadcast runs against the bare PTB bot (same run)."""
    kesco = RESULTS.get("kesco")
    for mode in ("unlimited", "limited"):
        ptb = RESULTS.get(f"ptb-{mode}")
        if kesco and ptb and ptb["median"] > 0:
            print(
                f"  kesco-bot / PTB ({mode}): second message median "
                f"{kesco['median'] / ptb['median']:.1f}x, p99 "
                f"{kesco['p99'] / ptb['p99']:.1f}x"
            )


RESULTS: dict[str, dict[str, float]] = {}
SCENARIOS = ("free", "paid", "viber", "viber-broadcast", "capacity", "ptb", "million", "fanout")


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?")
    parser.add_argument("--chats", type=int, default=100_000)
    parser.add_argument("--window", type=float, default=90.0)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--idle", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--give-up", type=float, default=3600.0, metavar="SECONDS")
    parser.add_argument("--only", choices=SCENARIOS, action="append")
    parser.add_argument(
        "--fanout",
        type=int,
        action="append",
        metavar="CHATS",
        help="fan-out sizes (default 1,000,000 and 3,000,000)",
    )
    args = parser.parse_args(argv)
    url = h.database_url(args.url)
    GIVE_UP[0] = args.give_up
    wanted = set(
        args.only or [s for s in SCENARIOS if s not in ("million", "fanout") or args.million]
    )
    print(f"load average at the start: {Path('/proc/loadavg').read_text().strip()}")
    started = time.perf_counter()
    await h.reset(url)
    telegram = await h.seed(url, "telegram", "DPR", args.chats)
    viber_chats = await h.seed(url, "viber", "DPZ", args.chats, first=args.chats)
    print(
        f"seeded {args.chats:,} Telegram and {args.chats:,} Viber chats in "
        f"{time.perf_counter() - started:.0f} s"
    )
    runs: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        ("free", lambda: telegram_free(url, telegram, args.window, args.users, args.idle)),
        ("paid", lambda: telegram_paid(url, telegram, args.idle)),
        ("viber", lambda: viber(url, viber_chats, min(args.window, 30.0), False, args.idle)),
        ("viber-broadcast", lambda: viber(url, viber_chats, 0, True, args.idle)),
        ("capacity", lambda: capacity(url, telegram, args.idle)),
        ("ptb", lambda: bare_ptb(args.users, args.window)),
        ("million", lambda: events_api_million(url, args.idle)),
        ("fanout", lambda: fanout(url, args.fanout or [1_000_000, 3_000_000], args.idle)),
    ]  # fanout wipes the database: it runs last
    for name, run in runs:
        if name in wanted:
            print(f"\n[{name}: load average {_load()} at its start]")
            await run()
            print(f"[{name}: load average {_load()} at its end]")
    ratios()
    print(f"load average at the end: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    asyncio.run(main())
