"""Printed bill links are bounded (issue 21): a link links each chat once and at most
KESCO_LINK_MAX_CHATS chats; it stops working when a holder removes a chat, when the account
changes hands, and when staff revoke the code's links (page, API, CLI) without touching the
secret; a chat opening a spent, full or revoked link is told politely in its language and
asked for the proof instead. ``valid_until=never`` needs an admin on the API."""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from bot.cli.main import main
from handlers.conversation import Conversation
from handlers.turn import Deps
from services import link_grants
from services.api import unlink_everywhere
from services.db import Database
from services.db.link_models import LinkGrant
from services.db.models import Chat, ChatLink
from services.db.staff_models import AuditEntry
from services.deep_links import BillLinkStatus, DeepLinks, kosovo_today
from services.linking import LinkingService
from tests.fakes.chat import FakeChat
from tests.support.staff import ADMIN_TOKEN, PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import call, jar, login

pytestmark = pytest.mark.db
CODE = "DPR100001"
SECRET = "link-bounds-secret-0123456789abcdefghijkl"
LINKS = DeepLinks(secret=SECRET, telegram_bot="KescoBot", viber_chat_uri="kesco")
ASKS_AMOUNT = "send the amount of its latest bill"


async def new_chat(conversation: Conversation, chat_id: str, language: str) -> FakeChat:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=chat_id)
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    return chat


async def prove(chat: FakeChat, amount: str = "42.50") -> None:
    await chat.say(f"/link {CODE}")
    await chat.say(amount)


async def link_id_of(database: Database, external_id: str) -> int | None:
    async with database.transaction() as session:
        query = (
            select(ChatLink.id)
            .join(Chat, Chat.id == ChatLink.chat_id)
            .where(Chat.external_id == external_id, ChatLink.customer_code == CODE)
        )
        return await session.scalar(query)


async def holds(database: Database, external_id: str) -> bool:
    return await link_id_of(database, external_id) is not None


def bounded(deps: Deps, max_chats: int = 3) -> Deps:
    linking = LinkingService(deps.backend, link_max_chats=max_chats)
    return Deps(**{**deps.__dict__, "links": LINKS, "linking": linking})


def payload(generation: int = 0) -> str:
    return LINKS.bill_payload(CODE, kosovo_today() + timedelta(days=30), generation)


async def opener(conversation: Conversation, name: str, language: str = "en") -> FakeChat:
    return FakeChat(conversation.handle, channel="telegram", chat_id=name, language_hint=language)


async def test_a_link_links_at_most_max_chats_each_once(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, bounded(deps, max_chats=2))
    link = payload()
    first, second, third = [await opener(conversation, f"t-{n}") for n in range(3)]
    for chat in (first, second):
        await chat.say(f"/start {link}")
        assert "is linked to this chat" in chat.text
    await third.say(f"/start {link}")
    assert "already been used in as many chats as it allows" in third.text
    assert ASKS_AMOUNT in third.text and "/share" in third.text
    assert not await holds(demo_database, "t-2")
    await third.say("42.50")  # the way to link with proof still works
    assert "is linked to this chat" in third.text

    await first.say("/unlink")
    await first.press(f"unlink:{CODE}")
    assert not await holds(demo_database, "t-0")
    await first.say(f"/start {link}")
    assert "already used the link on this bill once" in first.text
    assert ASKS_AMOUNT in first.text
    assert not await holds(demo_database, "t-0")

    other = LINKS.bill_payload(CODE, kosovo_today() + timedelta(days=31))
    await first.say(f"/start {other}")  # a newly printed bill's link is a new link
    assert "is linked to this chat" in first.text


async def test_the_default_is_three_chats(demo_database: Database, deps: Deps) -> None:
    conversation = Conversation(demo_database, bounded(deps))
    link = payload()
    chats = [await opener(conversation, f"t-{n}") for n in range(4)]
    for chat in chats:
        await chat.say(f"/start {link}")
    assert [await holds(demo_database, f"t-{n}") for n in range(4)] == [True] * 3 + [False]
    async with demo_database.transaction() as session:
        assert len(list(await session.scalars(select(LinkGrant)))) == 3


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "no longer works"),
        ("sq", "nuk vlen më"),
        ("sr", "више не важи"),
        ("sr-Latn", "više ne važi"),
    ],
)
async def test_a_revoked_link_is_refused_politely_in_the_chats_language(
    demo_database: Database, deps: Deps, language: str, words: str
) -> None:
    conversation = Conversation(demo_database, bounded(deps))
    link = payload()
    async with demo_database.transaction() as session:
        assert await link_grants.revoke(session, CODE, link_grants.STAFF) == 1
    chat = await new_chat(conversation, "t-late", language)
    await chat.say(f"/start {link}")
    assert words in chat.text
    assert not await holds(demo_database, "t-late")
    await chat.say("42.50")
    assert await holds(demo_database, "t-late"), "the proof by amount still links"
    fresh = await opener(conversation, "t-fresh")
    await fresh.say(f"/start {payload(1)}")
    assert "is linked to this chat" in fresh.text, "links made after the revocation work"


