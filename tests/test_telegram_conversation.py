"""End to end through the real conversation: PTB -> fake Bot API -> TelegramChannel ->
Conversation on a migrated temporary database with the demo customers."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from bot.channels.registry import DIRECTORY
from handlers.conversation import Conversation
from handlers.turn import Deps
from services.db import Database
from services.db.models import Chat
from services.db.support_models import CallbackRequest
from services.lifecycle import DatabaseChatLifecycle
from tests.conftest import PAYMENT_TEMPLATE
from tests.support.telegram import running_channel
from tests.support.telegram_users import CHAT, TelegramUser, buttons, text  # noqa: F401
from tests.support.waiting import wait_until

pytestmark = pytest.mark.db


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_start_language_link_bill_pay(
    conversation: Conversation, demo_database: Database, webhook: bool
) -> None:
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle, webhook=webhook) as run:
        user = TelegramUser(run.api, webhook, inbound=run.inbound)
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
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        replies = await user.say("/start DPR100001")
        assert "DPR100001" in text(replies)
        replies = await user.say("42.50")
        assert "is linked to this chat" in text(replies)


async def test_blocked_user_marks_chat_inactive_in_the_database(
    conversation: Conversation, demo_database: Database
) -> None:
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle) as run:
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        await user.say("/start")
        run.api.block(CHAT)
        run.api.enqueue(run.api.message_update(CHAT, "/help"))

        async def inactive_chat() -> Chat | None:
            async with demo_database.transaction() as session:
                chat = await session.scalar(select(Chat).where(Chat.external_id == str(CHAT)))
            return chat if chat is not None and not chat.active else None

        chat = await wait_until(inactive_chat, what="the blocked chat marked inactive")
        assert chat.inactive_reason == "Forbidden: bot was blocked by the user"


async def test_a_call_back_takes_the_number_from_telegrams_contact_button(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, dataclasses.replace(deps, channels=DIRECTORY))
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle, webhook=True) as run:
        user = TelegramUser(run.api, webhook=True, inbound=run.inbound)
        await user.say("/link DPR100001")
        await user.say("42.50")
        await user.say("/human")
        await user.press("callback:start")
        replies = await user.say("My meter shows the wrong reading")
        keyboards = [r["reply_markup"] for r in replies if "keyboard" in r.get("reply_markup", {})]
        assert keyboards == [
            {
                "keyboard": [[{"text": "📱 Share my number", "request_contact": True}]],
                "resize_keyboard": True,
                "one_time_keyboard": True,
            }
        ]
        replies = await user.share_contact("38344123456")
        assert "We will call you on +383 44 123 456." in text(replies)
        assert replies[0]["reply_markup"] == {"remove_keyboard": True}
        assert "Your request number is" in text(replies)
        assert run.api.rejected == []
    async with demo_database.read() as session:
        [request] = (await session.scalars(select(CallbackRequest))).all()
    assert (request.phone, request.customer_code, request.ready) == (
        "+38344123456",
        "DPR100001",
        True,
    )
