"""Questions the bot could not answer: kept for staff with codes, phone numbers, e-mails and
amounts masked and nothing of the chat; grouped by likeness with counts; a group made examples
of a topic (the bot then answers it) or dismissed; deleted after 90 days by the watcher (an
injected clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from services.db import Database
from services.db.knowledge_models import UnansweredQuestion
from services.knowledge import unanswered, versions
from services.knowledge.masking import mask
from tests.support.knowledge import instance
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import call


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("kodi DPR123456 nuk del", "kodi [code] nuk del"),
        ("shifra ime eshte dgj 200-002", "shifra ime eshte [code]"),
        ("call me on +383 44 123 456", "call me on [phone]"),
        ("mi broj je 044/123-456", "mi broj je [phone]"),
        ("write to agron.k@example.com", "write to [email]"),
        ("pagova 42,50 € dje", "pagova [amount] dje"),
        ("platio sam 18.20 evra", "platio sam [amount]"),
        ("numri personal 1234567890", "numri personal [phone]"),
        ("brojilo 55123", "brojilo [number]"),
        ("rryma iku ne ora 9", "rryma iku ne ora 9"),
    ],
)
def test_codes_phones_e_mails_and_amounts_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


async def test_refused_and_asked_back_messages_are_kept_masked_without_the_chat(
    database: Database,
) -> None:
    bot = instance(database)
    chat = bot.chat("chat-777")
    await chat.say("can i get a pensioner discount, my code is DPR123456 and phone 044123456")
    await chat.say("kam problem me pagesen")  # asked back
    await chat.say("ku e gjej shifren e konsumatorit")  # answered: not kept
    async with database.transaction() as session:
        rows = list(
            await session.scalars(select(UnansweredQuestion).order_by(UnansweredQuestion.id))
        )
    assert [row.outcome for row in rows] == ["refused", "asked"]
    assert rows[0].text == "can i get a pensioner discount, my code is [code] and phone [phone]"
    assert rows[1].choices and rows[1].language == "sq"
    columns = set(UnansweredQuestion.__table__.columns.keys())
    assert not any("chat" in column for column in columns)
    assert all("777" not in str(getattr(row, column)) for row in rows for column in columns)


async def test_alike_questions_are_grouped_and_a_group_becomes_examples(
    staff_server: StaffServer,
) -> None:
    bot = instance(staff_server.database)
    chat = bot.chat()
    for text in (
        "can I pay my debt in instalments",
        "can i pay the debt in instalments please",
        "pay my old debt in instalments?",
        "my neighbour's dog barks all night",
    ):
        await chat.say(text)
    status, body = await call(staff_server, "GET", "/api/v1/faq/unanswered")
    assert status == 200
    groups = body["groups"]
    assert [group["count"] for group in groups] == [3, 1]
    assert groups[0]["languages"] == ["en"]

    status, body = await call(
        staff_server,
        "POST",
        f"/api/v1/faq/unanswered/{groups[0]['id']}/assign",
        json={"topic": "intent:human"},
    )
    assert status == 200 and body["version"]["action"] == "examples.added"
    async with staff_server.database.transaction() as session:
        topic = (await versions.current(session)).topic("intent:human")  # type: ignore[union-attr]
    assert topic is not None and len(topic.examples["en"]) == 3
    await bot.watcher.run_once()
    assert bot.faq.understand("could I pay what I owe in instalments").id == "intent:human"

    status, body = await call(staff_server, "GET", "/api/v1/faq/unanswered")
    assert [group["count"] for group in body["groups"]] == [1]
    status, body = await call(
        staff_server, "POST", f"/api/v1/faq/unanswered/{body['groups'][0]['id']}/dismiss"
    )
    assert (status, body) == (200, {"dismissed": 1})
    assert (await call(staff_server, "GET", "/api/v1/faq/unanswered"))[1]["groups"] == []
    token = await staff_server.add_staff("ana", "operator", "DPR")
    status, body = await call(staff_server, "POST", "/api/v1/faq/unanswered/1/dismiss", token)
    assert status == 403


async def test_questions_are_kept_90_days(database: Database) -> None:
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    async with database.transaction() as session:
        for age in (91, 90, 89, 1):
            unanswered.record(
                session,
                f"question {age} days old",
                "en",
                "refused",
                now=now - timedelta(days=age, minutes=1 if age == 90 else 0),
            )
    bot = instance(database)
    bot.watcher.clock = lambda: now
    await bot.watcher.run_once()
    async with database.transaction() as session:
        left = list(await session.scalars(select(UnansweredQuestion.text)))
    assert sorted(left) == ["question 1 days old", "question 89 days old"]
    later = now + timedelta(days=89)
    bot.watcher.clock = lambda: later
    bot.watcher.cleanup_every = 0
    await bot.watcher.run_once()
    async with database.transaction() as session:
        assert list(await session.scalars(select(UnansweredQuestion.text))) == [
            "question 1 days old"
        ]
