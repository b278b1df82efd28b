"""What ``kesco-bot run`` does with KESCO_TELEGRAM_TOKEN: the Runtime with the real conversation,
the real web server and TelegramChannel against the fake Bot API, in both modes."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from bot.app import build_app
from bot.channels.inbound import Inbound
from bot.channels.telegram import TelegramChannel
from bot.runtime import Runtime
from bot.settings import Settings
from services.db import Database
from tests.conftest import database_url
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.telegram import MemoryLifecycle
from tests.support.web import free_port  # noqa: F401

pytestmark = pytest.mark.db

CHAT = 5512345678


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_run_serves_telegram(tmp_path: Path, database: Database, webhook: bool) -> None:
    port = free_port()
    public_url = f"http://127.0.0.1:{port}" if webhook else None
    async with FakeTelegramAPI() as api:
        settings = Settings(
            _env_file=None,
            database_url=database_url(tmp_path),
            telegram_token=api.token,
            telegram_api_url=api.root,
            telegram_webhook_secret="run-secret_123-telegram-webhook-0123456789",
            viber_token=None,
            public_url=public_url,
            http_port=port,
        )
        runtime = Runtime(await build_app(settings))
        try:
            await runtime.start()
            update = api.message_update(CHAT, "/start", language_code="en")
            if webhook:
                assert api.webhook["url"] == f"{public_url}/webhooks/telegram"
                assert api.webhook["secret"] == "run-secret_123-telegram-webhook-0123456789"
                assert await api.deliver(update, secret="nope") == 403
                assert await api.deliver(update) == 200
            else:
                assert api.webhook == {}
                api.enqueue(update)
            replies = await api.wait_for(1, CHAT)  # welcome and language choice in one message
            assert replies[0]["text"].startswith("Welcome to KESCO's assistant!")
            choices = [
                b["callback_data"] for b in replies[-1]["reply_markup"]["inline_keyboard"][0]
            ]
            assert "lang:sq" in choices
            async with (
                aiohttp.ClientSession() as session,
                session.get(f"http://127.0.0.1:{port}/healthz") as response,
            ):
                assert (await response.json())["checks"]["telegram"] is True
            assert api.rejected == []
        finally:
            await runtime.stop()


async def test_webhook_secret_must_use_telegrams_alphabet() -> None:
    async def handle(_: object) -> list:
        return []

    with pytest.raises(ValueError, match="KESCO_TELEGRAM_WEBHOOK_SECRET"):
        TelegramChannel(
            "1:x",
            "http://127.0.0.1:9",
            Inbound(handle, MemoryLifecycle()),
            MemoryLifecycle(),
            public_url="https://bot.example",
            webhook_secret="has spaces!",
        )
