"""One fault scenario's run: a fake messenger API, the real ``kesco-bot run`` (one or two
instances), one outage posted, a fault applied, and the wait until the outbox settles.

The run ends when no outbox row is queued, being sent or awaiting its delivery receipts
(``unsettled``) and every fan-out is done (the product has given up or delivered everything),
or at ``cap`` seconds after the outage was posted. What is left is then cancelled, so that it
is not sent during the next scenario.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import harness as h
from delivery import cancel_the_rest, register
from field import first_copies
from sqlalchemy import text

from services.db import Database
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi

PENDING = text(  # unsettled: a Viber send with no answer awaits its receipts (60 s), then
    # it is settled or sent again (services/alerts/history.py's PENDING)
    "SELECT (SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending', 'unsettled'))"
    " + (SELECT count(*) FROM alert_fanouts WHERE done_at IS NULL)"
)


@dataclass
class Trial:
    """What a fault coroutine works with, and what it notes: fault windows and crashes."""

    name: str
    url: str  # the bots' database URL (through a proxy for ``database``)
    direct_url: str  # the benchmark's own, straight to PostgreSQL
    chats: list[str]
    api: Any  # FakeTelegramAPI or FakeViberApi
    env: dict[str, str]
    bots: list[h.KescoBot] = field(default_factory=list)
    posted: float = 0.0
    windows: list[tuple[str, float, float]] = field(default_factory=list)
    crashes: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    restore_posted: float | None = None
    cap: float = 1200.0
    cut: bool = False
    started: list[h.KescoBot] = field(default_factory=list)  # every bot run, to keep its log
    deposed: tuple[str, float] | None = None  # a stalled leader's sender name, when it resumed

    def env_for(self, name: str) -> dict[str, str]:
        """The settings of the bot called ``name``: on Telegram its own API URL, so that the
        fake notes which bot sent each message (``Attempt.sender``)."""
        if isinstance(self.api, FakeTelegramAPI):
            return {**self.env, "KESCO_TELEGRAM_API_URL": self.api.root_for(name)}
        return dict(self.env)

    async def start_bot(self, name: str) -> h.KescoBot:
        bot = await h.KescoBot(self.url, self.env_for(name), name=name).start()
        self.started.append(bot)
        return bot

    def reached(self, kind: str = "outage") -> int:
        return len(first_copies(self.api.attempts, kind).keys() & set(self.chats))

    async def wait_share(self, share: float, timeout: float = 3600) -> None:
        """Wait until ``share`` of the chats got the outage message (or ``timeout``)."""
        deadline = time.monotonic() + timeout
        while self.reached() < int(len(self.chats) * share) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)

    async def pending(self) -> int:
        database = Database(self.direct_url)
        try:
            async with database.engine.connect() as connection:
                return int(await connection.scalar(PENDING) or 0)
        finally:
            await database.dispose()

    async def settle(self) -> None:
        """Wait until nothing is pending twice five seconds apart, or :attr:`cap` seconds after
        the last event was posted (then :attr:`cut` is set)."""
        quiet = 0
        while quiet < 2:
            if time.monotonic() - max(self.posted, self.restore_posted or 0.0) > self.cap:
                self.cut = True
                return
            quiet = quiet + 1 if await self.pending() == 0 else 0
            await asyncio.sleep(5 if quiet else 1)


Fault = Callable[[Trial], Awaitable[None]]


@dataclass
class Spec:
    """A scenario: its fault, the channel, the bots' extra settings, how many bots."""

    name: str
    fault: Fault
    channel: str = "telegram"
    settings: dict[str, str] = field(default_factory=dict)
    bots: int = 1
    offline: float = 0.0  # Viber: share of receivers whose device is offline (no receipt)


async def _bots(trial: Trial, count: int) -> None:
    for n in range(count):
        trial.bots.append(await trial.start_bot(f"bot{n}"))
    for bot in trial.bots:
        await bot.wait_for_log("channel started", 60)


async def run(spec: Spec, url: str, direct_url: str, chats: list[str], cap: float) -> Trial:
    """Run ``spec`` against ``chats`` (Telegram ids or Viber receivers); the trial, settled."""
    if spec.channel == "telegram":
        fake: Any = FakeTelegramAPI()
        env = {"KESCO_TELEGRAM_TOKEN": fake.token}
    else:
        fake = FakeViberApi(h.VIBER_TOKEN)
        env = {"KESCO_VIBER_TOKEN": h.VIBER_TOKEN}
    async with fake:
        if spec.channel == "telegram":
            register(fake, chats)
            env["KESCO_TELEGRAM_API_URL"] = fake.root
        else:
            env["KESCO_VIBER_API_URL"] = fake.url
            picked = random.Random(7).sample(chats, int(len(chats) * spec.offline))
            fake.offline = set(picked)
        trial = Trial(spec.name, url, direct_url, chats, fake, {**env, **spec.settings}, cap=cap)
        try:
            await _bots(trial, spec.bots)
            if spec.channel == "viber":
                fake.callback_url = f"http://127.0.0.1:{trial.bots[0].port}/webhooks/viber"
            await h.post_event(trial.bots[0].port, h.outage(f"fault-{spec.name}", _district(spec)))
            trial.posted = time.monotonic()
            await spec.fault(trial)
            await trial.settle()
        finally:
            for bot in trial.bots:
                await bot.stop()
    await cancel_the_rest(direct_url)
    return trial


def _district(spec: Spec) -> str:
    return "DPR" if spec.channel == "telegram" else "DPZ"


def restored(outage_event: str) -> dict[str, Any]:
    """``outage.restored`` for the outage of :func:`harness.outage` ``(outage_event, ...)``."""
    now = h.utcnow().isoformat()
    return {
        "id": f"{outage_event}-restored",
        "type": "outage.restored",
        "occurred_at": now,
        "outage_id": f"OUT-{outage_event}",
        "restored_at": now,
    }


def first_alive(trial: Trial) -> h.KescoBot:
    return next(bot for bot in trial.bots if bot.process and bot.process.returncode is None)


def is_viber(trial: Trial) -> bool:
    return isinstance(trial.api, FakeViberApi)
