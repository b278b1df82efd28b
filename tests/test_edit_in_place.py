"""Buttons that edit the message they belong to (issue 22): switching a setting or going
through a picker replaces the pressed message in Telegram instead of sending a new one each
time; where the edit is refused, a new message is sent; Viber (no edits) gets new messages."""

from __future__ import annotations

import pytest

from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from services.db import Database
from services.lifecycle import DatabaseChatLifecycle
from tests.support.telegram import running_channel
from tests.support.telegram_users import CHAT, TelegramUser, buttons

pytestmark = pytest.mark.db


async def test_quiet_hours_and_alerts_switch_in_the_same_message(
    conversation: Conversation, demo_database: Database
) -> None:
    async with running_channel(conversation.handle, DatabaseChatLifecycle(demo_database)) as run:
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        await user.press("lang:en")
        [settings] = await user.say("/alerts")
        shown = run.api.sent(CHAT)
        for expected in ("23:00–07:00", "21:00–08:00"):
            [answer] = await user.press("alerts:quiet")
            assert answer["message_id"] == run.api.sent_ids(CHAT)[-1]  # the settings message
            assert "🌙 Quiet hours" in answer["text"] and expected in answer["text"]
            assert any(expected in b["text"] for b in buttons([answer]))
        [answer] = await user.press("alerts:bills")
        assert "🧾 New bills: off" in answer["text"]
        assert len(run.api.sent(CHAT)) == len(shown)  # no new message for any press
        assert settings["text"] != answer["text"]
        assert run.api.rejected == []


async def test_the_follow_picker_pages_in_place(
    conversation: Conversation, demo_database: Database
) -> None:
    async with running_channel(conversation.handle, DatabaseChatLifecycle(demo_database)) as run:
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        await user.press("lang:en")
        await user.say("/outages")
        [districts] = await user.press("follow:")  # a new message: /outages stays readable
        assert "message_id" not in districts
        picker = run.api.sent_ids(CHAT)[-1]
        [municipalities] = await user.press("follow:DPR")
        assert municipalities["message_id"] == picker
        [areas] = await user.press("follow:prishtine")
        assert areas["message_id"] == picker
        assert "Dardania" in [b["text"] for b in buttons([areas])]
        [followed] = await user.press("area:dardania")
        assert followed["message_id"] == picker
        assert "You now follow Dardania" in followed["text"]
        assert "✓ Dardania" in [b["text"] for b in buttons([followed])]
        assert run.api.rejected == []


async def test_a_message_that_cannot_be_edited_is_sent_anew(
    conversation: Conversation, demo_database: Database
) -> None:
    async with running_channel(conversation.handle, DatabaseChatLifecycle(demo_database)) as run:
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        await user.press("lang:en")
        before = len(run.api.sent(CHAT))
        # a press on a message the Bot API no longer has (too old, deleted): the edit is refused
        update = run.api.callback_update(CHAT, "alerts:quiet", message_id=999_999)
        replies = await user._send(update)
        assert [r for r in replies if "message_id" not in r]  # sent as a new message
        assert len(run.api.sent(CHAT)) == before + 1
        assert "🌙 Quiet hours: 23:00–07:00" in run.api.sent(CHAT)[-1]["text"]


async def test_viber_and_typed_commands_get_new_messages(conversation: Conversation) -> None:
    pressed = IncomingMessage(channel="viber", chat_id="v-1", payload="alerts:quiet")
    [reply] = await conversation.handle(pressed)
    assert reply.edits_pressed  # Viber's adapter sends it: it cannot edit
    typed = IncomingMessage(channel="telegram", chat_id="t-1", text="/alerts")
    [reply] = await conversation.handle(typed)
    assert not reply.edits_pressed
