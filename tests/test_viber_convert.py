"""Pure conversion, against captured Viber callbacks (tests/fixtures/viber)."""

from __future__ import annotations

import pytest
from viberbot.api.viber_requests import ViberConversationStartedRequest, ViberMessageRequest

from bot.channels.viber.incoming import (
    conversation_started_to_incoming,
    looks_like_payload,
    message_to_incoming,
    parse_callback,
)
from bot.channels.viber.outgoing import (
    MAX_REQUEST_BYTES,
    build_keyboard,
    column_widths,
    encode_body,
    render_requests,
    render_welcome,
    sender_profile,
    split_text,
)
from handlers.messages import Button, OutgoingMessage
from tests.fakes.viber_api import BadData, validate_message
from tests.support.viber import USER, fixture

SENDER = sender_profile("KESCO", "https://www.kesco-energy.com/logo.png")


def incoming_from(name: str):
    body = fixture(name)
    request = parse_callback(body)
    if isinstance(request, ViberMessageRequest):
        return message_to_incoming(request)
    assert isinstance(request, ViberConversationStartedRequest)
    return conversation_started_to_incoming(request)


def test_text_message() -> None:
    message = incoming_from("message_text")
    assert (message.channel, message.chat_id, message.user_id) == ("viber", USER, USER)
    assert message.text == "Sa e kam faturën?" and message.payload is None
    assert message.language_hint == "sq"
    assert message.message_id == "5741311803571721087"
    assert message.unsupported is None


def test_button_press_is_a_payload() -> None:
    message = incoming_from("message_button")
    assert message.payload == "lang:en" and message.text is None


@pytest.mark.parametrize("text", ["lang:sq", "cmd:bill", "link:DPR100001", "acct:DGJ200002"])
def test_payload_shapes(text: str) -> None:
    assert looks_like_payload(text)


@pytest.mark.parametrize(
    "text", ["https://kesco-energy.com", "Ora: 10:00 sot", "/link DPR100001", "42.50", "x:"]
)
def test_texts_that_are_not_payloads(text: str) -> None:
    assert not looks_like_payload(text)


def test_minimal_message_without_optional_fields() -> None:
    message = incoming_from("message_minimal")
    assert message.text == "/bill" and message.language_hint is None


def test_language_hint_passed_as_sent() -> None:
    message = incoming_from("message_serbian")
    assert message.language_hint == "sr-Latn" and message.text == "Када ће доћи струја?"


def test_non_text_message_has_neither_text_nor_payload() -> None:
    sticker = incoming_from("message_sticker")
    assert sticker.chat_id == USER and sticker.text is None and sticker.payload is None
    assert sticker.language_hint == "sq" and sticker.unsupported == "sticker"


@pytest.mark.parametrize("name", ["message_no_sender", "client_status"])
def test_unparseable_callbacks_are_none(name: str) -> None:
    assert parse_callback(fixture(name)) is None


def test_conversation_started_plain_and_with_context() -> None:
    plain = incoming_from("conversation_started")
    assert plain.text == "/start" and plain.language_hint == "sq" and plain.chat_id == USER
    linked = incoming_from("conversation_started_context")
    assert linked.text == "/start DPR100001" and linked.language_hint == "en"
    assert incoming_from("conversation_started_bad_context").text == "/start"


def test_column_widths_fill_the_grid() -> None:
    assert [column_widths(n) for n in (1, 2, 3, 4, 5, 6)] == [
        [6],
        [3, 3],
        [2, 2, 2],
        [2, 2, 1, 1],
        [2, 1, 1, 1, 1],
        [1] * 6,
    ]


def test_keyboard_buttons() -> None:
    rows = (
        (Button("Shqip", payload="lang:sq"), Button("English", payload="lang:en")),
        (Button("Paguaj <online> & shpejt", url="https://www.kesco-energy.com/pagesa?c=1"),),
    )
    keyboard = build_keyboard(rows)
    assert keyboard["Type"] == "keyboard"
    assert keyboard["DefaultHeight"] is False and keyboard["InputFieldState"] == "regular"
    first, second, pay = keyboard["Buttons"]
    assert first == {
        "Columns": 3,
        "Rows": 1,
        "ActionType": "reply",
        "ActionBody": "lang:sq",
        "Silent": True,
        "Text": "Shqip",
        "TextSize": "regular",
    }
    assert second["Columns"] == 3 and second["ActionBody"] == "lang:en"
    assert pay["ActionType"] == "open-url" and pay["Columns"] == 6
    assert pay["ActionBody"].startswith("https://") and pay["Text"] == (
        "Paguaj &lt;online&gt; &amp; shpejt"
    )


def test_keyboard_limits() -> None:
    long_row = tuple(Button(f"b{i}", payload=f"cmd:b{i}") for i in range(8))
    keyboard = build_keyboard([long_row])
    assert [b["Columns"] for b in keyboard["Buttons"]] == [1] * 6 + [3, 3]
    many = [(Button(str(i), payload=f"cmd:{i}"),) for i in range(30)]
    assert len(build_keyboard(many)["Buttons"]) == 24
    wordy = build_keyboard([(Button("ë" * 400, payload="cmd:x"),)])
    assert len(wordy["Buttons"][0]["Text"]) == 250


