"""Talking to a person: the call centre's contacts (and hours, when set), a call-back request
left in the chat (with a number checked until valid, and an area without a code), and staff who
see it in the API (only the operators of its area) and mark it done."""

from __future__ import annotations

import dataclasses
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from bot.channels.registry import DIRECTORY
from handlers.conversation import Conversation
from handlers.turn import Deps
from locales.i18n import translate
from locales.languages import CODES
from services.areas import get_area
from services.budgets import Budget, Budgets
from services.chats import get_or_create_chat
from services.db import Database
from services.db.support_models import CallbackRequest
from services.opening_hours import parse_hours
from tests.fakes.chat import FakeChat
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401

pytestmark = pytest.mark.db
ASK = {
    "sq": "dua të flas me një njeri",
    "en": "can I talk to a human please",
    "sr": "желим да разговарам са човеком",
    "sr-Latn": "hoću da razgovaram sa operaterom",
}


@pytest.fixture
def hours_conversation(demo_database: Database, deps: Deps) -> Conversation:
    hours = parse_hours("mon-fri 08:00-16:00; sat 08:00-12:00")
    return Conversation(demo_database, dataclasses.replace(deps, call_centre_hours=hours))


@pytest.mark.parametrize("language", CODES)
async def test_asking_for_a_person_gives_contacts_hours_and_a_call_back(
    hours_conversation: Conversation, language: str
) -> None:
    chat = FakeChat(hours_conversation.handle, channel="telegram", chat_id="77")
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    await chat.say(ASK[language])
    assert "0800 791 00" in chat.text and "info@kesco-energy.com" in chat.text
    friday = {"sq": "e premte", "en": "Friday", "sr": "петак", "sr-Latn": "petak"}[language]
    assert friday in chat.text and "08:00–16:00" in chat.text
    await chat.press("callback:start")
    await chat.say("Fatura e nëntorit është shumë e lartë, më thirrni në 044 123 456")
    assert "callback:d:DPR" in chat.payloads()  # no code: which area is it about?
    await chat.press("callback:d:DPR")
    await chat.press("callback:a:dardania")
    thanks = "Thank you. A colleague will call you back. Your request number is {number}."
    assert translate(thanks, language).split("{")[0] in chat.text
    assert "+383 44 123 456" in chat.text  # the number found in the message
    assert "/link" in chat.text  # no linked code: the tip to link one


async def test_without_hours_set_the_bot_does_not_invent_them(chat: FakeChat) -> None:
    await chat.say("/human")
    assert "0800 791 00" in chat.text
    assert translate("Opening hours: {hours}", "sq").split("{")[0] not in chat.text


async def call(server: StaffServer, method: str, path: str, token: str = ADMIN_TOKEN) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, server.url + path, headers=headers) as response,
    ):
        return response.status, await response.json()


async def test_staff_see_requests_of_their_districts_and_mark_them_done(
    staff_server: StaffServer, deps: Deps
) -> None:
    from services.demo_seed import ensure_demo_customers

    await ensure_demo_customers(staff_server.database)
    conversation = Conversation(staff_server.database, deps)
    linked = FakeChat(conversation.handle, channel="viber", chat_id="v-1", language_hint="en")
    await linked.say("/link DPR100001")
    await linked.say("42.50")
    await linked.say("/human")
    await linked.press("callback:start")
    await linked.say("Please call me about a meter reading")
    assert "Which number can we call you on?" in linked.text
    await linked.say("049 222 333")
    assert "We will call you on +383 49 222 333." in linked.text
    assert "Your request number is" in linked.text  # a linked code: no area asked
    await linked.say("/human")
    await linked.press("callback:start")
    await linked.say("Also about the bill of November")
    assert "updated your call-back request" in linked.text  # one open request per chat
    assert "+383 49 222 333" in linked.text  # the number it has

    status, body = await call(staff_server, "GET", "/api/v1/callbacks")
    assert status == 200
    [request] = body["callbacks"]
    assert (request["customer_code"], request["district"], request["channel"]) == (
        "DPR100001",
        "DPR",
        "viber",
    )
    assert request["text"].startswith("Also about the bill") and request["done_at"] is None
    assert (request["phone"], request["codes"]) == ("+38349222333", ["DPR100001"])

    elsewhere = await staff_server.add_staff("mira", "operator", "DMI")
    assert (await call(staff_server, "GET", "/api/v1/callbacks", elsewhere))[1]["callbacks"] == []
    done_path = f"/api/v1/callbacks/{request['id']}/done"
    assert (await call(staff_server, "POST", done_path, elsewhere))[0] == 403

    ana = await staff_server.add_staff("ana", "operator", "DPR")
    status, done = await call(staff_server, "POST", done_path, ana)
    assert (status, done["callback"]["done_by"]) == (200, "ana")
    again = await call(staff_server, "POST", done_path)
    assert again[1]["callback"]["done_by"] == "ana"  # marking twice changes nothing
    assert (await call(staff_server, "GET", "/api/v1/callbacks", ana))[1]["callbacks"] == []
    _, finished = await call(staff_server, "GET", "/api/v1/callbacks?status=done", ana)
    assert [r["id"] for r in finished["callbacks"]] == [request["id"]]
    assert (await call(staff_server, "GET", "/api/v1/callbacks?status=maybe"))[0] == 400
    assert (await call(staff_server, "POST", "/api/v1/callbacks/999/done"))[0] == 404


