"""One household everywhere: ``/share`` in the chat that proved its codes, the one-time code
sent from other chats, ``/accounts`` showing who shares, leaving and removing, and the alerts
fan-out giving each chat one message in its own language. Through the real conversation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from locales.i18n import translate
from services import alerts
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.household_models import ShareCode
from services.db.models import Chat, ChatLink, ProofFailure
from services.db.types import utcnow
from tests.fakes.chat import FakeChat
from tests.support.alerts import bill_issued, outage_started, outbox_rows

pytestmark = pytest.mark.db
SHARE = re.compile(r"/share ([A-Z2-9]{4}-[A-Z2-9]{4})")


async def new_chat(
    conversation: Conversation, channel: str, chat_id: str, language: str
) -> FakeChat:
    chat = FakeChat(conversation.handle, channel=channel, chat_id=chat_id)
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    return chat


async def proved(conversation: Conversation, *codes: tuple[str, str]) -> FakeChat:
    """A Telegram chat in Albanian that proved ``codes`` (code, amount)."""
    chat = await new_chat(conversation, "telegram", "t-owner", "sq")
    for code, amount in codes:
        await chat.say(f"/link {code}")
        await chat.say(amount)
        assert code in chat.text
    return chat


async def share_code(chat: FakeChat) -> str:
    await chat.say("/share")
    match = SHARE.search(chat.text)
    assert match, chat.text
    return match.group(1)


async def codes_of(database: Database, channel: str, external_id: str) -> list[str]:
    async with database.transaction() as session:
        query = (
            select(ChatLink.customer_code)
            .join(Chat, Chat.id == ChatLink.chat_id)
            .where(Chat.channel == channel, Chat.external_id == external_id)
            .order_by(ChatLink.customer_code)
        )
        return list(await session.scalars(query))


async def test_a_viber_chat_gets_the_codes_without_a_second_proof(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"), ("DGJ200002", "18.20"))
    code = await share_code(owner)
    assert "DPR100001, DGJ200002" in owner.text
    viber = await new_chat(conversation, "viber", "v-member", "en")
    await viber.say(f"/share {code}")
    assert (
        "Done! This chat now shares these customer codes with a Telegram chat: "
        "DPR100001, DGJ200002." in viber.text
    )
    assert await codes_of(demo_database, "viber", "v-member") == ["DGJ200002", "DPR100001"]
    await viber.say("/bill")
    assert "42.50" in viber.text and "18.20" in viber.text

    [notice] = await outbox_rows(demo_database)
    assert notice.channel == "telegram" and "Viber" in notice.text
    assert notice.text.startswith("🔔 Një bisedë e re në Viber lidhi DPR100001, DGJ200002")

    await viber.say("/accounts")
    assert "DPR100001 – A*** K***" in viber.text and "↔" in viber.text
    assert "Telegram, proved the codes" in viber.text
    assert "Viber (this chat), since" in viber.text
    assert any(p.startswith("hh:leave:") for p in viber.payloads())
    await owner.say("/accounts")
    assert "Telegram (kjo bisedë), i ka vërtetuar shifrat" in owner.text
    assert any(p.startswith("hh:remove:") for p in owner.payloads())
    assert "v-member" not in owner.text


async def test_alerts_reach_each_chat_once_in_its_own_language(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    code = await share_code(owner)
    viber = await new_chat(conversation, "viber", "v-member", "en")
    # The member also proved the same code itself, and follows the code's area: still one row.
    await viber.say("/link DPR100001")
    await viber.say("42.50")
    await viber.say(code)
    assert "Done!" in viber.text
    serbian = await new_chat(conversation, "telegram", "t-sr", "sr")
    await serbian.say(f"/share {await share_code(owner)}")
    assert "Готово!" in serbian.text

    now = utcnow()
    await alerts.ingest_event(demo_database, bill_issued(at=now), now=now)
    await alerts.ingest_event(demo_database, outage_started(at=now), now=now)
    for event_id in ("evt-b1", "evt-o1"):
        rows = await outbox_rows(demo_database, event_id)
        assert len(rows) == 3
        assert len({row.chat_id for row in rows}) == 3
    async with demo_database.transaction() as session:
        language_of = dict((await session.execute(select(Chat.id, Chat.language))).all())
    template = "🧾 New bill for {code}: {amount} for {period}, due on {due_date}."
    for row in await outbox_rows(demo_database, "evt-b1"):
        expected = translate(template, language_of[row.chat_id]).split(":")[0]
        expected = expected.format(code="DPR100001")
        assert row.text.startswith(expected), (language_of[row.chat_id], row.text)
    assert sorted(language_of[row.chat_id] for row in rows) == ["en", "sq", "sr"]


async def test_the_code_works_once_and_expires(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    code = await share_code(owner)
    first = await new_chat(conversation, "viber", "v1", "en")
    await first.say(f"/share {code}")
    assert "Done!" in first.text
    second = await new_chat(conversation, "viber", "v2", "en")
    await second.say(f"/share {code}")
    assert "expired or was used already" in second.text

    code = await share_code(owner)
    async with demo_database.transaction() as session:
        await session.execute(update(ShareCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    await second.say(f"/share {code.lower()}")
    assert "expired or was used already" in second.text
    assert await codes_of(demo_database, "viber", "v2") == []

    await owner.say(f"/share {code}")
    assert "Kjo është biseda që e krijoi kodin" in owner.text


async def test_a_newer_code_replaces_the_older_one(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    old = await share_code(owner)
    new = await share_code(owner)
    member = await new_chat(conversation, "viber", "v1", "en")
    await member.say(f"/share {old}")
    assert "not right" in member.text
    await member.say(f"/share {new}")
    assert "Done!" in member.text


async def test_guessing_is_limited_like_the_proof(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    code = await share_code(owner)
    guesser = await new_chat(conversation, "viber", "v-guess", "en")
    for left in (4, 3, 2, 1):
        await guesser.say("/share AAAA-BBBB")
        assert f"That share code is not right. Please check it. You have {left} attempt" in (
            guesser.text
        )
    await guesser.say("AAAA-CCCC")
    assert "Too many wrong attempts" in guesser.text
    await guesser.say(f"/share {code}")
    assert "Too many wrong attempts" in guesser.text
    await guesser.say("/link DPR100001")
    assert "Too many wrong attempts" in guesser.text
    assert await codes_of(demo_database, "viber", "v-guess") == []
    async with demo_database.transaction() as session:
        kinds = await session.scalars(select(ProofFailure.kind))
        assert set(kinds) == {"share"}


async def test_not_a_code_and_nothing_to_share(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await new_chat(conversation, "viber", "v1", "en")
    await chat.say("/share")
    assert "Link a customer code first" in chat.text
    await chat.say("/share hello")
    assert "That is not a share code" in chat.text
    owner = await proved(conversation, ("DPR100001", "42.50"))
    await chat.say(f"/share {await share_code(owner)}")
    await chat.say("/share")
    assert "Only the chat that proved these customer codes can share them" in chat.text
    async with demo_database.transaction() as session:
        failures = await session.scalar(select(func.count()).select_from(ProofFailure))
    assert failures == 0


async def test_leave_remove_and_codes_that_follow_the_owner(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    viber = await new_chat(conversation, "viber", "v1", "en")
    await viber.say(f"/share {await share_code(owner)}")
    other = await new_chat(conversation, "telegram", "t2", "en")
    await other.say(f"/share {await share_code(owner)}")

    # A code the owner proves later reaches its household; one it unlinks leaves it.
    await owner.say("/link DGJ200002")
    await owner.say("18.20")
    assert await codes_of(demo_database, "viber", "v1") == ["DGJ200002", "DPR100001"]
    await owner.say("/unlink DGJ200002")
    assert await codes_of(demo_database, "viber", "v1") == ["DPR100001"]
    assert await codes_of(demo_database, "telegram", "t2") == ["DPR100001"]

    await viber.say("/accounts")
    [leave] = [p for p in viber.payloads() if p.startswith("hh:leave:")]
    await viber.press(leave)
    assert "This chat no longer shares those customer codes" in viber.text
    assert await codes_of(demo_database, "viber", "v1") == []

    await owner.say("/accounts")
    [remove] = [p for p in owner.payloads() if p.startswith("hh:remove:")]
    await owner.press(remove)
    assert "Ajo bisedë nuk i ndan më shifrat tuaja" in owner.text
    assert await codes_of(demo_database, "telegram", "t2") == []
    assert await codes_of(demo_database, "telegram", "t-owner") == ["DPR100001"]
    await owner._send(IncomingMessage("telegram", "t-owner", "t-owner", payload=remove))
    assert "Ajo bisedë nuk i ndan më këto shifra" in owner.text

    # A member can't remove others: the button names a household it does not own.
    await other.say(f"/share {await share_code(owner)}")
    async with demo_database.transaction() as session:
        owner_id = await session.scalar(select(Chat.id).where(Chat.external_id == "t-owner"))
    stranger = await new_chat(conversation, "viber", "v9", "en")
    await stranger.say("/accounts")
    forged = IncomingMessage("viber", "v9", "v9", payload=f"hh:remove:{owner_id}")
    await stranger._send(forged)
    assert "does not share these codes" in stranger.text
    assert await codes_of(demo_database, "telegram", "t-owner") == ["DPR100001"]


async def test_a_member_at_the_limit_is_refused_without_losing_the_code(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    code = await share_code(owner)
    full = await new_chat(conversation, "viber", "v-full", "en")
    async with demo_database.transaction() as session:
        chat_id = await session.scalar(select(Chat.id).where(Chat.external_id == "v-full"))
        for number in range(10):
            session.add(ChatLink(chat_id=chat_id, customer_code=f"DPE9{number:05d}"))
    await full.say(f"/share {code}")
    assert "at most 10 customer codes" in full.text
    await full.say("/unlink DPE900000")
    await full.say(f"/share {code}")
    assert "Done!" in full.text


async def test_the_console_says_where_alerts_come(
    conversation: Conversation, demo_database: Database
) -> None:
    from bot.channels.registry import DIRECTORY
    from handlers.turn import Deps

    deps: Deps = conversation._deps  # type: ignore[attr-defined]
    console = Conversation(demo_database, type(deps)(**{**deps.__dict__, "channels": DIRECTORY}))
    chat = FakeChat(console.handle, channel="console", chat_id="tty", language_hint="en")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    assert "is linked to this chat.\nAlerts can't be shown here" in chat.text
    await chat.say("/alerts")
    assert "they come in Telegram and Viber. Send /share" in chat.text
    await chat.say("/accounts")
    assert "they come in Telegram and Viber" in chat.text
    async with demo_database.transaction() as session:
        rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
    assert rows == 0


async def test_codes_expired_for_a_day_are_deleted(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await proved(conversation, ("DPR100001", "42.50"))
    old = await share_code(owner)
    async with demo_database.transaction() as session:
        await session.execute(update(ShareCode).values(expires_at=utcnow() - timedelta(days=2)))
    other = await new_chat(conversation, "viber", "v-other", "en")
    await other.say("/link DGJ200002")
    await other.say("18.20")
    await share_code(other)
    async with demo_database.transaction() as session:
        left = await session.scalar(select(func.count()).select_from(ShareCode))
    assert left == 1
    await other.say(f"/share {old}")
    assert "not right" in other.text
