"""Shared harness for the Telegram end-to-end tests (no tests here).

Runs the real :class:`bot.channels.telegram.TelegramChannel` (real PTB) against the strict fake
Bot API, in polling or in webhook mode; in webhook mode behind a real aiohttp server on 127.0.0.1.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

from bot.channels.inbound import Inbound
from bot.channels.protocol import ChatLifecycle
from bot.channels.telegram import TelegramChannel, TelegramRateLimiter
from handlers.messages import Handle
from tests.fakes.flood import FloodLimits
from tests.fakes.telegram_api import FakeTelegramAPI

WEBHOOK_SECRET = "test-webhook-secret_0123456789"


@dataclass
class MemoryLifecycle:
    """In-memory ``ChatLifecycle`` test double."""

    inactive: dict[str, str] = field(default_factory=dict)
    active: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    async def mark_inactive(self, channel: str, chat_id: str, reason: str) -> None:
        assert channel == "telegram"
        self.inactive[chat_id] = reason

    async def mark_active(self, channel: str, chat_id: str) -> None:
        self.active.append(chat_id)
        self.inactive.pop(chat_id, None)

    async def first_delivery(self, channel: str, key: str) -> bool:
        if (channel, key) in self.seen:  # type: ignore[comparison-overlap]
            return False
        self.seen.add((channel, key))  # type: ignore[arg-type]
        return True

    async def record_status(self, channel: str, chat_id: str, token: str, status: str) -> None:
        return None


@dataclass
class Running:
    api: FakeTelegramAPI
    channel: TelegramChannel
    public_url: str | None
    inbound: Inbound  # the channel's: it tells when a chat's turn is over


def fast_limiter() -> TelegramRateLimiter:
    return TelegramRateLimiter(chat_interval=0.01, group_period=0.2, max_wait=5)


# Conversation tests talk faster than Telegram lets one chat be answered; the per-chat flood
# limits are the subject of tests/test_telegram_sender.py and tests/test_fake_limits.py.
CONVERSATION_FLOOD = FloodLimits(chat_burst=0, group_per_minute=0)


@asynccontextmanager
async def running_channel(
    handle: Handle,
    lifecycle: ChatLifecycle,
    *,
    webhook: bool = False,
    limiter: TelegramRateLimiter | None = None,
) -> AsyncIterator[Running]:
    """Fake Bot API + started TelegramChannel (+ our aiohttp server when ``webhook``)."""
    async with FakeTelegramAPI(flood=CONVERSATION_FLOOD) as api:
        sock = None
        public_url = None
        if webhook:
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            public_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        inbound = Inbound(handle, lifecycle)
        channel = TelegramChannel(
            api.token,
            api.root,
            inbound,
            lifecycle,
            public_url=public_url,
            webhook_secret=WEBHOOK_SECRET if webhook else None,
            rate_limiter=limiter or fast_limiter(),
            poll_timeout=1,
        )
        runner = None
        if sock is not None:
            app = web.Application()
            app.add_routes(channel.aiohttp_routes())
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.SockSite(runner, sock).start()
        await channel.start()
        try:
            yield Running(api, channel, public_url, inbound)
        finally:
            await channel.stop()
            if runner is not None:
                await runner.cleanup()
