"""Proof of the bill cannot be guessed across chats, and does not tell whether a code exists:
a failure budget per customer code across all chats (each chat counting at most twice, with a
cool-down that stops the chats that already failed twice) as well as per chat; a
well-formed code that does not exist gets the same prompt, costs the same and asks the account
backend the same questions as one that does."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from services.backend.demo import DemoBackend
from services.db import Database
from services.db.models import ProofFailure
from services.faq import FaqEngine
from services.linking import CODE_FAILURES_PER_CHAT, CODE_MAX_FAILURES, MAX_FAILURES
from tests.fakes.chat import FakeChat
from tests.fakes.deps import deps_for

pytestmark = pytest.mark.db


class RecordingBackend(DemoBackend):
    """The demo backend, remembering which questions it was asked."""

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.asked: list[str] = []

    async def get_customer(self, code: str):  # noqa: ANN201
        self.asked.append("get_customer")
        return await super().get_customer(code)

    async def latest_bill(self, code: str):  # noqa: ANN201
        self.asked.append("latest_bill")
        return await super().latest_bill(code)

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        self.asked.append("verify_proof")
        return await super().verify_proof(code, amount)


@pytest.fixture
def backend(demo_database: Database) -> RecordingBackend:
    return RecordingBackend(demo_database)


@pytest.fixture
def conversation(demo_database: Database, backend: RecordingBackend) -> Conversation:
    return Conversation(
        demo_database, deps_for(backend, default_language="en", faq=FaqEngine.load())
    )


def chat_of(conversation: Conversation, number: int) -> FakeChat:
    return FakeChat(conversation.handle, chat_id=f"guesser-{number}", language_hint="en")


def without_code(text: str, code: str) -> str:
    return text.replace(code, "<code>")


async def test_a_code_that_does_not_exist_is_treated_exactly_like_one_that_does(
    conversation: Conversation, backend: RecordingBackend
) -> None:
    seen: dict[str, list[str]] = {}
    asked: dict[str, list[str]] = {}
    for number, code in enumerate(("DPR100001", "DPR999999")):
        chat = chat_of(conversation, number)
        backend.asked.clear()
        transcript = [without_code((await chat.say(f"/link {code}"))[0].text, code)]
        assert backend.asked == []  # the backend is not asked before the proof
        for _ in range(2):
            replies = await chat.say("13.13")
            transcript.append(without_code(replies[0].text, code))
        seen[code], asked[code] = transcript, list(backend.asked)
    assert seen["DPR100001"] == seen["DPR999999"]
    assert "4 attempts left" in seen["DPR999999"][1] and "3 attempts left" in seen["DPR999999"][2]
    assert asked["DPR100001"] == asked["DPR999999"]


async def test_many_chats_cannot_guess_one_bill_together(conversation: Conversation) -> None:
    guessers = CODE_MAX_FAILURES // CODE_FAILURES_PER_CHAT
    for number in range(guessers):
        chat = chat_of(conversation, number)
        await chat.say("/link DPR100001")
        for attempt in range(CODE_FAILURES_PER_CHAT):  # each chat stays under its own lock
            await chat.say(f"{10 + number}.{attempt:02d}")
    for number in range(guessers):  # every one of them now waits, right amount or not
        chat = chat_of(conversation, number)
        await chat.say("/link DPR100001")
        assert "paused until" in chat.text and "DPR100001" in chat.text
    other = chat_of(conversation, 98)
    await other.say("/link DGJ200002")  # other codes are not affected
    await other.say("18.20")
    assert "is linked" in other.text


async def test_a_chat_counts_at_most_twice_towards_a_codes_pause(
    conversation: Conversation,
) -> None:
    for number in range(2):
        chat = chat_of(conversation, number)
        for attempt in range(MAX_FAILURES - 1):
            await chat.say("/link DPR100001")
            await chat.say(f"{20 + attempt}.00")
    assert "paused until" not in chat.text  # 8 wrong amounts from 2 chats: no pause
    third = chat_of(conversation, 3)
    await third.say("/link DPR100001")
    await third.say("42.50")
    assert "is linked" in third.text


async def test_unknown_codes_are_paused_the_same_way(conversation: Conversation) -> None:
    for number in range(CODE_MAX_FAILURES // 2):
        chat = chat_of(conversation, number)
        await chat.say("/link DMI765432")
        await chat.say("1.00")
        await chat.say("2.00")
    await chat.say("/link DMI765432")
    assert "paused until" in chat.text


async def test_the_cool_down_ends_when_the_failures_age(
    conversation: Conversation, demo_database: Database
) -> None:
    for number in range(CODE_MAX_FAILURES // 2):
        chat = chat_of(conversation, number)
        await chat.say("/link DPR100001")
        await chat.say("1.00")
        await chat.say("2.00")
    await chat.say("/link DPR100001")
    assert "paused until" in chat.text
    async with demo_database.transaction() as session:
        for row in await session.scalars(select(ProofFailure)):
            row.at -= timedelta(hours=24, minutes=1)
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    assert "is linked" in chat.text
