"""Content the bot can't read gets one answer, from the catalogs, with the menu, the same in
Telegram and in Viber: the real conversation behind the real adapters and the fake APIs."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.channels.inbound import Inbound
from bot.channels.viber import ViberChannel
from handlers.conversation import Conversation
from services.db import Database
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.chat import FakeChat
from tests.fakes.viber_api import FakeViberApi, post_callback
from tests.support.telegram import running_channel
from tests.support.viber import TOKEN, fixture, serve
from tests.support.waiting import wait_until

pytestmark = pytest.mark.db

CHAT = 5512345678
VIBER_USER = "U3RpY2tlclVzZXIwMDAwMQ=="
NOT_TEXT = {
    "sq": "Më vjen keq, lexoj vetëm mesazhe me tekst. Shkruani /help për menynë.",
    "en": "Sorry, I can only read text messages. Type /help for the menu.",
    "sr": "Извините, могу да читам само текстуалне поруке. Откуцајте /help за мени.",
    "bs": "Izvinite, mogu da čitam samo tekstualne poruke. Otkucajte /help za meni.",
}
EDITED = {
    "sq": "E pashë që e ndryshuat mesazhin. Ju lutem dërgojeni si mesazh të ri.",
    "en": "I saw you edited a message. Please send it again as a new message.",
}
_tokens = itertools.count(5741500000000000000)


def telegram_answer(replies: list[dict[str, Any]]) -> tuple[str, list[str]]:
    [reply] = replies
    rows = reply.get("reply_markup", {}).get("inline_keyboard", [])
    return reply["text"], [button["callback_data"] for row in rows for button in row]


def viber_answer(replies: list[dict[str, Any]]) -> tuple[str, list[str]]:
    [reply] = replies
    buttons = reply.get("keyboard", {}).get("Buttons", [])
    return reply["text"], [b["ActionBody"] for b in buttons if b["ActionType"] == "reply"]


@pytest.fixture
async def telegram(conversation: Conversation, demo_database: Database) -> AsyncIterator[Any]:
    """The Telegram channel over the real conversation (one per test: update ids restart)."""
    async with running_channel(conversation.handle, DatabaseChatLifecycle(demo_database)) as run:
        yield run


async def from_telegram(telegram: Any, **update: Any) -> tuple[str, list[str]]:
    before = len(telegram.api.sent(CHAT))
    telegram.api.enqueue(telegram.api.media_update(CHAT, **update))
    return telegram_answer((await telegram.api.wait_for(before + 1, CHAT))[before:])


async def from_viber(
    conversation: Conversation, database: Database, kind: dict[str, Any], language: str
) -> Any:
    lifecycle = DatabaseChatLifecycle(database)
    async with FakeViberApi(TOKEN) as fake:
        channel = ViberChannel(TOKEN, fake.url, Inbound(conversation.handle, lifecycle), lifecycle)
        runner, base = await serve(channel.aiohttp_routes())
        try:
            body = {**fixture("message_sticker"), "message_token": next(_tokens), "message": kind}
            body["sender"] = {"id": VIBER_USER, "language": language, "api_version": 10}
            status, _ = await post_callback(f"{base}/webhooks/viber", TOKEN, body)
            assert status == 200
            return viber_answer(fake.sent)
        finally:
            await channel.stop()
            await runner.cleanup()


@pytest.fixture
async def menu_payloads(conversation: Conversation) -> AsyncIterator[list[str]]:
    chat = FakeChat(conversation.handle, chat_id="menu", language_hint="en")
    await chat.say("/help")
    yield chat.payloads()


@pytest.mark.parametrize("language", ["sq", "en", "sr", "bs"])
async def test_a_sticker_gets_the_same_answer_in_both_messengers(
    conversation: Conversation,
    demo_database: Database,
    telegram: Any,
    menu_payloads: list[str],
    language: str,
) -> None:
    sticker = {"type": "sticker", "sticker_id": 46105}
    in_telegram = await from_telegram(telegram, kind="sticker", language_code=language)
    in_viber = await from_viber(conversation, demo_database, sticker, language)
    assert in_telegram == in_viber
    text, payloads = in_telegram
    assert text == NOT_TEXT[language]
    assert payloads == menu_payloads and "cmd:bill" in payloads


async def test_photos_and_voice_notes_too(
    conversation: Conversation, demo_database: Database, telegram: Any
) -> None:
    picture = {"type": "picture", "media": "https://example.test/p.jpg", "text": ""}
    for kind in ("photo", "voice"):
        answer = await from_telegram(telegram, kind=kind, language_code="en")
        assert answer[0] == NOT_TEXT["en"]
    assert (await from_viber(conversation, demo_database, picture, "en"))[0] == NOT_TEXT["en"]


async def test_an_edited_message_is_answered_in_the_chats_language(telegram: Any) -> None:
    api = telegram.api
    edited = await from_telegram(telegram, kind="text", edited=True, language_code="sq")
    assert edited[0] == EDITED["sq"] and "cmd:bill" in edited[1]
    api.enqueue(api.callback_update(CHAT, "lang:en", language_code="sq"))
    await api.wait_for(2, CHAT)
    await wait_until(lambda: telegram.inbound.chats_in_hand == 0, what="the language's turn")
    edited = await from_telegram(telegram, kind="text", edited=True, language_code="sq")
    assert edited[0] == EDITED["en"]  # the stored choice beats the messenger's language
