"""Signed Viber callbacks through the channel's aiohttp route, replies to the fake Viber API."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import pytest_asyncio

from bot.channels.inbound import Inbound
from bot.channels.viber import ViberChannel
from handlers.messages import Button, IncomingMessage, OutgoingMessage
from tests.fakes.viber_api import FakeViberApi, post_callback, sign
from tests.support.viber import TOKEN, USER, MemoryLifecycle, fixture, serve

PAY_URL = "https://www.kesco-energy.com/pagesa?code=DPR100001&amount=42.50"


@dataclass
class ScriptedHandle:
    """A stand-in conversation: records messages, answers with text and buttons."""

    seen: list[IncomingMessage] = field(default_factory=list)
    fail: bool = False

    async def __call__(self, message: IncomingMessage) -> list[OutgoingMessage]:
        self.seen.append(message)
        if self.fail:
            raise RuntimeError("conversation broke")
        said = message.payload or message.text
        return [
            OutgoingMessage(f"Ju shkruat: {said}"),
            OutgoingMessage(
                "Zgjidhni:",
                (
                    (Button("Shqip", payload="lang:sq"), Button("English", payload="lang:en")),
                    (Button("💳 Paguaj", url=PAY_URL),),
                ),
            ),
        ]


@dataclass
class Rig:
    fake: FakeViberApi
    channel: ViberChannel
    handle: ScriptedHandle
    lifecycle: MemoryLifecycle
    url: str

    async def post(self, body: dict | bytes, **kwargs) -> tuple[int, bytes]:
        return await post_callback(self.url, TOKEN, body, **kwargs)


@pytest_asyncio.fixture
async def rig() -> AsyncIterator[Rig]:
    async with FakeViberApi(TOKEN) as fake:
        handle, lifecycle = ScriptedHandle(), MemoryLifecycle()
        inbound = Inbound(handle, lifecycle)
        channel = ViberChannel(TOKEN, fake.url, inbound, lifecycle, backoff_base=0.01)
        runner, base = await serve(channel.aiohttp_routes())
        yield Rig(fake, channel, handle, lifecycle, f"{base}/webhooks/viber")
        await channel.stop()
        await runner.cleanup()


async def test_message_is_answered_with_a_keyboard(rig: Rig) -> None:
    status, _ = await rig.post(fixture("message_text"))
    assert status == 200
    [incoming] = rig.handle.seen
    assert incoming.text == "Sa e kam faturën?" and incoming.language_hint == "sq"
    first, second = rig.fake.sent
    assert first["receiver"] == USER and first["text"] == "Ju shkruat: Sa e kam faturën?"
    assert first["sender"] == {"name": "KESCO"} and "keyboard" not in first
    buttons = second["keyboard"]["Buttons"]
    assert [(b["ActionType"], b["ActionBody"], b["Columns"]) for b in buttons] == [
        ("reply", "lang:sq", 3),
        ("reply", "lang:en", 3),
        ("open-url", PAY_URL, 6),
    ]
    assert ("viber", USER) in rig.lifecycle.active


async def test_button_press_arrives_as_payload(rig: Rig) -> None:
    await rig.post(fixture("message_button"))
    assert rig.handle.seen[0].payload == "lang:en" and rig.handle.seen[0].text is None
    assert rig.fake.texts_to(USER)[0] == "Ju shkruat: lang:en"


async def test_sticker_reaches_the_conversation_without_text(rig: Rig) -> None:
    assert (await rig.post(fixture("message_sticker")))[0] == 200
    [incoming] = rig.handle.seen
    assert incoming.text is None and incoming.payload is None and incoming.chat_id == USER
    assert "keyboard" in rig.fake.sent[-1]


async def test_duplicate_delivery_is_handled_once(rig: Rig) -> None:
    body = fixture("message_text")
    assert (await rig.post(body))[0] == 200
    assert (await rig.post(body))[0] == 200
    assert len(rig.handle.seen) == 1 and len(rig.fake.sent) == 2


async def test_wrong_or_missing_signature_is_refused(rig: Rig) -> None:
    body = fixture("message_text")
    raw = json.dumps(body).encode()
    for signature in (None, "", "0" * 64, sign("another-token", raw), sign(TOKEN, raw + b" ")):
        status, answer = await rig.post(raw, signature=signature)
        assert status == 403 and json.loads(answer) == {"error": "invalid signature"}
    unsubscribe = fixture("unsubscribed")
    assert (await rig.post(unsubscribe, signature="ä" * 64))[0] == 403
    assert rig.handle.seen == [] and rig.fake.sent == []
    assert not rig.lifecycle.keys and not rig.lifecycle.inactive


async def test_malformed_bodies_get_400(rig: Rig) -> None:
    status, answer = await rig.post(b"{not json")
    assert status == 400 and "not valid JSON" in json.loads(answer)["error"]
    status, answer = await rig.post(b"[1, 2]")
    assert status == 400 and json.loads(answer)["error"] == "body must be a JSON object"
    status, answer = await rig.post({"timestamp": 1})
    assert status == 400 and json.loads(answer)["field"] == "event"
    assert rig.handle.seen == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"event": "subscribed", "user": "nobody"}, "user"),
        (
            {
                "event": "message",
                "message_token": 5,
                "sender": {"id": "u" * 129},
                "message": {"type": "text", "text": "hi"},
            },
            "sender.id",
        ),
        (
            {
                "event": "message",
                "message_token": 6,
                "sender": {"id": 12345},
                "message": {"type": "text", "text": "hi"},
            },
            "sender.id",
        ),
        (
            {
                "event": "message",
                "message_token": 7,
                "sender": {"id": "a\u0001b"},
                "message": {"type": "text", "text": "hi"},
            },
            "sender.id",
        ),
        (
            {
                "event": "message",
                "message_token": {"x": 1},
                "sender": {"id": USER},
                "message": {"type": "text", "text": "hi"},
            },
            "message_token",
        ),
        (
            {
                "event": "message",
                "message_token": 8,
                "sender": {"id": USER},
                "message": {"type": "text", "text": "x" * 7001},
            },
            "message.text",
        ),
        (
            {
                "event": "message",
                "message_token": 9,
                "sender": {"id": USER},
                "message": {"type": "text", "text": 42},
            },
            "message.text",
        ),
        ({"event": "unsubscribed", "user_id": "u" * 200}, "user_id"),
        ({"event": "delivered", "user_id": USER, "message_token": -1}, "message_token"),
        ({"event": "conversation_started", "user": {"id": USER}, "context": ["x"]}, "context"),
    ],
)
async def test_oddly_typed_or_oversized_fields_get_400_naming_them(
    rig: Rig, body: dict, field: str
) -> None:
    status, answer = await rig.post(json.dumps(body).replace("\\\\u", "\\u").encode())
    assert status == 400 and json.loads(answer)["field"] == field
    assert rig.handle.seen == [] and rig.fake.sent == []
    assert not rig.lifecycle.keys and not rig.lifecycle.inactive and not rig.lifecycle.active


async def test_nul_and_deep_nesting_get_400(rig: Rig) -> None:
    nul = {
        "event": "message",
        "message_token": 1,
        "sender": {"id": "a"},
        "message": {"type": "text", "text": "a\x00b"},
    }
    assert (await rig.post(nul))[0] == 400
    deep = b'{"event": "message", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert (await rig.post(deep))[0] == 400
    assert rig.handle.seen == []


async def test_conversation_started_answers_with_the_welcome(rig: Rig) -> None:
    status, answer = await rig.post(fixture("conversation_started_context"))
    assert status == 200
    assert rig.handle.seen[0].text == "/start DPR100001"
    assert rig.handle.seen[0].language_hint == "en"
    welcome = json.loads(answer)
    assert "receiver" not in welcome and welcome["sender"]["name"] == "KESCO"
    assert welcome["type"] == "text"
    assert welcome["text"] == "Ju shkruat: /start DPR100001\n\nZgjidhni:"
    assert welcome["keyboard"]["Buttons"][0]["ActionBody"] == "lang:sq"
    assert rig.fake.sent == []  # a user who has not subscribed only gets the welcome


async def test_conversation_started_without_valid_context(rig: Rig) -> None:
    await rig.post(fixture("conversation_started"))
    await rig.post(fixture("conversation_started_bad_context"))
    assert [m.text for m in rig.handle.seen] == ["/start", "/start"]


async def test_conversation_started_by_a_subscriber_uses_send_message(rig: Rig) -> None:
    status, answer = await rig.post(fixture("conversation_started_subscribed"))
    assert status == 200 and answer == b""
    assert rig.fake.texts_to(USER) == ["Ju shkruat: /start DGJ200002", "Zgjidhni:"]


async def test_subscription_events(rig: Rig) -> None:
    assert (await rig.post(fixture("subscribed")))[0] == 200
    assert ("viber", USER) in rig.lifecycle.active
    assert (await rig.post(fixture("unsubscribed")))[0] == 200
    assert rig.lifecycle.inactive == {("viber", USER): "unsubscribed"}
    assert rig.handle.seen == [] and rig.fake.sent == []


async def test_receipts_are_recorded_without_reply(rig: Rig) -> None:
    for name in ("delivered", "seen", "failed"):
        assert (await rig.post(fixture(name)))[0] == 200
    assert rig.lifecycle.receipts == [
        ("viber", USER, "5491000000000000001", "delivered"),
        ("viber", USER, "5491000000000000001", "seen"),
        ("viber", USER, "5491000000000000002", "failed"),
    ]
    assert rig.handle.seen == [] and rig.fake.sent == []


async def test_webhook_unknown_and_incomplete_callbacks_are_ignored(rig: Rig) -> None:
    for name in ("webhook", "client_status", "message_no_sender"):
        assert (await rig.post(fixture(name)))[0] == 200
    for body in (
        {"event": "delivered", "timestamp": 1},
        {"event": "unsubscribed"},
        {"event": "conversation_started", "timestamp": 1},
        {"event": "message", "message_token": 1, "sender": {"id": USER}, "message": {}},
        {"event": "message", "message_token": 2, "sender": {"id": USER}, "message": {"type": "x"}},
        {"event": "message", "message_token": 3, "sender": {}, "message": {"type": "text"}},
        {
            "event": "message",
            "message_token": 4,
            "sender": {"id": USER},
            "message": {"type": "text"},
        },
    ):
        assert (await rig.post(body))[0] == 200
    assert rig.handle.seen == [] and rig.fake.sent == [] and not rig.lifecycle.receipts


async def test_failing_conversation_gets_200_and_an_apology_in_the_users_language(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.handle.fail = True
    with caplog.at_level(logging.ERROR, logger="bot.channels.inbound"):
        assert (await rig.post(fixture("message_text")))[0] == 200  # language "sq"
        status, answer = await rig.post(fixture("conversation_started_context"))  # "en"
    assert status == 200
    assert rig.fake.texts_to(USER) == ["Diçka shkoi keq. Ju lutem provoni përsëri pak më vonë."]
    assert json.loads(answer)["text"] == "Something went wrong. Please try again in a moment."
    failures = [r for r in caplog.records if r.name == "bot.channels.inbound"]
    assert [r.levelno for r in failures] == [logging.ERROR, logging.ERROR]


async def test_reply_to_unsubscribed_user_marks_chat_inactive(rig: Rig) -> None:
    rig.fake.not_subscribed.add(USER)
    assert (await rig.post(fixture("message_text")))[0] == 200
    assert rig.lifecycle.inactive[("viber", USER)] == "receiverNotSubscribed"
    assert rig.fake.sent == []


async def test_reply_waits_out_too_many_requests(rig: Rig) -> None:
    rig.fake.queue_status(USER, 12, times=2)
    assert (await rig.post(fixture("message_text")))[0] == 200
    assert rig.fake.texts_to(USER) == ["Ju shkruat: Sa e kam faturën?", "Zgjidhni:"]
    sends = [body for method, body in rig.fake.calls if method == "send_message"]
    assert len(sends) == 4


async def test_conversation_started_is_handled_once_per_token(rig: Rig) -> None:
    body = fixture("conversation_started")
    status, first = await rig.post(body)
    assert status == 200 and json.loads(first)["text"].startswith("Ju shkruat: /start")
    status, again = await rig.post(body)
    assert status == 200 and again == b""
    assert len(rig.handle.seen) == 1
    assert ("viber", f"conv:{body['message_token']}") in rig.lifecycle.keys
