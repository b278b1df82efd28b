"""End to end through the real conversation: PTB -> fake Bot API -> TelegramChannel ->
Conversation on a migrated temporary database with the demo customers."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from services.db import Database
from services.db.models import Chat
from services.lifecycle import DatabaseChatLifecycle
from tests.conftest import PAYMENT_TEMPLATE
from tests.support.telegram import running_channel
from tests.support.telegram_users import CHAT, TelegramUser, buttons, text  # noqa: F401

pytestmark = pytest.mark.db


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_start_language_link_bill_pay(
    conversation: Conversation, demo_database: Database, webhook: bool
) -> None:
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle, webhook=webhook) as run:
        user = TelegramUser(run.api, webhook)
        replies = await user.say("/start")
        data = [b.get("callback_data") for b in buttons(replies)]
        assert {"lang:sq", "lang:en", "lang:sr"} <= set(data)

        replies = await user.press("lang:en")
        assert "Here is what I can do:" in text(replies)
        assert "cmd:bill" in [b.get("callback_data") for b in buttons(replies)]

        await user.say("/link DPR100001")
        replies = await user.say("42.50")
        assert "DPR100001" in text(replies) and "is linked to this chat" in text(replies)
        assert "Krasniqi" not in text(run.api.sent(CHAT))

        replies = await user.say("/bill")
        assert "42.50" in text(replies)

        replies = await user.say("/pay")
        urls = [b["url"] for b in buttons(replies) if "url" in b]
        assert urls == [PAYMENT_TEMPLATE.format(code="DPR100001", amount="42.50")]
        assert all(len(b.get("callback_data", "x").encode()) <= 64 for b in buttons(replies))
        assert run.api.rejected == []


async def test_deep_link_starts_linking(
    conversation: Conversation, demo_database: Database
) -> None:
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle) as run:
        user = TelegramUser(run.api, webhook=False)
        replies = await user.say("/start DPR100001")
        assert "DPR100001" in text(replies)
        replies = await user.say("42.50")
        assert "is linked to this chat" in text(replies)


async def test_blocked_user_marks_chat_inactive_in_the_database(
    conversation: Conversation, demo_database: Database
) -> None:
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle) as run:
        user = TelegramUser(run.api, webhook=False)
        await user.say("/start")
        run.api.block(CHAT)
        run.api.enqueue(run.api.message_update(CHAT, "/help"))
        for _ in range(100):
            async with demo_database.transaction() as session:
                chat = await session.scalar(select(Chat).where(Chat.external_id == str(CHAT)))
                if chat is not None and not chat.active:
                    break
            await asyncio.sleep(0.05)
        assert chat is not None and chat.active is False
        assert chat.inactive_reason == "Forbidden: bot was blocked by the user"
