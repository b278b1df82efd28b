"""TelegramSender and the rate limiter, against the fake Bot API through real PTB."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from telegram.error import InvalidToken

from bot.channels.inbound import Inbound
from bot.channels.protocol import PermanentFailure, RecipientGone, RetryLater, TransientFailure
from bot.channels.telegram import TelegramChannel, TelegramRateLimiter, TelegramSender
from handlers.messages import Button, OutgoingMessage
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.telegram import MemoryLifecycle

CHAT = 5512345678


async def no_handle(_: object) -> list[OutgoingMessage]:
    raise AssertionError("no updates in these tests")


@dataclass
class Setup:
    api: FakeTelegramAPI
    sender: TelegramSender
    lifecycle: MemoryLifecycle


def make_channel(
    api: FakeTelegramAPI,
    limiter: TelegramRateLimiter,
    lifecycle: MemoryLifecycle,
    token: str | None = None,
) -> TelegramChannel:
    inbound = Inbound(no_handle, lifecycle)
    return TelegramChannel(token or api.token, api.root, inbound, lifecycle, rate_limiter=limiter)


@pytest.fixture
async def setup(request: pytest.FixtureRequest) -> AsyncIterator[Setup]:
    limiter = getattr(request, "param", None) or TelegramRateLimiter(
        chat_interval=0.01, max_retries=1, max_wait=5
    )
    async with FakeTelegramAPI() as api:
        api.chat(CHAT)
        lifecycle = MemoryLifecycle()
        channel = make_channel(api, limiter, lifecycle)
        await channel.application.initialize()
        try:
            yield Setup(api, channel.sender, lifecycle)
        finally:
            await channel.application.shutdown()


async def test_sends_silently_with_buttons(setup: Setup) -> None:
    message = OutgoingMessage(
        "Ndërprerje e energjisë në Dardani",
        silent=True,
        buttons=((Button("Detajet", payload="outage:17"),),),
    )
    await setup.sender.send(str(CHAT), message)
    [sent] = setup.api.sent(CHAT)
    assert sent["chat_id"] == CHAT and sent["disable_notification"] is True
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "outage:17"
    assert setup.sender.channel == "telegram"


async def test_short_429_is_waited_out(setup: Setup) -> None:
    setup.api.fail_next("sendMessage", times=1, retry_after=1)
    started = asyncio.get_running_loop().time()
    await setup.sender.send(str(CHAT), OutgoingMessage("hi"))
    assert asyncio.get_running_loop().time() - started >= 1
    assert len(setup.api.sent(CHAT)) == 1


async def test_long_or_repeated_429_becomes_retry_later(setup: Setup) -> None:
    setup.api.fail_next("sendMessage", times=1, retry_after=60)
    with pytest.raises(RetryLater) as caught:
        await setup.sender.send(str(CHAT), OutgoingMessage("hi"))
    assert caught.value.retry_after == 60
    assert len(setup.api.rejected) == 1  # no retry beyond max_wait


async def test_403_is_recipient_gone_and_marks_inactive(setup: Setup) -> None:
    setup.api.block(CHAT)
    with pytest.raises(RecipientGone):
        await setup.sender.send(str(CHAT), OutgoingMessage("hi"))
    assert setup.lifecycle.inactive == {str(CHAT): "Forbidden: bot was blocked by the user"}
    assert len(setup.api.rejected) == 1


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_5xx_is_transient(setup: Setup, status: int) -> None:
    setup.api.fail_next("sendMessage", status=status)
    with pytest.raises(TransientFailure):
        await setup.sender.send(str(CHAT), OutgoingMessage("hi"))
    await setup.sender.send(str(CHAT), OutgoingMessage("hi"))  # and the next one goes through


async def test_bad_request_is_permanent(setup: Setup) -> None:
    with pytest.raises(PermanentFailure, match="(?i)chat not found"):
        await setup.sender.send("777", OutgoingMessage("hi"))
    with pytest.raises(PermanentFailure, match="(?i)BUTTON_URL_INVALID"):
        await setup.sender.send(
            str(CHAT), OutgoingMessage("x", buttons=((Button("Pay", url="javascript:alert(1)"),),))
        )
    assert setup.lifecycle.inactive == {}


async def test_network_down_is_transient() -> None:
    async with FakeTelegramAPI() as api:
        root = api.root
    lifecycle = MemoryLifecycle()
    channel = TelegramChannel("1:x", root, Inbound(no_handle, lifecycle), lifecycle)
    await channel.application.bot.request.initialize()
    try:
        assert await channel.ping() is False
        with pytest.raises(TransientFailure):
            await channel.sender.send(str(CHAT), OutgoingMessage("hi"))
    finally:
        await channel.application.bot.request.shutdown()


async def test_wrong_token_fails_at_start() -> None:
    async with FakeTelegramAPI() as api:
        channel = make_channel(api, TelegramRateLimiter(), MemoryLifecycle(), token="1:wrong")
        with pytest.raises(InvalidToken):
            await channel.start()
        assert api.calls == []


@pytest.mark.parametrize(
    "setup",
    [TelegramRateLimiter(chat_interval=0.6, chat_burst=3, group_rate=2, group_period=1)],
    indirect=True,
)
async def test_limiter_lets_a_short_burst_through_and_slows_a_flooded_chat(setup: Setup) -> None:
    group = -1001987654321
    setup.api.chat(group, "supergroup")
    others = [CHAT + n for n in range(1, 4)]
    for other in others:
        setup.api.chat(other)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.gather(*(setup.sender.send(str(c), OutgoingMessage("x")) for c in others))
    assert loop.time() - started < 0.5  # different chats are not held back (by 0.6 s)
    started = loop.time()
    for n in range(3):  # a reply of three messages: no gap
        await setup.sender.send(str(CHAT), OutgoingMessage(f"{n}"))
    assert loop.time() - started < 0.5  # a gap would be 0.6 s
    started = loop.time()
    await asyncio.gather(
        *(setup.sender.send(str(CHAT), OutgoingMessage(f"{n}")) for n in range(3, 5))
    )
    assert loop.time() - started >= 1.15  # beyond the burst: one per 0.6 s
    assert [m["text"] for m in setup.api.sent(CHAT)] == ["0", "1", "2", "3", "4"]
    started = loop.time()
    await asyncio.gather(*(setup.sender.send(str(group), OutgoingMessage("g")) for _ in range(3)))
    assert loop.time() - started >= 1.0  # 2 per second to one group
    assert setup.api.rejected == []
