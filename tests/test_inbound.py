"""The inbound pipeline every adapter uses: dedup, order per chat, concurrency across chats,
the apology when the conversation fails (in the user's language), one log line per failure."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import pytest

from bot.channels.inbound import Inbound
from bot.channels.protocol import RecipientGone
from handlers.messages import IncomingMessage, OutgoingMessage
from tests.support.viber import MemoryLifecycle
from tests.support.waiting import wait_until

SORRY = {
    "sq": "Diçka shkoi keq. Ju lutem provoni përsëri pak më vonë.",
    "en": "Something went wrong. Please try again in a moment.",
    "sr": "Дошло је до грешке. Молим вас, покушајте поново мало касније.",
    "sr-Latn": "Došlo je do greške. Molim vas, pokušajte ponovo malo kasnije.",
}


class SlowBot:
    """A conversation that takes ``delay`` seconds per message and records what it saw when."""

    def __init__(self, delay: float = 0.05) -> None:
        self.delay = delay
        self.events: list[tuple[str, str]] = []
        self.running = 0
        self.most_at_once = 0

    async def __call__(self, message: IncomingMessage) -> list[OutgoingMessage]:
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        self.events.append(("start", f"{message.chat_id}:{message.text}"))
        await asyncio.sleep(self.delay)  # the conversation's work: what overlaps is tested
        self.events.append(("end", f"{message.chat_id}:{message.text}"))
        self.running -= 1
        if message.text == "boom":
            raise RuntimeError("the conversation broke")
        return [OutgoingMessage(f"re {message.text}")]


def said(text: str, chat: str = "1", hint: str | None = None) -> IncomingMessage:
    return IncomingMessage("fake", chat, chat, text=text, language_hint=hint)


async def test_a_delivery_key_is_handled_once() -> None:
    bot, lifecycle = SlowBot(0), MemoryLifecycle()
    inbound = Inbound(bot, lifecycle)
    sent: list[str] = []

    async def send(replies: Sequence[OutgoingMessage]) -> None:
        sent.extend(reply.text for reply in replies)

    first = await inbound.receive(said("hi"), key="update:7", send=send)
    assert first == [OutgoingMessage("re hi")]
    assert await inbound.receive(said("hi"), key="update:7", send=send) is None
    assert await inbound.receive(said("hi", chat="2"), key="update:8", send=send) is not None
    assert sent == ["re hi", "re hi"] and len(bot.events) == 4
    assert ("fake", "update:7") in lifecycle.keys


async def test_without_a_key_every_message_is_handled() -> None:
    bot = SlowBot(0)
    inbound = Inbound(bot, MemoryLifecycle())
    await inbound.receive(said("hi"))
    await inbound.receive(said("hi"))
    assert len(bot.events) == 4


async def test_messages_of_one_chat_one_at_a_time_in_order_chats_concurrently() -> None:
    bot = SlowBot(0.2)
    inbound = Inbound(bot, MemoryLifecycle())
    replies: dict[str, list[str]] = {"1": [], "2": []}

    def sender(chat: str):  # noqa: ANN202
        async def send(messages: Sequence[OutgoingMessage]) -> None:
            await asyncio.sleep(0.01)  # sending is part of the chat's turn
            replies[chat].extend(message.text for message in messages)

        return send

    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.gather(
        *(
            inbound.receive(said(f"m{n}", chat), key=f"{chat}:{n}", send=sender(chat))
            for n in range(4)
            for chat in ("1", "2")
        )
    )
    elapsed = loop.time() - started
    assert replies == {chat: [f"re m{n}" for n in range(4)] for chat in ("1", "2")}
    for chat in ("1", "2"):
        mine = [event for event in bot.events if event[1].startswith(f"{chat}:")]
        assert mine == [(edge, f"{chat}:m{n}") for n in range(4) for edge in ("start", "end")]
    assert bot.most_at_once == 2  # the two chats ran side by side...
    # ...so it took about half as long (0.8 s and the sends) as one after the other (1.6 s)
    assert elapsed < 1.3
    assert inbound.chats_in_hand == 0  # the locks are freed when the chats are idle


async def test_a_chat_waiting_behind_another_message_keeps_its_lock() -> None:
    bot = SlowBot(0.05)
    inbound = Inbound(bot, MemoryLifecycle())
    first = asyncio.create_task(inbound.receive(said("a")))
    await wait_until(lambda: bot.running, what="the first message in hand")
    second = asyncio.create_task(inbound.receive(said("b")))
    await asyncio.sleep(0)  # one pass of the loop: the second message reaches the chat's lock
    assert bot.running == 1  # ...and waits there
    assert inbound.chats_in_hand == 1
    await asyncio.gather(first, second)
    third = asyncio.create_task(inbound.receive(said("c")))
    await asyncio.gather(third)
    assert [event for event in bot.events if event[0] == "start"] == [
        ("start", "1:a"),
        ("start", "1:b"),
        ("start", "1:c"),
    ]
    assert inbound.chats_in_hand == 0


@pytest.mark.parametrize(
    ("hint", "default", "language"),
    [
        ("sq", "en", "sq"),
        ("sr", "sq", "sr"),
        ("bs", "sq", "sr-Latn"),
        ("en-US", "sq", "en"),
        ("de", "sr", "sr"),  # a language we don't speak: the default
        (None, "en", "en"),
    ],
)
async def test_a_failing_conversation_is_answered_in_the_users_language(
    hint: str | None, default: str, language: str
) -> None:
    inbound = Inbound(SlowBot(0), MemoryLifecycle(), default_language=default)
    sent: list[OutgoingMessage] = []

    async def send(replies: Sequence[OutgoingMessage]) -> None:
        sent.extend(replies)

    replies = await inbound.receive(said("boom", hint=hint), key="k", send=send)
    assert replies == sent == [OutgoingMessage(SORRY[language])]


async def test_a_failure_is_logged_once_and_the_chat_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = SlowBot(0)
    inbound = Inbound(bot, MemoryLifecycle())
    with caplog.at_level(logging.INFO):
        await inbound.receive(said("boom", chat="42"), key="1")
        after = await inbound.receive(said("after", chat="42"), key="2")
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].getMessage() == "the conversation failed on a fake message in chat 42"
    assert errors[0].exc_info is not None and "broke" in str(errors[0].exc_info[1])
    assert after == [OutgoingMessage("re after")]


async def test_a_failed_send_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    inbound = Inbound(SlowBot(0), MemoryLifecycle())

    async def blocked(_replies: Sequence[OutgoingMessage]) -> None:
        raise RecipientGone("bot was blocked by the user")

    with caplog.at_level(logging.WARNING, logger="bot.channels.inbound"):
        replies = await inbound.receive(said("hi", chat="9"), send=blocked)
    assert replies == [OutgoingMessage("re hi")]
    assert [record.getMessage() for record in caplog.records] == [
        "fake reply to chat 9 not delivered: RecipientGone: bot was blocked by the user"
    ]
    assert inbound.chats_in_hand == 0


async def test_acknowledge_runs_once_per_new_delivery_before_the_conversation() -> None:
    bot = SlowBot(0)
    inbound = Inbound(bot, MemoryLifecycle())
    acknowledged: list[int] = []

    async def acknowledge() -> None:
        acknowledged.append(len(bot.events))

    await inbound.receive(said("hi"), key="press:1", acknowledge=acknowledge)
    await inbound.receive(said("hi"), key="press:1", acknowledge=acknowledge)
    assert acknowledged == [0]


async def test_a_dedup_store_that_fails_does_not_lose_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class BrokenStore(MemoryLifecycle):
        async def first_delivery(self, channel: str, key: str) -> bool:
            raise ConnectionError("database down")

    inbound = Inbound(SlowBot(0), BrokenStore())
    with caplog.at_level(logging.ERROR, logger="bot.channels.inbound"):
        replies = await inbound.receive(said("hi"), key="update:1")
    assert replies == [OutgoingMessage("re hi")]
    assert len(caplog.records) == 1 and "could not record" in caplog.records[0].getMessage()