async def test_a_holder_removing_a_chat_voids_the_printed_links(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, bounded(deps))
    owner = await new_chat(conversation, "t-owner", "en")
    await prove(owner)
    link = payload()
    intruder = await opener(conversation, "t-intruder")
    await intruder.say(f"/start {link}")
    assert await holds(demo_database, "t-intruder")
    await owner.say("/accounts")
    target = await link_id_of(demo_database, "t-intruder")
    await owner.press(f"holder:ask:{target}")
    await owner.press(f"holder:remove:{target}")
    assert not await holds(demo_database, "t-intruder")
    accomplice = await opener(conversation, "t-accomplice")
    await accomplice.say(f"/start {link}")
    assert "no longer works" in accomplice.text
    assert not await holds(demo_database, "t-accomplice")
    assert LINKS.read_bill(link, generation=1).status is BillLinkStatus.REVOKED


async def test_the_account_changing_hands_voids_the_printed_links(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, bounded(deps))
    link = payload()
    old = await opener(conversation, "t-old")
    await old.say(f"/start {link}")
    assert await holds(demo_database, "t-old")
    assert await unlink_everywhere(demo_database, CODE) == 1
    for name in ("t-old", "t-new"):
        chat = await opener(conversation, name)
        await chat.say(f"/start {link}")
        assert "no longer works" in chat.text
        assert not await holds(demo_database, name)


async def test_links_of_other_codes_are_untouched(demo_database: Database, deps: Deps) -> None:
    conversation = Conversation(demo_database, bounded(deps))
    async with demo_database.transaction() as session:
        await link_grants.revoke(session, CODE, link_grants.STAFF)
    other = LINKS.bill_payload("DGJ200002", kosovo_today() + timedelta(days=30))
    chat = await opener(conversation, "t-other")
    await chat.say(f"/start {other}")
    assert "is linked to this chat" in chat.text


async def _audit(database: Database) -> list[str]:
    async with database.transaction() as session:
        rows = await session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [f"{row.actor} {row.action} {row.detail}" for row in rows]


async def test_the_staff_api_revokes_and_never_needs_an_admin(staff_server: StaffServer) -> None:
    staff_server.context.links = LINKS
    status, made = await call(staff_server, "GET", f"/api/v1/links/{CODE}")
    assert status == 200
    operator = await staff_server.add_staff("ana", "operator", "DPR")
    elsewhere = await staff_server.add_staff("mira", "operator", "DMI")

    status, body = await call(staff_server, "POST", f"/api/v1/links/{CODE}/revoke", elsewhere)
    assert (status, body["field"]) == (403, "district")
    status, body = await call(staff_server, "POST", f"/api/v1/links/{CODE}/revoke", None)
    assert status == 401
    status, body = await call(staff_server, "POST", "/api/v1/links/XYZ/revoke", operator)
    assert (status, body["field"]) == (400, "code")
    status, body = await call(staff_server, "POST", "/api/v1/links/dpr%20100-001/revoke", operator)
    assert status == 200 and body == {"code": CODE, "revoked": True, "generation": 1}
    assert LINKS.read_bill(made["payload"], generation=1).status is BillLinkStatus.REVOKED

    status, again = await call(staff_server, "GET", f"/api/v1/links/{CODE}", operator)
    assert status == 200 and again["payload"] != made["payload"]
    assert LINKS.read_bill(again["payload"], generation=1).status is BillLinkStatus.VALID

    status, body = await call(
        staff_server, "GET", f"/api/v1/links/{CODE}?valid_until=never", operator
    )
    assert (status, body["field"]) == (403, "valid_until")
    status, body = await call(staff_server, "GET", f"/api/v1/links/{CODE}?valid_until=never")
    assert status == 200 and body["valid_until"] is None

    status, admin = await call(staff_server, "POST", "/api/v1/links/DMI100001/revoke", ADMIN_TOKEN)
    assert status == 200
    entries = await _audit(staff_server.database)
    assert f"ana bill_links_revoked {CODE}: every printed link so far" in entries
    assert any("DMI100001" in entry and "bill_links_revoked" in entry for entry in entries)

    status, document = await call(staff_server, "GET", "/api/v1/openapi.json")
    assert "post" in document["paths"]["/api/v1/links/{code}/revoke"]


