"""Free text through the whole conversation: FAQ answers, intents, honest uncertainty, and the
offer to switch language."""

from __future__ import annotations

import pytest

from locales.i18n import translate
from services.faq import FaqEngine
from tests.fakes.chat import FakeChat

pytestmark = pytest.mark.db
ENGINE = FaqEngine.load()


async def choose(chat: FakeChat, language: str) -> None:
    await chat.say("/start")
    await chat.press(f"lang:{language}")


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("sq", "ku e gjej shifren e konsumatorit"),
        ("en", "where do I find my customer code"),
        ("sr", "где да нађем шифру купца"),
        ("sr-Latn", "gde da nadjem sifru kupca"),
    ],
)
async def test_a_faq_question_gets_the_answer_in_the_chat_language(
    chat: FakeChat, language: str, question: str
) -> None:
    await choose(chat, language)
    await chat.say(question)
    assert chat.replies[0].text == ENGINE.answer("customer-code", language).text
    assert not any(
        reply.text.startswith(translate("Would you like me to answer in English?", language))
        for reply in chat.replies
    )


async def test_an_intent_runs_the_feature(chat: FakeChat) -> None:
    await choose(chat, "en")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat.say("how much is my bill")
    assert "Bill of DPR100001" in chat.text
    await chat.say("I want to pay my electricity bill")
    assert any(button.url for button in chat.buttons())


async def test_an_intent_to_link_starts_linking(chat: FakeChat) -> None:
    await choose(chat, "en")
    await chat.say("i want to connect my customer account to this chat")
    assert "Send your customer code" in chat.text


async def test_out_of_scope_says_what_the_bot_can_do_and_how_to_reach_the_call_centre(
    chat: FakeChat,
) -> None:
    await choose(chat, "en")
    await chat.say("who won the football match yesterday")
    assert chat.text.startswith("I can't help with that here. I can show and pay your bill")
    assert "0800 791 00" in chat.text and "cmd:bill" in chat.payloads()
    assert "cmd:human" in chat.payloads()


async def test_a_message_in_another_language_gets_an_offer_to_switch(chat: FakeChat) -> None:
    await choose(chat, "en")
    await chat.say("kad ce doci struja u moj kraj")
    assert translate("Would you like me to answer in English?", "sr-Latn") in chat.text
    await chat.press("lang:sr-Latn")
    assert translate("Here is what I can do:", "sr-Latn") in chat.text


async def test_faq_buttons_become_message_buttons(chat: FakeChat) -> None:
    await choose(chat, "sq")
    await chat.say("si mund te paguaj nga cdo banke pa provizion")
    answer = ENGINE.answer("payment-banks", "sq")
    assert chat.replies[0].text == answer.text
    await chat.say("/contact")
    assert "0800 791 00" in chat.text


async def test_an_intent_the_conversation_does_not_route_gets_an_honest_answer(
    demo_database,
    deps,
    tmp_path,  # noqa: ANN001
) -> None:
    import dataclasses

    from handlers.conversation import Conversation

    (tmp_path / "intents").mkdir()
    (tmp_path / "intents" / "future.toml").write_text(
        'id = "intent:future"\n[phrases]\nen = ["book a technician visit"]\n'
    )
    engine = FaqEngine.load(tmp_path)
    chat = FakeChat(
        Conversation(demo_database, dataclasses.replace(deps, faq=engine)).handle,
        language_hint="en",
    )
    await chat.say("book a technician visit")
    assert (
        translate(
            "I am not sure I understood. You can choose from the menu, or ask our call centre:",
            "en",
        )
        in chat.text
    )
