"""Pure conversions, against captured update JSON in tests/fixtures/telegram/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot, Update

from bot.channels.telegram.callback_data import CallbackPayloads
from bot.channels.telegram.convert import (
    outgoing_to_requests,
    split_text,
    update_to_incoming,
    utf16_length,
)
from handlers.messages import Button, IncomingMessage, OutgoingMessage
from tests.fakes.telegram_api import SpecValidator

FIXTURES = Path(__file__).parent / "fixtures" / "telegram"
BOT_NAME = "KescoTestBot"


def load(name: str) -> Update:
    data = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return Update.de_json(data, Bot("123:abc"))


def convert(name: str) -> IncomingMessage | None:
    return update_to_incoming(load(name), BOT_NAME, CallbackPayloads())


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_fixtures_are_valid_bot_api_updates(path: Path) -> None:
    SpecValidator().object(json.loads(path.read_text("utf-8")), "Update", "")


def test_private_text() -> None:
    incoming = convert("private_text")
    assert incoming == IncomingMessage(
        channel="telegram",
        chat_id="5512345678",
        user_id="5512345678",
        text="Sa është fatura ime këtë muaj?",
        language_hint="sq",
        message_id="1021",
    )


@pytest.mark.parametrize(
    ("fixture", "text", "language"),
    [
        ("command_start", "/start", "en"),
        ("deep_link_start", "/start DPR100001", "sr"),
        ("start_bad_payload", "/start", "en-US"),
        ("command_with_botname", "/bill", "sq"),
        ("link_with_code", "/link dpr 123-456", "sq"),
        ("group_command_addressed", "/bill", "sq"),
    ],
)
def test_commands(fixture: str, text: str, language: str) -> None:
    incoming = convert(fixture)
    assert incoming is not None
    assert (incoming.text, incoming.language_hint, incoming.payload) == (text, language, None)


@pytest.mark.parametrize(
    "fixture",
    [
        "group_command_plain",
        "group_command_other_bot",
        "group_text",
        "channel_post",
        "my_chat_member_kicked",
    ],
)
def test_updates_the_conversation_does_not_see(fixture: str) -> None:
    assert convert(fixture) is None


def test_deep_link_payload_must_match_telegram_alphabet() -> None:
    data = json.loads((FIXTURES / "deep_link_start.json").read_text("utf-8"))
    for payload, expected in [
        ("DPR100001", "/start DPR100001"),
        ("dpr-100_001", "/start dpr-100_001"),
        ("x" * 64, "/start " + "x" * 64),
        ("x" * 65, "/start"),
        ("DPR100001;DROP", "/start"),
        ("DPR10000\u0661", "/start"),
    ]:
        data["message"]["text"] = f"/start {payload}"
        update = Update.de_json(data, Bot("123:abc"))
        assert update_to_incoming(update, BOT_NAME).text == expected  # type: ignore[union-attr]


def test_callback_query_becomes_payload() -> None:
    incoming = convert("callback_query")
    assert incoming is not None
    assert (incoming.chat_id, incoming.user_id) == ("5512345679", "5512345679")
    assert (incoming.payload, incoming.text, incoming.language_hint) == ("lang:en", None, "en")
    assert incoming.message_id == "1030"


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [("sticker", "sticker"), ("photo", "photo"), ("voice", "voice"), ("edited_message", "edited")],
)
def test_what_the_bot_cannot_read_is_named_for_the_conversation(fixture: str, kind: str) -> None:
    incoming = convert(fixture)
    assert incoming is not None
    assert incoming.unsupported == kind
    assert (incoming.text, incoming.payload, incoming.channel) == (None, None, "telegram")
    update = load(fixture)
    message = update.effective_message
    assert message is not None and update.effective_user is not None
    assert incoming.chat_id == str(message.chat.id)
    assert incoming.message_id == str(message.message_id)
    assert incoming.language_hint == update.effective_user.language_code


def test_text_is_not_unsupported() -> None:
    incoming = convert("private_text")
    assert incoming is not None and incoming.unsupported is None and incoming.text


def markup_of(request: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return request["reply_markup"].to_dict()["inline_keyboard"]


def test_outgoing_with_reply_and_url_buttons() -> None:
    message = OutgoingMessage(
        "Fatura juaj: 42.50 EUR",
        buttons=(
            (Button("Paguaj", url="https://pay.example/kesco?code=DPR100001&amount=42.50"),),
            (Button("Menyja", payload="menu"), Button("Ndërprerjet", payload="outages")),
        ),
        silent=True,
    )
    [request] = outgoing_to_requests(message, CallbackPayloads())
    assert request["text"] == "Fatura juaj: 42.50 EUR"
    assert request["disable_notification"] is True
    assert "parse_mode" not in request
    assert markup_of(request) == [
        [{"text": "Paguaj", "url": "https://pay.example/kesco?code=DPR100001&amount=42.50"}],
        [
            {"text": "Menyja", "callback_data": "menu"},
            {"text": "Ndërprerjet", "callback_data": "outages"},
        ],
    ]


def test_long_payloads_fit_in_64_bytes_and_come_back() -> None:
    payloads = CallbackPayloads()
    long_payload = "unlink:" + "DPR100001," * 12
    message = OutgoingMessage("x", buttons=((Button("Hiq", payload=long_payload),),))
    [request] = outgoing_to_requests(message, payloads)
    data = markup_of(request)[0][0]["callback_data"]
    assert len(data.encode()) <= 64
    assert payloads.decode(data) == long_payload
    assert CallbackPayloads().decode(data) is None  # forgotten after a restart
    assert payloads.encode("ë" * 32) == "ë" * 32  # 64 bytes exactly
    assert payloads.decode(payloads.encode("ë" * 33)) == "ë" * 33
    assert payloads.decode(payloads.encode("~tilde")) == "~tilde"


def test_long_text_is_split_with_buttons_on_last_part() -> None:
    paragraph = "Ndërprerje e planifikuar në zonën Dardania. " * 40
    text = "\n\n".join([paragraph] * 5)
    message = OutgoingMessage(text, buttons=((Button("OK", payload="ok"),),))
    requests = outgoing_to_requests(message, CallbackPayloads())
    assert len(requests) > 1
    assert all(utf16_length(r["text"]) <= 4096 for r in requests)
    assert "reply_markup" not in requests[0] and "reply_markup" in requests[-1]
    assert "".join(r["text"] for r in requests).replace("\n", "").replace(" ", "") == text.replace(
        "\n", ""
    ).replace(" ", "")


def test_split_counts_utf16_and_never_cuts_a_character() -> None:
    text = "⚡" * 3000 + "😀" * 1000  # the emoji are two UTF-16 units each
    parts = split_text(text)
    assert "".join(parts) == text
    assert all(utf16_length(p) <= 4096 for p in parts)
    assert split_text("short") == ["short"]
    assert split_text("   ") == []
    assert split_text("a" * 4096) == ["a" * 4096]
    assert len(split_text("a" * 4097)) == 2


def test_a_shared_contact_is_a_neutral_phone_number() -> None:
    incoming = convert("contact_shared")
    assert incoming == IncomingMessage(
        channel="telegram",
        chat_id="5512345678",
        user_id="5512345678",
        language_hint="sq",
        message_id="1041",
        contact_phone="38344123456",
    )


def _sent_as(request: dict[str, Any]) -> dict[str, Any]:
    """The request as JSON, checked against the Bot API's sendMessage."""
    body = {**request, "chat_id": 1}
    body["reply_markup"] = request["reply_markup"].to_dict()
    SpecValidator().params("sendMessage", body, {})
    return body


