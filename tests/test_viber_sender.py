"""ViberSender against the fake Viber API: delivery, Viber's error statuses, backoff."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from viberbot.api.api_request_sender import ApiRequestSender
from viberbot.api.bot_configuration import BotConfiguration
from viberbot.api.message_sender import MessageSender
from viberbot.api.messages import TextMessage

from bot.channels.protocol import (
    ChannelSender,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    TransientFailure,
)
from bot.channels.viber import ViberApi, ViberSender
from bot.channels.viber.outgoing import sender_profile
from handlers.messages import Button, OutgoingMessage
from tests.fakes.viber_api import FakeViberApi
from tests.support.viber import TOKEN, USER, MemoryLifecycle

ALERT = OutgoingMessage(
    "Fatura e re: 42,50 € për DPR100001, afati 15.12.",
    (
        (
            Button("🧾 Fatura", payload="cmd:bill"),
            Button("💳 Paguaj", url="https://kesco.example/p"),
        ),
    ),
)


_APIS: list[ViberApi] = []


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeViberApi]:
    async with FakeViberApi(TOKEN) as server:
        yield server
        while _APIS:
            await _APIS.pop().close()


def make_sender(url: str, lifecycle: MemoryLifecycle, token: str = TOKEN) -> ViberSender:
    _APIS.append(ViberApi(token, url))
    return ViberSender(_APIS[-1], lifecycle, sender_profile("KESCO"), backoff_base=0.5)


async def test_send_delivers_text_and_keyboard(fake: FakeViberApi) -> None:
    sender: ChannelSender = make_sender(fake.url, MemoryLifecycle())
    assert sender.channel == "viber"
    await sender.send(USER, ALERT)
    [message] = fake.sent
    assert message["receiver"] == USER and message["text"] == ALERT.text
    assert [b["ActionType"] for b in message["keyboard"]["Buttons"]] == ["reply", "open-url"]
    assert [b["Columns"] for b in message["keyboard"]["Buttons"]] == [3, 3]


async def test_not_subscribed_or_not_registered_is_recipient_gone(fake: FakeViberApi) -> None:
    lifecycle = MemoryLifecycle()
    sender = make_sender(fake.url, lifecycle)
    fake.not_subscribed.add(USER)
    with pytest.raises(RecipientGone):
        await sender.send(USER, ALERT)
    assert lifecycle.inactive == {("viber", USER): "receiverNotSubscribed"}
    fake.queue_status("Zr3cS1mQ0pLx8vWb7nT4Ew==", 5)
    with pytest.raises(RecipientGone):
        await sender.send("Zr3cS1mQ0pLx8vWb7nT4Ew==", ALERT)
    assert lifecycle.inactive[("viber", "Zr3cS1mQ0pLx8vWb7nT4Ew==")] == "receiverNotRegistered"
    assert fake.sent == []


async def test_too_many_requests_backs_off_exponentially(fake: FakeViberApi) -> None:
    sender = make_sender(fake.url, MemoryLifecycle())
    fake.queue_status(USER, 12, times=3)
    delays = []
    for _ in range(3):
        with pytest.raises(RetryLater) as refused:
            await sender.send(USER, ALERT)
        delays.append(refused.value.retry_after)
    assert delays == [0.5, 1.0, 2.0]
    await sender.send(USER, ALERT)
    fake.queue_status(USER, 12)
    with pytest.raises(RetryLater) as refused:
        await sender.send(USER, ALERT)
    assert refused.value.retry_after == 0.5  # a success resets the backoff


async def test_reply_batch_waits_and_retries(fake: FakeViberApi) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    api = ViberApi(TOKEN, fake.url)
    sender = ViberSender(api, MemoryLifecycle(), sender_profile("KESCO"), sleep=sleep)
    fake.queue_status(USER, 12, times=2)
    tokens = await sender.send_replies(USER, [ALERT])
    assert waits == [1.0, 2.0] and len(tokens) == 1 and len(fake.sent) == 1
    fake.queue_status(USER, 12, times=3)
    with pytest.raises(RetryLater):
        await sender.send_replies(USER, [ALERT])
    await api.close()


async def test_other_statuses_are_permanent(fake: FakeViberApi) -> None:
    sender = make_sender(fake.url, MemoryLifecycle())
    fake.queue_status(USER, 3)
    with pytest.raises(PermanentFailure, match="status 3"):
        await sender.send(USER, ALERT)
    wrong = make_sender(fake.url, MemoryLifecycle(), token="not-the-token")
    with pytest.raises(PermanentFailure, match="status 2"):
        await wrong.send(USER, ALERT)


async def test_server_errors_and_network_errors_are_transient(fake: FakeViberApi) -> None:
    sender = make_sender(fake.url, MemoryLifecycle())
    fake.queue_http_error(503)
    with pytest.raises(TransientFailure, match="HTTP 503"):
        await sender.send(USER, ALERT)
    fake.queue_http_error(429)
    with pytest.raises(RetryLater):
        await sender.send(USER, ALERT)
    await sender.send(USER, ALERT)
    assert len(fake.sent) == 1
    gone = make_sender("http://127.0.0.1:9/pa", MemoryLifecycle())
    with pytest.raises(TransientFailure):
        await gone.send(USER, ALERT)


async def test_long_alert_is_split_and_accepted(fake: FakeViberApi) -> None:
    sender = make_sender(fake.url, MemoryLifecycle())
    text = "\n".join(f"Ндерпрекид у насељу {i}: улица Нена Тереза, Дарданија." for i in range(600))
    await sender.send(USER, OutgoingMessage(text, ALERT.buttons))
    assert len(fake.sent) >= 4
    assert "keyboard" in fake.sent[-1] and all("keyboard" not in m for m in fake.sent[:-1])


async def test_fake_accepts_real_viberbot_requests(fake: FakeViberApi) -> None:
    """viberbot's own (synchronous) sender, pointed at the fake, in a thread."""
    config = BotConfiguration(auth_token=TOKEN, name="KESCO", avatar=None)
    logger = logging.getLogger("viberbot-compat")
    requests = ApiRequestSender(logger, fake.url, config, "ViberBot-Python/1.0.12")
    message_sender = MessageSender(logger, requests, config)
    token = await asyncio.to_thread(
        message_sender.send_message, USER, "KESCO", None, TextMessage(text="Tungjatjeta"), None
    )
    assert token == fake.sent[0]["message_token"] and fake.sent[0]["text"] == "Tungjatjeta"
    info = await asyncio.to_thread(requests.get_account_info)
    assert info["status"] == 0 and info["name"] == "KESCO"
