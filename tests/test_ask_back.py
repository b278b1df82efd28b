"""No dead end: when unsure the bot asks back with buttons that answer when tapped; small talk
gets a short answer in the chat's language with the menu."""

from __future__ import annotations

import pytest

from handlers import ask_back, small_talk
from handlers.messages import IncomingMessage
from locales.i18n import translate
from tests.fakes.chat import FakeChat
from tests.support.faq import ENGINE, unsure_message

pytestmark = pytest.mark.db


async def tap(chat: FakeChat, payload: str) -> None:
    """A button with ``payload`` pressed, as the buttons of an ask-back send it."""
    await chat._send(  # noqa: SLF001 (the fake chat sends what a messenger would)
        IncomingMessage(
            chat.channel,
            chat.chat_id,
            chat.chat_id,
            payload=payload,
            language_hint=chat.language_hint,
        )
    )


async def choose(chat: FakeChat, language: str) -> None:
    await chat.say("/start")
    await chat.press(f"lang:{language}")


async def test_unsure_asks_back_with_choices_and_a_person_and_every_choice_answers(
    chat: FakeChat,
) -> None:
    await choose(chat, "en")
    text = unsure_message()
    choices = ENGINE.understand(text).choices
    await chat.say(text)
    assert chat.replies[0].text == translate(
        "I am not sure I understood. Did you mean one of these?", "en"
    )
    payloads = [button.payload for button in chat.replies[0].all_buttons()]
    assert payloads[-1] == "cmd:human"
    assert 2 <= len(payloads) <= 4
    assert payloads[:-1] == [
        ask_back.payload_of(choice)
        for choice in choices
        if ask_back.payload_of(choice) != "cmd:human"
    ]
    for payload in payloads:
        await chat.say(text)
        await chat.press(str(payload))
        assert chat.replies and not chat.text.startswith("I am not sure")
        assert "I do not know that command" not in chat.text


@pytest.mark.parametrize("choice", sorted(ask_back.TITLES))
async def test_every_topic_and_intent_button_answers(chat: FakeChat, choice: str) -> None:
    await choose(chat, "sq")
    payload = ask_back.payload_of(choice)
    assert payload is not None
    await tap(chat, payload)
    assert chat.replies
    assert translate("I do not know that command. Choose from the menu:", "sq") not in chat.text
    if choice in ENGINE.topic_ids:
        assert chat.replies[0].text == ENGINE.answer(choice, "sq").text


@pytest.mark.parametrize(
    ("language", "text", "intent"),
    [
        ("sq", "përshëndetje", "intent:greeting"),
        ("en", "hello", "intent:greeting"),
        ("sr", "здраво", "intent:greeting"),
        ("sr-Latn", "zdravo", "intent:greeting"),
        ("sq", "faleminderit shumë", "intent:thanks"),
        ("en", "thanks a lot", "intent:thanks"),
        ("sr", "хвала вам", "intent:thanks"),
        ("sr-Latn", "hvala puno", "intent:thanks"),
        ("sq", "mirupafshim", "intent:goodbye"),
        ("en", "goodbye", "intent:goodbye"),
        ("sr", "довиђења", "intent:goodbye"),
        ("sr-Latn", "doviđenja", "intent:goodbye"),
        ("sq", "a je robot", "intent:about"),
        ("en", "are you a bot", "intent:about"),
        ("sr", "шта можеш да урадиш", "intent:about"),
        ("sr-Latn", "jesi li bot", "intent:about"),
    ],
)
async def test_small_talk_is_answered_briefly_in_the_chat_language_with_the_menu(
    chat: FakeChat, language: str, text: str, intent: str
) -> None:
    await choose(chat, language)
    await chat.say(text)
    assert chat.replies[0].text == translate(small_talk.ANSWERS[intent], language)
    assert "cmd:bill" in chat.payloads() and "cmd:human" in chat.payloads()
    if language != "en":
        assert chat.replies[0].text != small_talk.ANSWERS[intent]  # translated


async def test_a_greeting_with_a_question_is_the_question(chat: FakeChat) -> None:
    await choose(chat, "sq")
    await chat.say("Përshëndetje, ku e gjej shifrën e konsumatorit në faturë?")
    assert chat.replies[0].text == ENGINE.answer("customer-code", "sq").text