async def test_the_staff_page_revokes_the_links_of_one_code(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff/account") as response:
            page = await response.text()
        assert 'action="/staff/links/revoke"' in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf

        async def revoke(code: str, token: str = csrf.group(1)) -> tuple[int, str]:
            form = {"csrf": token, "code": code}
            async with http.post(staff_server.url + "/staff/links/revoke", data=form) as answer:
                return answer.status, await answer.text()

        assert (await revoke(CODE, "forged"))[0] == 403
        assert (await revoke("DMI100001"))[0] == 403
        status, text = await revoke("nonsense")
        assert status == 400
        status, text = await revoke("dpr 100 001")
        assert status == 200 and "DPR100001" in text
    async with staff_server.database.transaction() as session:
        assert await link_grants.generation(session, CODE) == 1
        assert await link_grants.generation(session, "DMI100001") == 0
    assert f"ana bill_links_revoked {CODE}: every printed link so far" in await _audit(
        staff_server.database
    )


def test_the_cli_revokes_and_prints_links_of_the_new_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KESCO_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("KESCO_LINK_SECRET", SECRET)
    monkeypatch.setenv("KESCO_TELEGRAM_BOT_USERNAME", "KescoBot")
    monkeypatch.delenv("KESCO_VIBER_CHAT_URI", raising=False)
    until = (kosovo_today() + timedelta(days=20)).isoformat()

    def printed() -> str:
        assert main(["qr", CODE, "--valid-until", until, "--out", str(tmp_path / "q.svg")]) == 0
        found = re.search(r"start=(\S+)", capsys.readouterr().out)
        assert found
        return found.group(1)

    before = printed()
    assert main(["qr", "dpr 100001", "--revoke"]) == 0
    out = capsys.readouterr().out
    assert "revoked" in out and CODE in out
    after = printed()
    assert before != after
    assert LINKS.read_bill(before, generation=1).status is BillLinkStatus.REVOKED
    assert LINKS.read_bill(after, generation=1).status is BillLinkStatus.VALID


def test_max_chats_is_a_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bot.settings import Settings

    monkeypatch.chdir(tmp_path)
    assert Settings().link_max_chats == 3
    monkeypatch.setenv("KESCO_LINK_MAX_CHATS", "5")
    assert Settings().link_max_chats == 5
    monkeypatch.setenv("KESCO_LINK_MAX_CHATS", "0")
    with pytest.raises(ValueError, match="link_max_chats"):
        Settings()


def test_a_revoked_link_is_told_apart_from_a_forged_one() -> None:
    today = date(2026, 12, 7)
    link = LINKS.bill_payload(CODE, date(2027, 1, 1))
    assert LINKS.read_bill(link, today).status is BillLinkStatus.VALID
    assert LINKS.read_bill(link, today, generation=3).status is BillLinkStatus.REVOKED
    forged = DeepLinks(secret="x" * 40).bill_payload(CODE, date(2027, 1, 1))
    assert LINKS.read_bill(forged, today, generation=3).status is BillLinkStatus.BAD_SIGNATURE


async def test_chats_opening_a_link_at_the_same_moment_are_counted_one_after_the_other(
    database: Database,
) -> None:
    first_id = await add_plain_chat(database, "race-1")
    second_id = await add_plain_chat(database, "race-2")
    first_granted = asyncio.Event()
    first_may_commit = asyncio.Event()

    async def first() -> link_grants.Admission:
        async with database.transaction() as session:
            admitted = await link_grants.admission(session, first_id, "race-key", 1)
            await link_grants.grant(session, first_id, CODE, "race-key")
            first_granted.set()
            await first_may_commit.wait()
            return admitted

    async def second() -> link_grants.Admission:
        await first_granted.wait()
        async with database.transaction() as session:
            return await link_grants.admission(session, second_id, "race-key", 1)

    first_task = asyncio.create_task(first())
    second_task = asyncio.create_task(second())
    await first_granted.wait()
    done, _ = await asyncio.wait({second_task}, timeout=0.5)  # it must wait for the first
    assert not done
    first_may_commit.set()
    assert await first_task is link_grants.Admission.OPEN
    assert await second_task is link_grants.Admission.FULL


async def add_plain_chat(database: Database, external_id: str) -> int:
    async with database.transaction() as session:
        chat = Chat(channel="telegram", external_id=external_id)
        session.add(chat)
        await session.flush()
        return chat.id
