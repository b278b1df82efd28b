"""A Bot API answering 502 with an HTML page: PTB's traceback with the whole page, and our own
warning, are each logged once with a count, not once per message."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram.ext import ExtBot

from bot.channels.protocol import TransientFailure
from bot.channels.telegram.callback_data import CallbackPayloads
from bot.channels.telegram.limiter import TelegramRateLimiter
from bot.channels.telegram.quiet_logs import install_quiet_logs
from bot.channels.telegram.sender import TelegramSender
from bot.channels.telegram.transport import AiohttpRequest
from handlers.messages import OutgoingMessage
from tests.fakes.telegram_api import BOT_USER, TOKEN
from tests.support.telegram import MemoryLifecycle

PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    + ("<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n" * 20)
    + "</body>\r\n</html>\r\n"
)


@pytest.fixture
async def gateway() -> AsyncIterator[str]:
    async def bad_gateway(request: web.Request) -> web.Response:
        if request.match_info["method"] == "getMe":
            return web.json_response({"ok": True, "result": BOT_USER})
        return web.Response(status=502, text=PAGE, content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", bad_gateway)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


async def test_502_pages_are_logged_once_with_a_count(
    gateway: str, caplog: pytest.LogCaptureFixture
) -> None:
    install_quiet_logs()
    bot = ExtBot(
        TOKEN,
        base_url=f"{gateway}/bot",
        request=AiohttpRequest(4),
        rate_limiter=TelegramRateLimiter(max_retries=0),
    )  # as the channel builds it
    sender = TelegramSender(bot, MemoryLifecycle(), CallbackPayloads())
    caplog.set_level(logging.INFO)
    async with bot:
        for n in range(40):  # forty chats: the per-chat limit does not slow the test down
            with pytest.raises(TransientFailure):
                await sender.send(str(5512345600 + n), OutgoingMessage("Power is back"))
    ptb = [
        r for r in caplog.records if r.name.startswith("telegram") and r.levelno >= logging.WARNING
    ]
    ours = [r for r in caplog.records if r.name == "bot.channels.telegram.sender"]
    assert len(ptb) <= 1, [r.getMessage()[:80] for r in ptb]  # PTB's own traceback: once, if at all
    assert all(len(r.getMessage()) <= 300 and "\n" not in r.getMessage() for r in ptb)
    assert len(ours) == 1 and "502" in ours[0].getMessage()
    assert len(ours[0].getMessage()) < 400
