"""``/notice`` for a published outage, through the real conversation and alerts engine: the
staff chat sees its districts' outages, publishes a new expected end, an added area and a new
reason once, and says power is back after a confirmation."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.turn import Deps
from services import alerts
from services.db import Database
from services.db.alert_models import AlertEvent
from services.notices.desk import NoticeDesk
from services.notices.inputs import read_notice
from services.staff.accounts import admin_token_principal
from tests.fakes.chat import FakeChat
from tests.support.alerts import add_chat, outbox_rows
from tests.support.staff_calls import link_code

pytestmark = pytest.mark.db


@pytest.fixture
def desk(demo_database: Database) -> NoticeDesk:
    return NoticeDesk(demo_database, confirm_above=1000)


@pytest.fixture
def staff_conversation(demo_database: Database, deps: Deps, desk: NoticeDesk) -> Conversation:
    return Conversation(demo_database, dataclasses.replace(deps, notices=desk))


async def staff_chat(conversation: Conversation, database: Database) -> FakeChat:
    code = await link_code(database, "ana", ["DPR"])
    staff = FakeChat(conversation.handle, chat_id="900", language_hint="en")
    await staff.say(f"/notice {code}")
    return staff


async def event_types(database: Database) -> list[str]:
    async with database.transaction() as session:
        query = select(AlertEvent.type).order_by(AlertEvent.received_at)
        return list(await session.scalars(query))


async def test_update_an_outage_from_the_chat(
    staff_conversation: Conversation, demo_database: Database, desk: NoticeDesk
) -> None:
    await add_chat(demo_database, "c1", areas=("dardania",))
    await add_chat(demo_database, "c2", areas=("lipjan",))
    published = await desk.submit(
        admin_token_principal(),
        read_notice(
            {"id": "outage-dpr-001", "kind": "outage", "district": "DPR", "areas": ["dardania"]}
        ),
    )
    assert published.recipients == 1
    staff = await staff_chat(staff_conversation, demo_database)
    await staff.say("/notice")
    assert "Outages now in your districts:" in staff.text
    assert "1. Outage · Dardania · today" in staff.text
    assert "Expected back: not known." in staff.text
    assert {"ntu:u:outage-dpr-001", "ntu:r:outage-dpr-001", "ntc:new"} <= set(staff.payloads())
    assert all(len(p.encode()) < 64 for p in staff.payloads())

    await staff.press("ntu:u:outage-dpr-001")
    assert "What has changed?" in staff.text
    assert "ntu:ok" not in staff.payloads()  # nothing changed yet: no preview
    await staff.press("ntu:eta")
    await staff.press("ntu:eta:4")
    assert "New expected end: today" in staff.text or "New expected end: tomorrow" in staff.text
    await staff.press("ntu:areas")
    assert "ntu:a:dardania" not in staff.payloads()  # covered already
    await staff.press("ntu:a:lipjan")
    assert "✅ Lipjan" in [b.text for b in staff.buttons()]
    await staff.press("ntu:menu")
    assert "Areas added: Lipjan" in staff.text
    await staff.press("ntu:why")
    await staff.say("Stuhi e fortë.")
    await staff.say("A strong storm.")
    await staff.say("Јака олуја.")
    assert "New reason: A strong storm." in staff.text
    await staff.press("ntu:ok")
    assert "Preview:" in staff.text
    assert "Update on the power outage in Dardania, Lipjan." in staff.text
    assert "Reason: A strong storm." in staff.text
    woken: list[str] = []
    desk.wakeups.fanouts.connect(lambda: woken.append("dispatcher"))
    await staff.press("ntu:send")
    assert "Update published. It is on its way to 2 chats." in staff.text
    assert woken == ["dispatcher"]
    assert await event_types(demo_database) == ["outage.started", "outage.updated"]
    await alerts.run_pending(demo_database)  # the fan-outs run after the commit, as in the runtime
    rows = await outbox_rows(demo_database, "staff-outage-dpr-001")
    assert len(rows) == 1  # the first message, to c1
    updates = [row for row in await outbox_rows(demo_database) if row.event_id != rows[0].event_id]
    assert sorted(row.role for row in updates) == ["first", "follow_up"]  # c2 hears it first
    [again] = await staff_conversation.handle(_message(staff, "ntu:send"))  # pressed twice
    assert "Send /notice to start a new notice." in again.text
    assert await event_types(demo_database) == ["outage.started", "outage.updated"]


def _message(chat: FakeChat, payload: str):  # type: ignore[no-untyped-def]
    from handlers.messages import IncomingMessage

    return IncomingMessage(
        chat.channel, chat.chat_id, chat.chat_id, payload=payload, language_hint="en"
    )


async def test_say_power_is_back_from_the_chat(
    staff_conversation: Conversation, demo_database: Database, desk: NoticeDesk
) -> None:
    await add_chat(demo_database, "c1", areas=("dardania",))
    await desk.submit(
        admin_token_principal(),
        read_notice(
            {"id": "outage-dpr-002", "kind": "outage", "district": "DPR", "areas": ["dardania"]}
        ),
    )
    staff = await staff_chat(staff_conversation, demo_database)
    await staff.say("/notice")
    await staff.press("ntu:r:outage-dpr-002")
    assert "Power is back: Outage · Dardania · today " in staff.text  # names the outage
    assert "The 0 chats that heard of this outage will be told" in staff.text  # none sent yet
    await staff.press("ntu:back:outage-dpr-002")
    assert "Done: 0 chats will hear that power is back." in staff.text  # nothing was sent yet
    assert await event_types(demo_database) == ["outage.started", "outage.restored"]
    await alerts.run_pending(demo_database)
    [first] = await outbox_rows(demo_database)
    assert first.state == "cancelled"  # not sent when power came back: never sent
    await staff.say("/notice")
    assert "Which district?" not in staff.text and "Which areas of Prishtina?" in staff.text
    [reply] = await staff_conversation.handle(_message(staff, "ntu:back:outage-dpr-002"))
    assert "no longer current" in reply.text


async def test_a_customer_cannot_press_staff_buttons(
    staff_conversation: Conversation, demo_database: Database, desk: NoticeDesk
) -> None:
    await desk.submit(
        admin_token_principal(),
        read_notice(
            {"id": "outage-dpr-003", "kind": "outage", "district": "DPR", "areas": ["dardania"]}
        ),
    )
    customer = FakeChat(staff_conversation.handle, chat_id="123", language_hint="en")
    [reply] = await staff_conversation.handle(_message(customer, "ntu:back:outage-dpr-003"))
    assert "for KESCO staff" in reply.text
    assert await event_types(demo_database) == ["outage.started"]


async def test_reason_templates_in_the_chat(
    staff_conversation: Conversation, demo_database: Database, desk: NoticeDesk
) -> None:
    from services.db.staff_models import Notice

    await add_chat(demo_database, "c1", areas=("dardania",))
    staff = await staff_chat(staff_conversation, demo_database)
    await staff.say("/notice")
    await staff.press("ntc:a:dardania")
    await staff.press("ntc:ok")
    await staff.press("ntc:eta:2")
    assert {"ntc:tpl:storm", "ntc:tpl:line-fault", "ntc:tpl:maintenance"} <= set(staff.payloads())
    await staff.press("Storm")
    assert "Reason: A storm has damaged the power network." in staff.text
    await staff.press("ntc:send")
    async with demo_database.transaction() as session:
        [notice] = (await session.scalars(select(Notice))).all()
    assert notice.texts["sr"].startswith("Олуја је оштетила")
    assert notice.texts["sq"].startswith("Një stuhi ka dëmtuar")

    await staff.say("/notice")
    await staff.press(f"ntu:u:{notice.id}")
    await staff.press("ntu:why")
    await staff.press("ntu:tpl:line-fault")
    assert "New reason: A fault on the power line." in staff.text
    await staff.press("ntu:ok")
    await staff.press("ntu:send")
    assert "Update published." in staff.text
