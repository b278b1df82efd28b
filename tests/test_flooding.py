"""Flooding is bounded: reports of no power have budgets per chat and per area within an hour,
answered politely; the "many reports" warning counts distinct reporters weighted by how many
areas each reported at once (5 chats cannot raise warnings in more than one area); proofs have
budgets per chat and per district; and two throwaway chats cannot pause a customer's linking."""

from __future__ import annotations

import dataclasses
import random
from datetime import timedelta

import pytest

from handlers.conversation import Conversation
from handlers.turn import Deps
from services import power_reports
from services.alerts.reporters import close_reports_in
from services.areas import LEGACY_NEIGHBOURHOODS, all_areas
from services.budgets import Budget, Budgets
from services.db import Database
from services.db.types import utcnow
from services.linking import CODE_FAILURES_PER_CHAT, CODE_MAX_FAILURES, MAX_FAILURES, LinkingService
from services.places import place_tree
from services.power_reports import BurstRule
from tests.fakes.chat import FakeChat
from tests.support.alerts import add_chat

pytestmark = pytest.mark.db
RULE = BurstRule()  # 5 within 30 minutes


async def _warnings(database: Database, spread: dict[int, list[str]]) -> list[str]:
    """Record each chat's reports (a few minutes ago) and read the warnings staff would get."""
    now = utcnow()
    async with database.transaction() as session:
        for chat_id, areas in spread.items():
            for area in areas:
                await power_reports.record(session, chat_id, area, now - timedelta(minutes=3))
        rows = await power_reports.by_area(session, now - timedelta(hours=2), now, RULE)
    return [row.area_id for row in rows if row.warning]


async def _chats(database: Database, count: int) -> list[int]:
    return [await add_chat(database, f"flooder-{n}") for n in range(count)]


async def test_five_chats_reporting_everywhere_raise_no_warning(database: Database) -> None:
    chats = await _chats(database, 5)
    everywhere = sorted(all_areas())
    assert len(everywhere) == 38 + len(LEGACY_NEIGHBOURHOODS)  # every municipality, old areas
    assert await _warnings(database, {chat: everywhere for chat in chats}) == []


async def test_five_chats_in_one_area_still_warn(database: Database) -> None:
    chats = await _chats(database, 5)
    assert await _warnings(database, {chat: ["ulpiana"] for chat in chats}) == ["ulpiana"]


@pytest.mark.parametrize("seed", range(6))
async def test_five_chats_cannot_raise_warnings_in_more_than_one_area(
    database: Database, seed: int
) -> None:
    chats = await _chats(database, 5)
    pick = random.Random(seed)
    areas = sorted(all_areas())
    spread = {chat: pick.sample(areas, pick.choice([1, 1, 2, 3, 34])) for chat in chats}
    if seed == 0:  # the attack of the probe: each chat in two areas, all sharing them
        spread = {chat: ["ulpiana", "dardania"] for chat in chats}
    assert len(await _warnings(database, spread)) <= 1


async def test_reports_answered_by_power_back_raise_no_warning(database: Database) -> None:
    chats = await _chats(database, 6)
    assert await _warnings(database, {chat: ["dardania"] for chat in chats}) == ["dardania"]
    now = utcnow()
    async with database.transaction() as session:
        assert await close_reports_in(session, ["dardania"], now) == 6
        rows = await power_reports.by_area(session, now - timedelta(hours=1), now, RULE)
    dardania = next(row for row in rows if row.area_id == "dardania")
    assert (dardania.count, dardania.recent, dardania.warning) == (6, 0, False)
    # one new report after the restore is one report, not seven
    assert await _warnings(database, {chats[0]: ["dardania"]}) == []


async def test_weights_come_with_the_reports(database: Database) -> None:
    chats = await _chats(database, 6)
    spread = {chat: ["ulpiana", "qendra"] for chat in chats[:4]}
    spread[chats[4]] = ["ulpiana"]
    spread[chats[5]] = ["ulpiana"]
    now = utcnow()
    await _warnings(database, spread)
    async with database.transaction() as session:
        rows = await power_reports.by_area(session, now - timedelta(hours=1), now, RULE)
    ulpiana = next(row for row in rows if row.area_id == "ulpiana")
    assert (ulpiana.recent, ulpiana.weight, ulpiana.warning) == (6, 4.0, False)


def _conversation(database: Database, deps: Deps, **budgets: Budget) -> Conversation:
    return Conversation(database, dataclasses.replace(deps, budgets=Budgets(**budgets)))


