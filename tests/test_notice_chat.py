"""``/notice`` through the real conversation (FakeChat) and the real alerts engine: linking a
chat to a staff account with a one-time code, then district, areas, time, texts, preview,
confirmation, and the notice published once to the chats of the area."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from handlers.turn import Deps
from services import alerts
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.staff_models import AuditEntry, Notice
from services.notices.desk import NoticeDesk
from services.notices.errors import NoticeInvalid
from services.notices.inputs import read_texts
from tests.fakes.chat import FakeChat
from tests.support.staff_calls import link_code  # noqa: F401

pytestmark = pytest.mark.db


@pytest.fixture
def desk(demo_database: Database) -> NoticeDesk:
    return NoticeDesk(demo_database, confirm_above=0)


@pytest.fixture
def staff_conversation(demo_database: Database, deps: Deps, desk: NoticeDesk) -> Conversation:
    return Conversation(demo_database, dataclasses.replace(deps, notices=desk))


async def test_a_customer_chat_is_told_politely_it_is_for_staff(chat: FakeChat) -> None:
    await chat.say("/language")
    await chat.press("English")
    await chat.say("/notice")
    assert "for KESCO staff" in chat.text
    await chat.say("/notice ABCDEFGH")
    assert "not valid or has expired" in chat.text


async def test_wrong_codes_lock_linking(staff_conversation: Conversation) -> None:
    chat = FakeChat(staff_conversation.handle, language_hint="en")
    for _attempt in range(5):
        await chat.say("/notice WRONG123")
    await chat.say("/notice WRONG123")
    assert "Too many wrong codes" in chat.text


async def test_staff_publishes_an_outage_notice_from_the_chat(
    staff_conversation: Conversation, demo_database: Database, desk: NoticeDesk
) -> None:
    customer = FakeChat(
        staff_conversation.handle, channel="telegram", chat_id="500", language_hint="en"
    )
    await customer.say("/link DPR100001")
    await customer.say("42.50")
    code = await link_code(demo_database, "ana", ["DPR", "DMI"])

    staff = FakeChat(staff_conversation.handle, chat_id="900", language_hint="en")
    await staff.say(f"/notice {code.lower()}")
    assert "linked to the staff account ana" in staff.text
    await staff.say(f"/notice {code}")  # a used code does not work twice
    await staff.say("/notice")
    assert "Which district?" in staff.text
    assert set(staff.payloads()) >= {"ntc:d:DPR", "ntc:d:DMI"}
    assert "ntc:d:DGJ" not in staff.payloads()
    assert all(len(p.encode()) < 64 for p in staff.payloads())
    await staff.press("ntc:d:DPR")
    assert "Which areas of Prishtina?" in staff.text
    await staff.press("ntc:ok")  # nothing chosen yet: asked again
    assert "Which areas" in staff.text
    [picker] = await staff.press("ntc:a:dardania")
    assert picker.edits_pressed  # the area picker changes in place where the messenger can
    await staff.press("ntc:a:ulpiana")
    await staff.press("ntc:a:ulpiana")
    assert "✅ Dardania" in [b.text for b in staff.buttons()]
    assert all(len(p.encode()) < 64 for p in staff.payloads())
    await staff.press("ntc:ok")
    await staff.press("ntc:eta:2")
    assert "in Albanian" in staff.text and "ntc:tpl:storm" in staff.payloads()
    await staff.say("Defekt në kabllo.")
    await staff.say("A cable fault.")
    await staff.say("Квар на каблу.")
    assert "Preview:" in staff.text
    assert "Power outage in Dardania" in staff.text
    assert "Reason: A cable fault." in staff.text
    assert "It will reach 1 chat." in staff.text
    await staff.press("ntc:send")
    assert "goes to 1 chats. Are you sure?" in staff.text  # confirm_above is 0 here
    woken: list[str] = []
    desk.wakeups.fanouts.connect(lambda: woken.append("dispatcher"))
    await staff.press("ntc:sure")
    assert "Published: Outage · Dardania · today " in staff.text  # names it, not an id
    assert "on its way to 1 chats" in staff.text
    assert woken == ["dispatcher"]  # once, after the chat's transaction committed
    again = IncomingMessage("fake", "900", "900", payload="ntc:sure", language_hint="en")
    [reply] = await staff_conversation.handle(again)  # the same button pressed twice
    assert "Send /notice to start" in reply.text

    assert await desk.publish_due() == 0  # published at once, not through the scheduler
    async with demo_database.transaction() as session:
        [notice] = (await session.scalars(select(Notice))).all()
        actions = (await session.scalars(select(AuditEntry.action))).all()
    assert (notice.status, notice.created_by, notice.areas) == ("published", "ana", ["dardania"])
    assert notice.texts == {
        "sq": "Defekt në kabllo.",
        "en": "A cable fault.",
        "sr": "Квар на каблу.",
    }
    assert notice.ends_at is not None
    await alerts.run_pending(demo_database)  # what the fan-out runner does after the commit
    progress = await alerts.broadcast_progress(demo_database, notice.event_id)
    assert sum(progress.values()) == 1
    assert await desk.publish_due() == 0
    assert {"chat.linked", "notice.created", "notice.published"} <= set(actions)


async def test_skip_the_reason_and_cancel(
    staff_conversation: Conversation, demo_database: Database
) -> None:
    code = await link_code(demo_database, "besa", ["DGJ"])
    staff = FakeChat(staff_conversation.handle, chat_id="901", language_hint="sq")
    await staff.say(f"/notice {code}")
    await staff.say("/notice")
    assert "ntc:a:qendra" in staff.payloads()  # one district: straight to its areas
    await staff.press("ntc:all")
    await staff.press("ntc:ok")
    await staff.press("ntc:eta:0")
    await staff.press("ntc:skip")
    assert "ntc:send" in staff.payloads()
    await staff.press("ntc:x")
    async with demo_database.transaction() as session:
        assert (await session.scalars(select(Notice))).all() == []


async def test_one_language_is_enough_for_the_operator(
    staff_conversation: Conversation, demo_database: Database, desk: NoticeDesk
) -> None:
    english = FakeChat(
        staff_conversation.handle, channel="telegram", chat_id="510", language_hint="en"
    )
    await english.say("/link DPR100001")
    await english.say("42.50")
    code = await link_code(demo_database, "drita", ["DPR"])
    staff = FakeChat(staff_conversation.handle, chat_id="902", language_hint="sq")
    await staff.say(f"/notice {code}")
    await staff.say("/notice")
    await staff.press("ntc:a:dardania")
    await staff.press("ntc:ok")
    await staff.press("ntc:eta:2")
    assert "ntc:enough" not in staff.payloads()  # nothing typed yet: skip, not preview
    await staff.say("Defekt në kabllo.")
    assert "ntc:enough" in staff.payloads()  # asked for English, or preview now
    await staff.press("ntc:enough")
    assert "Arsyeja: Defekt në kabllo." in staff.text  # the preview, in the operator's language
    await staff.press("ntc:send")
    await staff.press("ntc:sure")
    async with demo_database.transaction() as session:
        [notice] = (await session.scalars(select(Notice))).all()
    assert notice.texts == {"sq": "Defekt në kabllo."}
    await alerts.run_pending(demo_database)
    async with demo_database.transaction() as session:
        [row] = (await session.scalars(select(OutboxMessage))).all()
    # the facts in the chat's language, the reason as written, marked as the operator's words
    assert row.text.startswith("⚡ Power outage in Dardania since ")
    assert "Reason, in the operator's words (in Albanian): Defekt në kabllo." in row.text


def test_a_reason_in_any_one_language_is_read() -> None:
    assert read_texts({"en": " A cable fault. ", "sq": "", "sr": None}, True) == {
        "en": "A cable fault."
    }
    with pytest.raises(NoticeInvalid, match="required"):
        read_texts({"sq": " ", "en": ""}, True)
    assert read_texts({}, False) is None