def test_render_attaches_keyboard_to_last_request() -> None:
    replies = [
        OutgoingMessage("Zgjidhni gjuhën", ((Button("Shqip", payload="lang:sq"),),)),
        OutgoingMessage("Ose shkruani pyetjen tuaj."),
    ]
    bodies = render_requests(replies, sender=SENDER, receiver=USER)
    assert [b["text"] for b in bodies] == ["Zgjidhni gjuhën", "Ose shkruani pyetjen tuaj."]
    assert "keyboard" not in bodies[0]
    assert bodies[1]["keyboard"]["Buttons"][0]["ActionBody"] == "lang:sq"
    assert bodies[1]["min_api_version"] == 4
    for body in bodies:
        assert body["type"] == "text" and body["receiver"] == USER and body["sender"] == SENDER
        validate_message(body)


def test_buttons_of_a_batch_are_merged_into_one_keyboard() -> None:
    menu = ((Button("🧾 Fatura", payload="cmd:bill"), Button("💳 Paguaj", payload="cmd:pay")),)
    replies = [
        OutgoingMessage("Përgjigja", ((Button("eKESCO", url="https://e.kesco-energy.com"),),)),
        OutgoingMessage("Menyja", menu),
        OutgoingMessage(
            "Would you like me to answer in English?", ((Button("English", payload="lang:en"),),)
        ),
        OutgoingMessage("Menyja", menu),
    ]
    bodies = render_requests(replies, sender=SENDER, receiver=USER)
    assert len(bodies) == 4 and all("keyboard" not in b for b in bodies[:-1])
    actions = [b["ActionBody"] for b in bodies[-1]["keyboard"]["Buttons"]]
    assert actions == ["https://e.kesco-energy.com", "cmd:bill", "cmd:pay", "lang:en"]


def test_long_text_is_split_within_limits() -> None:
    paragraph = "Фактура за месец " + "ж" * 180 + "\n\n"
    text = paragraph * 200  # ~40,000 characters, ~80 KB in UTF-8
    rows = [tuple(Button("x" * 250, payload=f"cmd:{i}{j}") for j in range(6)) for i in range(24)]
    bodies = render_requests([OutgoingMessage(text, tuple(rows))], sender=SENDER, receiver=USER)
    assert len(bodies) > 5
    for body in bodies:
        assert len(encode_body(body)) <= MAX_REQUEST_BYTES
        assert len(body["text"]) <= 7000
        validate_message(body)
    assert "".join(b["text"] for b in bodies).replace("\n", "") == text.replace("\n", "")
    assert "keyboard" in bodies[-1] and all("keyboard" not in b for b in bodies[:-1])


def test_split_prefers_boundaries() -> None:
    assert split_text("one two three four", 9, 1000) == ["one two", "three", "four"]
    assert split_text("   ", 10, 100) == []


def test_keyboard_only_reply_uses_keyboard_message() -> None:
    bodies = render_requests(
        [OutgoingMessage("  ", ((Button("Menu", payload="cmd:help"),),))],
        sender=SENDER,
        receiver=USER,
    )
    assert len(bodies) == 1 and "type" not in bodies[0] and "keyboard" in bodies[0]
    validate_message(bodies[0])


def test_welcome_merges_replies_into_one_message() -> None:
    replies = [
        OutgoingMessage("Mirë se vini te KESCO!"),
        OutgoingMessage("Zgjidhni gjuhën:", ((Button("Shqip", payload="lang:sq"),),)),
    ]
    welcome = render_welcome(replies, sender=SENDER)
    assert "receiver" not in welcome and welcome["sender"] == SENDER
    assert welcome["text"] == "Mirë se vini te KESCO!\n\nZgjidhni gjuhën:"
    assert welcome["keyboard"]["Buttons"][0]["ActionBody"] == "lang:sq"
    assert render_welcome([], sender=SENDER) is None
    huge = render_welcome([OutgoingMessage("ç" * 20000)], sender=SENDER)
    assert len(encode_body(huge)) <= MAX_REQUEST_BYTES and huge["text"].endswith("…")


def test_fake_refuses_what_viber_refuses() -> None:
    body = render_requests([OutgoingMessage("hi")], sender=SENDER, receiver=USER)[0]
    with pytest.raises(BadData, match="sender.name"):
        validate_message({**body, "sender": {"name": "K" * 29}})


def test_a_shared_number_is_a_neutral_phone_number() -> None:
    message = incoming_from("message_contact")
    assert message.contact_phone == "+38344123456"
    assert (message.text, message.payload, message.unsupported) == (None, None, None)


def test_the_share_my_number_button_is_a_share_phone_action() -> None:
    replies = [
        OutgoingMessage(
            "Which number can we call you on?", ((Button("✖", payload="cmd:cancel"),),)
        ),
        OutgoingMessage("Or share it.", ((Button.sharing_phone("📱 Share my number"),),)),
    ]
    bodies = render_requests(replies, sender=SENDER, receiver=USER)
    buttons = bodies[-1]["keyboard"]["Buttons"]
    assert [(b["ActionType"], b["Text"]) for b in buttons] == [
        ("reply", "✖"),
        ("share-phone", "📱 Share my number"),
    ]
    for body in bodies:
        validate_message(body)
