"""Talking to a person: the call centre's contacts (and hours, when set), a call-back request
left in the chat, and staff who see it in the API and mark it done."""

from __future__ import annotations

import dataclasses
from typing import Any

import aiohttp
import pytest

from handlers.conversation import Conversation
from handlers.turn import Deps
from locales.i18n import translate
from locales.languages import CODES
from services.db import Database
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
    thanks = "Thank you. A colleague will call you back. Your request number is {number}."
    assert translate(thanks, language).split("{")[0] in chat.text
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
    await linked.say("Please call me about a meter reading, 049 222 333")
    await linked.say("/human")
    await linked.press("callback:start")
    await linked.say("Also about the bill of November, 049 222 333")
    assert "updated your call-back request" in linked.text  # one open request per chat

    status, body = await call(staff_server, "GET", "/api/v1/callbacks")
    assert status == 200
    [request] = body["callbacks"]
    assert (request["customer_code"], request["district"], request["channel"]) == (
        "DPR100001",
        "DPR",
        "viber",
    )
    assert request["text"].startswith("Also about the bill") and request["done_at"] is None

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
