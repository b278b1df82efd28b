"""Every command of the foundation, in every language, through the fake channel."""

from __future__ import annotations

import pytest

from locales.i18n import translate
from locales.languages import CODES as LANGUAGES
from tests.fakes.chat import FakeChat

pytestmark = pytest.mark.db


async def choose(chat: FakeChat, language: str) -> None:
    await chat.say("/start")
    await chat.press(f"lang:{language}")


async def link_demo(chat: FakeChat, code: str = "DPR100001", amount: str = "42.50") -> None:
    await chat.say(f"/link {code}")
    await chat.say(amount)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_start_offers_languages_then_answers_in_the_choice(
    chat: FakeChat, language: str
) -> None:
    await chat.say("/start")
    assert set(chat.payloads()) >= {"lang:sq", "lang:en", "lang:sr", "lang:sr-Latn"}
    await chat.press(f"lang:{language}")
    assert translate("Here is what I can do:", language) in chat.text
    for command in ("/outages", "/alerts", "/help", "/human", "/bill", "/link"):
        assert f"\n{command} – " in chat.text  # the help lists every command of the menu
    assert "cmd:bill" in chat.payloads()
    await chat.say("/start")
    assert translate("What would you like to do?", language) in chat.text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_link_bill_pay_accounts_unlink(chat: FakeChat, language: str) -> None:
    await choose(chat, language)
    await chat.say("/link dpr 100-001")
    assert "DPR100001" in chat.text
    assert "Krasniqi" not in chat.text
    await chat.say("42,50")
    assert (
        translate("Done! {code} ({name}) is linked to this chat.", language).format(
            code="DPR100001", name="A*** K***"
        )
        in chat.text
    )

    await chat.say("/bill")
    assert (
        translate("Status: {status}", language).format(status=translate("unpaid", language))
        in chat.text
    )
    assert "42" in chat.text and "50" in chat.text
    assert "cmd:pay" in chat.payloads()

    await chat.say("/pay")
    urls = [button.url for button in chat.buttons() if button.url]
    assert urls == ["https://pay.example.test/kesco?code=DPR100001&amount=42.50"]

    await chat.say("/accounts")
    assert "DPR100001 – A*** K***" in chat.text
    await chat.say("/unlink")
    await chat.press("unlink:DPR100001")
    assert (
        translate(
            "{code} is no longer linked to this chat. You will get no more alerts for it.", language
        ).format(code="DPR100001")
        in chat.text
    )
    await chat.say("/accounts")
    assert translate("No customer code is linked to this chat yet.", language) in chat.text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_help_language_unknown_and_free_text(chat: FakeChat, language: str) -> None:
    await choose(chat, language)
    await chat.say("/help")
    assert "0800 791 00" in chat.text
    await chat.press("cmd:language")
    assert translate("Choose your language:", language) in chat.text
    await chat.say("/frobnicate")
    assert translate("I do not know that command. Choose from the menu:", language) in chat.text
    await chat.say("x" * 5000)
    assert (
        translate("That message is too long for me. Please write a shorter one.", language)
        in chat.text
    )


@pytest.mark.parametrize("language", LANGUAGES)
async def test_bad_codes_are_explained(chat: FakeChat, language: str) -> None:
    await choose(chat, language)
    await chat.say("/link XYZ123456")
    assert (
        translate(
            "“{prefix}” is not a KESCO district. Codes start with one of: {districts}.", language
        ).format(prefix="XYZ", districts="DPR, DMI, DPE, DPZ, DFE, DGL, DGJ")
        in chat.text
    )
    await chat.say("123456")
    assert (
        translate(
            "A customer code starts with the district's letters, for example DPR 123456.", language
        )
        in chat.text
    )
    await chat.say("DPR12")
    assert translate("That number is too short for a customer code.", language) in chat.text
    await chat.say("DPR999999")  # well-formed, does not exist: asked for the proof all the same
    assert (
        translate(
            "To protect your data, please prove that you hold the bill of {code}: send the "
            "amount of its latest bill as printed on it, for example 42.50.",
            language,
        ).format(code="DPR999999")
        in chat.text
    )
    await chat.press("cmd:cancel")
    assert translate("Cancelled. What would you like to do?", language) in chat.text


async def test_first_language_comes_from_the_messenger(conversation) -> None:  # noqa: ANN001
    chat = FakeChat(conversation.handle, language_hint="sr-Latn")
    await chat.say("/help")
    assert translate("Here is what I can do:", "sr-Latn") in chat.text
    assert not any("\u0400" <= char <= "\u04ff" for char in chat.text)
    other = FakeChat(conversation.handle, chat_id="200", language_hint="de")
    await other.say("/help")
    assert translate("Here is what I can do:", "sq") in other.text


async def test_wrong_proofs_lock_linking(chat: FakeChat) -> None:
    await choose(chat, "en")
    await chat.say("/link DPR100001")
    for left in (4, 3, 2, 1):
        await chat.say("10.00")
        assert f"You have {left} attempt" in chat.text
    await chat.say("10.00")
    assert "linking is paused until" in chat.text
    await chat.say("/link DPR100001")
    assert "linking is paused until" in chat.text
    await chat.say("/link")
    assert "linking is paused until" in chat.text
    await chat.say("/accounts")
    assert "No customer code is linked" in chat.text


async def test_lock_is_per_chat(conversation) -> None:  # noqa: ANN001
    locked = FakeChat(conversation.handle, chat_id="1", language_hint="en")
    for _attempt in range(5):
        await locked.say("/link DPR100001")
        await locked.say("1.00")
    assert "linking is paused until" in locked.text
    other = FakeChat(conversation.handle, chat_id="2", language_hint="en")
    await link_demo(other)
    assert "is linked to this chat" in other.text


async def test_proof_must_be_an_amount_and_codes_are_private(chat: FakeChat) -> None:
    await choose(chat, "en")
    await chat.say("/link DGJ200002")
    await chat.say("my bill")
    assert "Please send only the amount" in chat.text
    await chat.say("18.2 €")
    assert "D*** G***" in chat.text and "Gashi" not in chat.text
    await chat.say("/bill")
    assert "paid" in chat.text
    await chat.say("/pay")
    assert "All bills of your linked codes are paid" in chat.text
    stranger = FakeChat(chat._handle, chat_id="999", language_hint="en")
    await stranger.say("/bill")
    assert "DGJ200002" not in stranger.text and "18" not in stranger.text


async def test_overdue_and_already_linked_and_limit(chat: FakeChat) -> None:
    await choose(chat, "en")
    await link_demo(chat, "DFE400004", "35.10")
    await chat.say("/bill")
    assert "overdue" in chat.text
    await chat.say("/link DFE400004")
    assert "is already linked" in chat.text


async def test_deep_link_start_begins_linking(conversation) -> None:  # noqa: ANN001
    chat = FakeChat(conversation.handle, language_hint="en")
    await chat.say("/start DPR100001")
    assert "prove that you hold the bill of DPR100001" in chat.text
    await chat.say("42.50")
    assert "is linked to this chat" in chat.text