def test_opening_hours_setting_is_checked() -> None:
    with pytest.raises(ValueError):
        parse_hours("weekdays 8-16")
    with pytest.raises(ValueError):
        parse_hours("mon-fri 08:00-26:00")
    assert parse_hours("") == ()


@pytest.mark.parametrize("typed", ["abc", "call me", "112", "044 12", "+383 14 123 456", "0800"])
async def test_a_call_back_needs_a_valid_number_and_asks_again_politely(
    conversation: Conversation, typed: str
) -> None:
    chat = FakeChat(conversation.handle, channel="viber", chat_id="v-2", language_hint="en")
    await chat.say("/human")
    await chat.press("callback:start")
    await chat.say("call me")  # no number: not accepted yet, nothing promised
    assert "Which number can we call you on?" in chat.text
    assert "call you back" not in chat.text
    await chat.say(typed)
    assert "That does not look like a phone number" in chat.text
    assert "call you back" not in chat.text
    await chat.say("+49 30 1234567")  # a number from abroad, in E.164
    assert "We will call you on +49301234567." in chat.text
    await chat.press("callback:d:DGJ")
    await chat.press("callback:a:qendra")
    assert "Your request number is" in chat.text


async def test_the_messengers_share_my_number_button_is_offered_and_taken(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, dataclasses.replace(deps, channels=DIRECTORY))
    chat = FakeChat(conversation.handle, channel="telegram", chat_id="55", language_hint="en")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat.say("/human")
    await chat.press("callback:start")
    await chat.say("The meter is broken")
    [share] = [button for button in chat.buttons() if button.share_phone]
    assert share.text == "📱 Share my number"
    replies = await chat.share_phone("38344123456")  # Telegram sends it without the +
    assert replies[0].closes_share_phone and not replies[0].buttons  # removes the keyboard
    assert "We will call you on +383 44 123 456." in chat.text
    assert "Your request number is" in chat.text
    console = FakeChat(conversation.handle, channel="console", chat_id="c-1", language_hint="en")
    await console.say("/human")
    await console.press("callback:start")
    await console.say("The meter is broken")
    assert not [button for button in console.buttons() if button.share_phone]  # none there


async def test_a_number_shared_outside_a_call_back_is_not_kept(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id="56", language_hint="en")
    await chat.share_phone("+38344123456")
    assert "only for a call-back request" in chat.text
    assert "callback:start" in chat.payloads()
    async with demo_database.read() as session:
        assert (await session.scalars(select(CallbackRequest))).all() == []


async def _request_in_area(conversation: Conversation, chat_id: str, area: str) -> FakeChat:
    chat = FakeChat(conversation.handle, channel="viber", chat_id=chat_id, language_hint="en")
    await chat.say("/human")
    await chat.press("callback:start")
    await chat.say("No power since morning, call me on 044 555 666")
    district = get_area(area).district  # type: ignore[union-attr]
    await chat.press(f"callback:d:{district}")
    await chat.press(f"callback:a:{area}")
    return chat


async def test_requests_without_a_code_are_seen_only_by_their_areas_operators_and_admins(
    staff_server: StaffServer, deps: Deps
) -> None:
    conversation = Conversation(staff_server.database, deps)
    await _request_in_area(conversation, "v-10", "dardania")  # DPR
    async with staff_server.database.transaction() as session:  # one from before areas
        chat = await get_or_create_chat(session, "viber", "v-old", deps.channels)
        session.add(CallbackRequest(chat_id=chat.id, text="old", language="sq"))
    dpr = await staff_server.add_staff("dea", "operator", "DPR")
    dmi = await staff_server.add_staff("dim", "operator", "DMI")
    _, seen = await call(staff_server, "GET", "/api/v1/callbacks", dpr)
    [request] = seen["callbacks"]
    assert (request["area_id"], request["district"], request["phone"]) == (
        "dardania",
        "DPR",
        "+38344555666",
    )
    assert request["codes"] == []
    assert (await call(staff_server, "GET", "/api/v1/callbacks", dmi))[1]["callbacks"] == []
    _, everything = await call(staff_server, "GET", "/api/v1/callbacks")  # the admin token
    assert sorted(r["text"][:3] for r in everything["callbacks"]) == ["No ", "old"]
    old = next(r for r in everything["callbacks"] if r["text"] == "old")
    assert (await call(staff_server, "POST", f"/api/v1/callbacks/{old['id']}/done", dpr))[0] == 403


async def test_call_backs_have_a_budget_per_chat_and_per_area(
    demo_database: Database, deps: Deps
) -> None:
    small = Budgets(callbacks=Budget(per_chat=2, per_area=3))
    conversation = Conversation(demo_database, dataclasses.replace(deps, budgets=small))
    first = await _request_in_area(conversation, "v-20", "dardania")
    await first.say("/human")
    await first.press("callback:start")
    await first.say("Again, 044 555 666")
    assert "updated your call-back request" in first.text
    await first.say("/human")
    await first.press("callback:start")  # the third within the hour
    assert "already asked us several times in the last hour" in first.text
    assert "0800 791 00" in first.text
    await _request_in_area(conversation, "v-21", "dardania")  # the area's third
    late = await _request_in_area(conversation, "v-22", "dardania")
    assert "very many call-back requests" in late.text
    elsewhere = await _request_in_area(conversation, "v-23", "qendra")
    assert "Your request number is" in elsewhere.text
    async with demo_database.read() as session:
        rows = (await session.scalars(select(CallbackRequest))).all()
    assert len(rows) == 3 and all(row.ready for row in rows)  # the refused draft is not kept