async def _report(conversation: Conversation, chat_id: str, area: str, district: str) -> str:
    chat = FakeChat(conversation.handle, channel="viber", chat_id=chat_id, language_hint="en")
    await chat.say("/report")
    if f"rep:d:{district}" not in chat.payloads():  # its own areas are offered first
        await chat.press("rep:d")
    for level in reversed(place_tree().ancestors(area)):  # district, municipality, ..., itself
        if f"rep:a:{area}" in chat.payloads():  # "somewhere else in" it, when it has places
            break
        await chat.press(f"rep:d:{level}")
    await chat.press(f"rep:a:{area}")
    return chat.text


async def test_reports_have_a_budget_per_chat_and_per_area(
    demo_database: Database, deps: Deps
) -> None:
    conversation = _conversation(demo_database, deps, reports=Budget(per_chat=2, per_area=3))
    assert "Thank you" in await _report(conversation, "a", "ulpiana", "DPR")
    assert "Thank you" in await _report(conversation, "a", "dardania", "DPR")
    refused = await _report(conversation, "a", "qendra", "DGJ")
    assert "You have told us about many areas in the last hour" in refused
    assert "You told us at" in await _report(conversation, "a", "ulpiana", "DPR")  # not new
    assert "Thank you" in await _report(conversation, "b", "ulpiana", "DPR")
    assert "Thank you" in await _report(conversation, "c", "ulpiana", "DPR")
    crowded = await _report(conversation, "d", "ulpiana", "DPR")
    assert "Many customers have told us in the last hour" in crowded and "/outages" in crowded
    async with demo_database.read() as session:
        rows = await power_reports.by_area(session, utcnow() - timedelta(hours=1), utcnow(), RULE)
    assert {row.area_id: row.count for row in rows} == {"ulpiana": 3, "dardania": 1}


async def test_the_default_budget_stops_one_chat_reporting_everywhere(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, deps)
    answers = []
    for area in sorted(all_areas())[:12]:
        district = all_areas()[area].district
        answers.append(await _report(conversation, "spray", area, district))
    assert sum("Thank you" in answer for answer in answers) == Budgets().reports.per_chat
    assert "many areas in the last hour" in answers[-1]


async def _prove(conversation: Conversation, chat_id: str, code: str, amount: str) -> FakeChat:
    chat = FakeChat(conversation.handle, chat_id=chat_id, language_hint="en")
    await chat.say(f"/link {code}")
    await chat.say(amount)
    return chat


async def test_proofs_have_a_budget_per_chat_and_per_district(
    demo_database: Database, deps: Deps
) -> None:
    linking = LinkingService(deps.backend, Budget(per_chat=2, per_area=3))
    conversation = Conversation(demo_database, dataclasses.replace(deps, linking=linking))
    await _prove(conversation, "p1", "DPR100001", "1.00")
    await _prove(conversation, "p1", "DPR100002", "1.00")
    busy = await _prove(conversation, "p1", "DPR100003", "1.00")
    assert "You have tried to link codes many times in the last hour" in busy.text
    await _prove(conversation, "p2", "DPR100004", "1.00")  # the district's third
    crowded = await _prove(conversation, "p3", "DPR100001", "42.50")
    assert "Linking is very busy right now" in crowded.text
    other = await _prove(conversation, "p4", "DGJ200002", "18.20")  # another district
    assert "is linked" in other.text


async def test_two_throwaway_chats_cannot_pause_a_customers_linking(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, deps)
    for name in ("throwaway-1", "throwaway-2"):
        for attempt in range(MAX_FAILURES):
            chat = await _prove(conversation, name, "DPR100001", f"{attempt + 1}.00")
        assert "paused until" in chat.text  # each locks only itself
    holder = await _prove(conversation, "holder", "DPR100001", "42.50")
    assert "is linked" in holder.text


async def test_many_chats_only_slow_a_code_and_never_shut_out_its_holder(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, deps)
    guessers = CODE_MAX_FAILURES // CODE_FAILURES_PER_CHAT
    assert guessers >= 5
    for number in range(guessers):
        for attempt in range(CODE_FAILURES_PER_CHAT):
            chat = await _prove(conversation, f"g{number}", "DPR100001", f"{attempt + 3}.00")
    await chat.say("/link DPR100001")  # a guesser that already failed twice waits
    assert "paused until" in chat.text and "DPR100001" in chat.text
    fresh = await _prove(conversation, "fresh", "DPR100001", "7.77")
    assert "That amount does not match" in fresh.text  # another chat may still try
    await fresh.say("8.88")
    await fresh.say("/link DPR100001")
    assert "paused until" in fresh.text  # twice, then it waits too
    holder = await _prove(conversation, "holder", "DPR100001", "42.50")
    assert "is linked" in holder.text
