"""The real conversation through Viber: signed callbacks in, the fake Viber API out.

start -> language -> /link DPR100001 -> proof 42.50 -> /bill -> /pay, on the demo backend
and the bot's database (tests/conftest.py), with the database-backed ChatLifecycle.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.app import build_app
from bot.channels.inbound import Inbound
from bot.channels.viber import ViberChannel
from bot.runtime import Runtime
from bot.settings import Settings
from handlers.conversation import Conversation
from services.db import Database
from services.db.models import Chat, DeliveryReceipt
from services.lifecycle import DatabaseChatLifecycle
from tests.conftest import database_url
from tests.fakes.viber_api import FakeViberApi, post_callback
from tests.support.alerts import wait_until
from tests.support.viber import TOKEN, fixture, serve
from tests.support.viber_users import USER, Viber, _tokens, text_of

pytestmark = pytest.mark.db


def buttons_of(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return messages[-1].get("keyboard", {}).get("Buttons", [])


@pytest_asyncio.fixture
async def viber(conversation: Conversation, demo_database: Database) -> AsyncIterator[Viber]:
    async with FakeViberApi(TOKEN) as fake:
        lifecycle = DatabaseChatLifecycle(demo_database)
        inbound = Inbound(conversation.handle, lifecycle)
        channel = ViberChannel(TOKEN, fake.url, inbound, lifecycle)
        runner, base = await serve(channel.aiohttp_routes())
        yield Viber(fake, f"{base}/webhooks/viber")
        await channel.stop()
        await runner.cleanup()


async def test_start_link_bill_pay(viber: Viber) -> None:
    welcome = await viber.open_chat()
    assert "KESCO" in welcome["text"]
    actions = [b["ActionBody"] for b in welcome["keyboard"]["Buttons"]]
    assert actions == ["lang:sq", "lang:en", "lang:sr", "lang:sr-Latn"]
    assert viber.fake.sent == []

    replies = await viber.say("lang:en")
    assert "Language set to English." in text_of(replies)
    assert "cmd:bill" in [b["ActionBody"] for b in buttons_of(replies)]

    replies = await viber.say("/link DPR100001")
    assert "DPR100001" in text_of(replies) and "Krasniqi" not in text_of(replies)
    replies = await viber.say("42.50")
    assert "Done! DPR100001 (A*** K***) is linked to this chat." in text_of(replies)

    replies = await viber.say("/bill")
    assert "42.50" in text_of(replies)

    replies = await viber.say("/pay")
    [pay] = [b for b in buttons_of(replies) if b["ActionType"] == "open-url"]
    assert pay["ActionBody"] == "https://pay.example.test/kesco?code=DPR100001&amount=42.50"
    for message in viber.fake.sent:
        assert message["receiver"] == USER and message["sender"]["name"] == "KESCO"


async def test_sticker_gets_the_menu(viber: Viber) -> None:
    await viber.say("lang:en")
    body = {**fixture("message_sticker"), "message_token": next(_tokens)}
    body["sender"] = {"id": USER, "language": "en"}
    already = len(viber.fake.sent)
    assert (await post_callback(viber.url, TOKEN, body))[0] == 200
    replies = viber.fake.sent[already:]
    assert text_of(replies) == "Sorry, I can only read text messages. Type /help for the menu."
    assert "cmd:bill" in [b["ActionBody"] for b in buttons_of(replies)]


async def test_qr_deep_link_starts_linking(viber: Viber) -> None:
    welcome = await viber.open_chat("DPR100001")
    assert "DPR100001" in welcome["text"] and "Krasniqi" not in welcome["text"]
    replies = await viber.say("42,50")
    assert "DPR100001" in text_of(replies) and "A*** K***" in text_of(replies)


async def test_lifecycle_in_the_database(viber: Viber, demo_database: Database) -> None:
    await viber.say("/start")
    receipt = {**fixture("delivered"), "user_id": USER}
    assert (await post_callback(viber.url, TOKEN, receipt))[0] == 200
    viber.fake.not_subscribed.add(USER)
    await viber.say("/help")

    async def receipts_written() -> list[DeliveryReceipt]:
        async with demo_database.transaction() as session:
            return list((await session.execute(select(DeliveryReceipt))).scalars().all())

    async def both_written() -> bool:  # receipts are written in batches
        return len(await receipts_written()) >= 2

    await wait_until(both_written)
    receipts = await receipts_written()
    async with demo_database.transaction() as session:
        chat = (await session.execute(select(Chat).where(Chat.external_id == USER))).scalar_one()
    assert chat.channel == "viber" and chat.active is False
    assert chat.inactive_reason == "receiverNotSubscribed"
    # the token of the reply Viber answered for is recorded, then the receipt for it
    assert [(r.chat_external_id, r.status) for r in receipts] == [
        (USER, "accepted"),
        (USER, "delivered"),
    ]


async def test_run_registers_the_webhook_and_serves_viber(
    tmp_path: Path, database: Database
) -> None:
    """What ``kesco-bot run`` does with KESCO_VIBER_TOKEN and KESCO_PUBLIC_URL set (the
    ``database`` fixture gives a fresh schema, also on PostgreSQL)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with FakeViberApi(TOKEN) as fake:
        settings = Settings(
            _env_file=None,
            database_url=database_url(tmp_path),
            telegram_token=None,
            viber_token=TOKEN,
            viber_api_url=fake.url,
            public_url="https://bot.kesco-energy.example",
            http_port=port,
        )
        fake.probe_base = f"http://127.0.0.1:{port}"
        runtime = Runtime(await build_app(settings))
        try:
            await runtime.start()
            assert fake.webhook == "https://bot.kesco-energy.example/webhooks/viber"
            viber = Viber(fake, f"http://127.0.0.1:{port}/webhooks/viber")
            welcome = await viber.open_chat()
            assert "lang:en" in [b["ActionBody"] for b in welcome["keyboard"]["Buttons"]]
            assert "Language set to English." in text_of(await viber.say("lang:en"))
        finally:
            await runtime.stop()
