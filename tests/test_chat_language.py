"""A chat's language is stored at its first message (its messenger's, else the one it writes
in, else the default), and every alert uses it; switching language changes both."""

from __future__ import annotations

import dataclasses

import pytest

from handlers.conversation import Conversation
from handlers.turn import Deps
from services import alerts
from services.db import Database
from tests.fakes.chat import FakeChat
from tests.support.alerts import outage_started, outbox_rows

pytestmark = pytest.mark.db
POWER_OUT = {
    "sq": "⚡ Ndërprerje e energjisë në Dardani",
    "en": "⚡ Power outage in Dardania",
    "sr": "⚡ Нестанак струје у Дарданији",
    "sr-Latn": "⚡ Nestanak struje u Dardaniji",
}


async def follow_dardania(chat: FakeChat) -> None:
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.press("follow:DPR")
    await chat.press("follow:prishtine")
    await chat.press("area:dardania")


async def alert_text(database: Database, event_id: str) -> str:
    await alerts.ingest_event(database, outage_started(event_id, f"OUT-{event_id}"))
    [row] = await outbox_rows(database, event_id)
    return row.text


@pytest.mark.parametrize(
    ("hint", "first_words", "language"),
    [
        ("en-GB", "hello", "en"),
        ("sr", "zdravo", "sr"),
        ("bs", "zdravo", "sr-Latn"),
        (None, "a keni informata per ndërprerjet e rrymës sot", "sq"),
        (None, "da li ima nestanka struje danas u gradu", "sr-Latn"),
        (None, "да ли има нестанка струје данас у граду", "sr"),
        (None, "is there an outage in my street today", "en"),
    ],
)
async def test_the_first_message_stores_the_language_alerts_use(
    conversation: Conversation,
    demo_database: Database,
    hint: str | None,
    first_words: str,
    language: str,
) -> None:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id="321", language_hint=hint)
    await chat.say(first_words)
    chat.language_hint = None  # later messages carry no hint: the stored language holds
    await follow_dardania(chat)
    assert (await alert_text(demo_database, "evt-lang")).startswith(POWER_OUT[language])


async def test_with_nothing_to_go_by_the_default_language_is_stored(
    demo_database: Database, deps: Deps
) -> None:
    english = Conversation(demo_database, dataclasses.replace(deps, default_language="en"))
    chat = FakeChat(english.handle, channel="viber", chat_id="v-9")
    await chat.say("/outages")
    await follow_dardania(chat)
    assert (await alert_text(demo_database, "evt-default")).startswith(POWER_OUT["en"])


async def test_switching_language_changes_replies_and_alerts(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id="322", language_hint="sq")
    await chat.say("/start")
    await chat.press("lang:sr")
    assert "Изабран је српски језик." in chat.text
    await follow_dardania(chat)
    assert (await alert_text(demo_database, "evt-sr")).startswith(POWER_OUT["sr"])
    await chat.say("/language")
    await chat.press("lang:en")
    assert "Language set to English." in chat.text
    await alerts.ingest_event(demo_database, outage_started("evt-en", "OUT-2"))
    [row] = await outbox_rows(demo_database, "evt-en")
    assert row.text.startswith(POWER_OUT["en"])


async def test_the_welcome_is_shown_once(chat: FakeChat) -> None:
    await chat.say("/start")
    assert "Mirë se vini" in chat.text
    assert len(chat.replies) == 1 and "lang:en" in chat.payloads()
    await chat.say("/start")
    assert "Mirë se vini" not in chat.text and "cmd:bill" in chat.payloads()