def test_a_share_my_number_button_is_a_one_time_contact_request_keyboard() -> None:
    message = OutgoingMessage(
        "Or share this phone's number with the button below.",
        buttons=((Button.sharing_phone("📱 Share my number"),),),
    )
    [request] = outgoing_to_requests(message, CallbackPayloads())
    markup = _sent_as(request)["reply_markup"]
    assert markup["keyboard"] == [[{"text": "📱 Share my number", "request_contact": True}]]
    assert markup["one_time_keyboard"] is True and markup["resize_keyboard"] is True


def test_inline_buttons_win_over_a_share_button_in_one_message() -> None:
    message = OutgoingMessage(
        "x",
        buttons=((Button.sharing_phone("📱"),), (Button("Cancel", payload="cmd:cancel"),)),
    )
    [request] = outgoing_to_requests(message, CallbackPayloads())
    assert markup_of(request) == [[{"text": "Cancel", "callback_data": "cmd:cancel"}]]


def test_the_number_taken_removes_the_share_keyboard() -> None:
    [request] = outgoing_to_requests(
        OutgoingMessage("We will call you on +383 44 123 456.", closes_share_phone=True),
        CallbackPayloads(),
    )
    assert _sent_as(request)["reply_markup"] == {"remove_keyboard": True}
    [plain] = outgoing_to_requests(OutgoingMessage("Hello"), CallbackPayloads())
    assert "reply_markup" not in plain


def test_a_button_has_exactly_one_kind() -> None:
    with pytest.raises(ValueError):
        Button("x", payload="a", share_phone=True)
    with pytest.raises(ValueError):
        Button("x")
