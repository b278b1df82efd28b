"""A dispatcher in its own process, for the crash and takeover tests (no tests here).

``python -m tests.support.alerts_child DATABASE_URL TELEGRAM_ROOT TOKEN RATE`` sends the outbox to a
fake Bot API until killed, through the product's Telegram channel (its rate limiter at RATE);
it prints ``LEADING`` when it holds the dispatcher lock.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.channels.inbound import Inbound
from bot.channels.telegram import TelegramChannel
from bot.delivery.dispatcher import Dispatcher, DispatcherConfig
from handlers.messages import IncomingMessage, OutgoingMessage
from services.db import Database
from services.lifecycle import DatabaseChatLifecycle


class _Leading(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("dispatching alerts"):
            print("LEADING", flush=True)


async def _no_handle(_message: IncomingMessage) -> list[OutgoingMessage]:
    return []


async def main(url: str, root: str, token: str, rate: float) -> None:
    database = Database(url)
    lifecycle = DatabaseChatLifecycle(database)
    channel = TelegramChannel(token, root, Inbound(_no_handle, lifecycle), lifecycle, rate=rate)
    await channel.application.initialize()
    config = DispatcherConfig(
        idle_poll=0.05, lock_poll=0.2, backoff_base=0.1, lock_ttl=4.0
    )  # test_alerts_crash.CHILD_TTL
    dispatcher = Dispatcher(database, {"telegram": channel.sender}, config=config)
    print("STARTED", flush=True)
    await dispatcher.run()


if __name__ == "__main__":
    logging.getLogger("bot.delivery.dispatcher").setLevel(logging.INFO)
    logging.getLogger("bot.delivery.dispatcher").addHandler(_Leading())
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])))
