"""Benchmark of delivery under faults (issue 13): the real ``kesco-bot run`` against fakes that
misbehave as real services do; for each fault, chats reached once, twice, never, and the time
to reach them all.

Run: ``python bench/faults.py postgresql+asyncpg://postgres@127.0.0.1:5432/kesco_bench``
(the database is wiped; its name must contain "bench"). ``--chats N`` (default 1500 Telegram
chats at the default 30 messages a second), ``--only NAME``.

* ``mixed``: a fifth of the sends answered 429 (7%), 502 (7%) or slowly (6%: delivered, but
  answered 6-12 s later, within the 30 s read timeout);
* ``outage``: the Bot API answers 502 to everything for 60 s, a 30-minute outage compressed
  thirtyfold (``KESCO_ALERT_RETRY_MAX=10s`` for the usual 5 minutes);
* ``sigkill``: the bot is killed with SIGKILL a third of the way, then started again;
* ``database``: PostgreSQL is taken away for 60 s a third of the way (a TCP proxy between the
  bot and the server is cut; the server keeps running);
* ``takeover``: two instances; the one dispatching is killed a third of the way.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from delivery import cancel_the_rest, register  # noqa: E402

from tests.fakes.tcp_proxy import TcpProxy  # noqa: E402
from tests.fakes.telegram_api import FakeTelegramAPI  # noqa: E402

COMPRESSED = {"KESCO_ALERT_RETRY_MAX": "10s"}


def delivered(api: FakeTelegramAPI, chats: set[str]) -> list[str]:
    return [str(c.params["chat_id"]) for c in api.calls
            if c.method == "sendMessage" and str(c.params["chat_id"]) in chats]  # fmt: skip


async def wait_reached(api: FakeTelegramAPI, chats: list[str], share: float,
                       timeout: float = 3600) -> float:  # fmt: skip
    """Wait until ``share`` of ``chats`` got a message; returns when (monotonic)."""
    wanted, expected = int(len(chats) * share), set(chats)
    deadline = time.monotonic() + timeout
    while len(set(delivered(api, expected))) < wanted:
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.2)
    return time.monotonic()


def report(name: str, api: FakeTelegramAPI, chats: list[str], posted: float, done: float) -> None:
    counts = h.reached(delivered(api, set(chats)), chats)
    print(f"{name:9} | {counts['once']:>6,} | {counts['twice_or_more']:>5,} | "
          f"{counts['never']:>5,} | {h.duration(done - posted):>9} | "
          f"{sum(api.faults.injected.values()) + api.flood.refused:>7,}")  # fmt: skip


async def scenario(url: str, chats: list[str], name: str, fault: Callable[..., Awaitable[None]],
                   settings: dict[str, str] | None = None, bots: int = 1) -> None:  # fmt: skip
    async with FakeTelegramAPI() as api:
        register(api, chats)
        env = {"KESCO_TELEGRAM_TOKEN": api.token, "KESCO_TELEGRAM_API_URL": api.root,
               **(settings or {})}  # fmt: skip
        running = [await h.KescoBot(url, env, name=f"bot{n}").start() for n in range(bots)]
        try:
            for bot in running:
                await bot.wait_for_log("Telegram channel started", 60)
            await h.post_event(running[0].port, h.outage(f"fault-{name}", "DPR"))
            posted = time.monotonic()
            await fault(api, running, chats, url, env)
            done = await wait_reached(api, chats, 1.0)
            await asyncio.sleep(3)  # late copies, if any
            report(name, api, chats, posted, done)
        finally:
            for bot in running:
                await bot.stop()
    await cancel_the_rest(url)


async def mixed(api: FakeTelegramAPI, *_: object) -> None:
    api.faults.rate_429, api.faults.rate_5xx, api.faults.rate_slow = 0.07, 0.07, 0.06


async def outage(api: FakeTelegramAPI, _bots: list[h.KescoBot], chats: list[str],
                 *_: object) -> None:  # fmt: skip
    await wait_reached(api, chats, 1 / 3)
    api.faults.down = True
    await asyncio.sleep(60)
    api.faults.down = False


async def sigkill(api: FakeTelegramAPI, bots: list[h.KescoBot], chats: list[str], url: str,
                  env: dict[str, str]) -> None:  # fmt: skip
    await wait_reached(api, chats, 1 / 3)
    bots[0].kill()
    await bots[0].process.wait()  # type: ignore[union-attr]
    bots[0] = await h.KescoBot(url, env, name="restarted").start()


async def takeover(api: FakeTelegramAPI, bots: list[h.KescoBot], chats: list[str],
                   *_: object) -> None:  # fmt: skip
    await wait_reached(api, chats, 1 / 3)
    leader = next(bot for bot in bots if bot.leading)
    leader.kill()


async def database_away(url: str, chats: list[str]) -> None:
    location = url.split("@", 1)[1].split("/", 1)[0]
    host, port = location.split(":") if ":" in location else (location, "5432")
    async with TcpProxy(host, int(port)) as proxy:

        async def cut(api: FakeTelegramAPI, *_: object) -> None:
            await wait_reached(api, chats, 1 / 3)
            proxy.cut()
            await asyncio.sleep(60)
            proxy.restore()

        await scenario(proxy.url(url), chats, "database", cut)


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?")
    parser.add_argument("--chats", type=int, default=1500)
    parser.add_argument("--only", action="append",
                        choices=["mixed", "outage", "sigkill", "database", "takeover"])
    args = parser.parse_args(argv)
    url = h.database_url(args.url)
    await h.reset(url)
    chats = await h.seed(url, "telegram", "DPR", args.chats)
    wanted = set(args.only or ["mixed", "outage", "sigkill", "database", "takeover"])
    print(f"{args.chats:,} Telegram chats, one outage alert each, KESCO_TELEGRAM_RATE=30\n")
    print("fault     |   once | twice | never | all in    | faults")
    runs: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        ("mixed", lambda: scenario(url, chats, "mixed", mixed)),
        ("outage", lambda: scenario(url, chats, "outage", outage, COMPRESSED)),
        ("sigkill", lambda: scenario(url, chats, "sigkill", sigkill)),
        ("database", lambda: database_away(url, chats)),
        ("takeover", lambda: scenario(url, chats, "takeover", takeover, bots=2)),
    ]
    for name, run in runs:
        if name in wanted:
            await run()


if __name__ == "__main__":
    asyncio.run(main())
