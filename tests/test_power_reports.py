"""Customers' reports through the real conversation and the real alerts engine: "I have no
power" in every language and script, the *Report no power* button, a known outage said with its
expected end and *tell me when power is back*, a report recorded once per chat and area, and the
reporters told when an outage or power back is published there; danger gets safety first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from locales.i18n import translate
from services import alerts
from services.db import Database
from services.db.report_models import PowerReport
from services.db.types import utcnow
from tests.fakes.chat import FakeChat
from tests.support.alerts import outage_started, outbox_rows, stamp

pytestmark = pytest.mark.db


async def started(conversation: Conversation, language: str, chat_id: str = "700") -> FakeChat:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=chat_id)
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    return chat


async def reports(database: Database) -> list[PowerReport]:
    async with database.transaction() as session:
        return list(await session.scalars(select(PowerReport).order_by(PowerReport.id)))


def restored(outage_id: str = "OUT-1", event_id: str = "evt-r1") -> dict[str, str]:
    now = stamp(utcnow())
    return {
        "id": event_id,
        "type": "outage.restored",
        "outage_id": outage_id,
        "occurred_at": now,
        "restored_at": now,
    }


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sq", "s'kam rrymë"),
        ("sq", "nuk kemi drita ne shpi"),
        ("en", "I have no power"),
        ("en", "my power is out"),
        ("sr", "немам струју"),
        ("sr-Latn", "nemam struju"),
    ],
)
async def test_no_power_asks_the_area_records_once_and_thanks(
    conversation: Conversation, demo_database: Database, language: str, text: str
) -> None:
    chat = await started(conversation, language)
    await chat.say(text)
    question = "In which district is the place without power? You can also type its name."
    assert translate(question, language) in chat.text
    assert "rep:d:DPR" in chat.payloads()
    await chat.press("rep:d:DPR")  # its municipalities, then Prishtina's neighbourhoods
    await chat.press("rep:d:prishtine")
    question = "{place}: where is there no power? Choose the place, or type its name."
    assert translate(question, language).split("{place}")[1] in chat.text
    await chat.press("rep:a:ulpiana")
    thanks = translate(
        "Thank you. We have noted that there is no power in {area}. We will tell "
        "you here when an outage there is published, and when power is back.",
        language,
    )
    assert thanks.split("{")[0] in chat.text
    await chat.say(text)  # the area it reported is offered first now
    assert chat.payloads() == ["rep:a:ulpiana", "rep:d"]
    await chat.press("rep:a:ulpiana")
    again = translate(
        "You told us at {time} that there is no power in {area}. We will tell you "
        "here as soon as we know more.",
        language,
    )
    assert again.split("{")[0] in chat.text
    [report] = await reports(demo_database)
    assert (report.area_id, report.district, report.closed_as) == ("ulpiana", "DPR", 0)


async def test_reporters_hear_the_outage_and_power_back_once(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await started(conversation, "en")
    await chat.say("/outages")
    await chat.press("rep:start")  # no area of its own: straight to the districts
    await chat.press("rep:d:DPR")
    await chat.press("rep:d:prishtine")
    await chat.press("rep:a:ulpiana")
    other = await started(conversation, "en", chat_id="701")  # switched outage alerts off
    await other.say("/alerts")
    await other.press("alerts:outages")
    await other.say("no electricity")
    await other.press("rep:d:DPR")
    await other.press("rep:d:prishtine")
    await other.press("rep:a:ulpiana")

    await chat.say("/outages")  # its report, though it follows no area
    assert "You told us there is no power in Ulpiana" in chat.text
    assert "You follow no area yet" not in chat.text
    # a reply that agrees with itself: not asked again to report what it has just reported
    assert "If you have no power, tell us" not in chat.text
    assert "If power is out somewhere else too, tell us with the button below." in chat.text
    assert "we are looking into what you told us" in chat.text
    await other.say("/outages")
    assert "If you have no power, tell us" not in other.text

    now = utcnow()
    result = await alerts.ingest_event(
        demo_database, outage_started(areas=("ulpiana",), at=now), now=now
    )
    await chat.say("/outages")
    assert "⚡ Outages now:" in chat.text and "• Ulpiana: since" in chat.text
    assert result.recipients == 2  # the reporters asked, whatever their preferences
    await chat.say("I have no power")
    assert "We know about the outage in Ulpiana" in chat.text
    assert "Power is expected back" in chat.text
    result = await alerts.ingest_event(demo_database, restored())
    assert result.recipients == 2
    rows = await outbox_rows(demo_database, "evt-r1")
    assert rows[0].text.startswith("💡 Power is back in Ulpiana")
    assert "rep:start" in rows[0].buttons  # still no power? tell us
    assert all(report.closed_as == report.id for report in await reports(demo_database))
    await chat.say("/report")  # power back: its report is closed, a new one may be made
    await chat.press("rep:d:DPR")
    await chat.press("rep:d:prishtine")
    await chat.press("rep:a:ulpiana")
    assert "Thank you. We have noted" in chat.text
    assert len(await reports(demo_database)) == 3


async def test_a_known_outage_offers_to_tell_when_power_is_back(
    conversation: Conversation, demo_database: Database
) -> None:
    now = utcnow()
    outage = outage_started(
        areas=("dardania",), at=now, estimated_restore_at=stamp(now - timedelta(hours=1))
    )
    await alerts.ingest_event(demo_database, outage, now=now)
    chat = await started(conversation, "en")
    await chat.say("/link DPR100001")  # linked after the outage went out: no first message
    await chat.say("42.50")
    await chat.say("we have no power")
    assert "We know about the outage in Dardania" in chat.text
    assert "Power was expected back" in chat.text and "we have had no news since" in chat.text
    assert "Reason: Network fault" in chat.text
    await chat.press("rep:w")
    assert "We will tell you here when power is back in Dardania." in chat.text
    [report] = await reports(demo_database)
    assert report.outage_subject == "outage:OUT-1"
    assert (await alerts.ingest_event(demo_database, restored())).recipients == 1
    late = IncomingMessage("telegram", "700", "700", payload="rep:w")  # an old button
    [reply] = await conversation.handle(late)
    assert "There is no outage we know of there now" in reply.text

    await chat.say("/outages")
    assert "We know of no outage in your areas." in chat.text


async def test_an_overdue_outage_is_not_shown_as_fact(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await started(conversation, "sq")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    now = utcnow()
    late = outage_started(
        at=now - timedelta(hours=5), estimated_restore_at=stamp(now - timedelta(hours=3))
    )
    await alerts.ingest_event(demo_database, late, now=now - timedelta(hours=5))
    await chat.say("/outages")
    passed = translate(
        ", expected back {time}: that time has passed, and we have had no news since {updated}",
        "sq",
    )
    assert passed.split("{")[1].split("}")[1].split("{")[0] in chat.text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "the pole is on fire"),
        ("en", "there are sparks from the pole"),
        ("sq", "ra teli i rrymës në rrugë"),
        ("sq", "shtylla po digjet"),
        ("sr", "пао је кабл на улицу"),
        ("sr-Latn", "gori bandera"),
    ],
)
async def test_danger_gets_the_safety_answer_first(
    conversation: Conversation, language: str, text: str
) -> None:
    chat = await started(conversation, language)
    replies = await chat.say(text)
    first = replies[0].text
    assert "112" in first and "0800 791 00" in first
    assert first.startswith("⚠️")
    assert "rep:start" in chat.payloads()


async def test_danger_in_the_middle_of_a_call_back_request_loses_nothing(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await started(conversation, "en")
    await chat.say("/human")
    await chat.press("callback:start")
    replies = await chat.say("the pole is on fire in front of my house, call 044 123 456")
    assert replies[0].text.startswith("⚠️") and "112" in replies[0].text
    await chat.press("callback:d:DPR")  # the number was in the message; the area comes next
    await chat.press("callback:a:dardania")
    assert "A colleague will call you back" in chat.text and "+383 44 123 456" in chat.text


async def test_the_emergency_number_is_a_setting(demo_database: Database, deps) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    conversation = Conversation(demo_database, dataclasses.replace(deps, emergency_number="192"))
    chat = await started(conversation, "en")
    replies = await chat.say("the pole is on fire")
    assert "Call 192 now" in replies[0].text
