"""The holder is in control: every chat that gains a code (by proof, by the signed link on the
bill, by a share code) is announced to the chats that held it already, in each one's language,
through the outbox; ``/accounts`` lists every chat holding each code and removes, after a
confirmation, a chat that came later; a removed chat cannot link the code again with the same
bill, only with a newer one or a holder's share. Through the real conversation, on SQLite and
(marker ``db``) on PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from handlers.turn import Deps
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.household_models import HolderRemoval
from services.db.models import Chat, ChatLink, DemoBill, DemoCustomer
from services.deep_links import DeepLinks
from tests.fakes.chat import FakeChat

pytestmark = pytest.mark.db
SHARE = re.compile(r"/share ([A-Z2-9]{4}-[A-Z2-9]{4})")
CODE = "DPR100001"


async def new_chat(
    conversation: Conversation, chat_id: str, language: str, channel: str = "telegram"
) -> FakeChat:
    chat = FakeChat(conversation.handle, channel=channel, chat_id=chat_id)
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    return chat


async def prove(chat: FakeChat, code: str = CODE, amount: str = "42.50") -> None:
    await chat.say(f"/link {code}")
    await chat.say(amount)


async def chat_id_of(database: Database, external_id: str) -> int:
    async with database.transaction() as session:
        found = await session.scalar(select(Chat.id).where(Chat.external_id == external_id))
    assert found is not None
    return found


async def rows_to(database: Database, external_id: str) -> list[OutboxMessage]:
    async with database.transaction() as session:
        query = (
            select(OutboxMessage)
            .join(Chat, Chat.id == OutboxMessage.chat_id)
            .where(Chat.external_id == external_id)
            .order_by(OutboxMessage.id)
        )
        return list(await session.scalars(query))


async def holds(database: Database, external_id: str, code: str = CODE) -> bool:
    async with database.transaction() as session:
        query = (
            select(ChatLink.id)
            .join(Chat, Chat.id == ChatLink.chat_id)
            .where(Chat.external_id == external_id, ChatLink.customer_code == code)
        )
        return (await session.scalar(query)) is not None


async def link_id_of(database: Database, external_id: str, code: str = CODE) -> int:
    async with database.transaction() as session:
        query = (
            select(ChatLink.id)
            .join(Chat, Chat.id == ChatLink.chat_id)
            .where(Chat.external_id == external_id, ChatLink.customer_code == code)
        )
        found = await session.scalar(query)
    assert found is not None
    return found


async def full_name(database: Database, code: str = CODE) -> str:
    async with database.transaction() as session:
        customer = await session.get(DemoCustomer, code)
    assert customer is not None
    return customer.full_name


async def share_code(chat: FakeChat) -> str:
    await chat.say("/share")
    match = SHARE.search(chat.text)
    assert match, chat.text
    return match.group(1)


def payloads(row: OutboxMessage) -> list[str]:
    return [button[1] for line in json.loads(row.buttons or "[]") for button in line]


async def household(conversation: Conversation) -> tuple[FakeChat, FakeChat]:
    """The owner (Telegram, Albanian) proved the code; its member (Viber, English) got it by a
    share code."""
    owner = await new_chat(conversation, "t-owner", "sq")
    await prove(owner)
    member = await new_chat(conversation, "v-member", "en", channel="viber")
    await member.say(f"/share {await share_code(owner)}")
    assert "Done!" in member.text
    return owner, member


async def test_a_chat_proving_the_code_is_announced_to_every_holder_in_its_language(
    conversation: Conversation, demo_database: Database
) -> None:
    _owner, _member = await household(conversation)
    [share_notice] = await rows_to(demo_database, "t-owner")
    assert share_notice.text.startswith("🔔 Një bisedë e re në Viber lidhi DPR100001 sot në orën")
    assert "me një kod ndarjeje" in share_notice.text
    assert share_notice.customer_code == CODE

    stranger = await new_chat(conversation, "t-stranger", "sr")
    await prove(stranger)
    assert "DPR100001" in stranger.text and "A*** K***" in stranger.text
    stranger_link = await link_id_of(demo_database, "t-stranger")

    [_share, to_owner] = await rows_to(demo_database, "t-owner")
    [to_member] = await rows_to(demo_database, "v-member")
    assert await rows_to(demo_database, "t-stranger") == []
    assert re.match(
        r"🔔 A new Telegram chat linked DPR100001 today at \d{1,2}:\d\d, with the amount "
        r"of the latest bill\. If it was not you or someone you trust, remove it\.",
        to_member.text,
    ), to_member.text
    assert to_owner.text.startswith("🔔 Një bisedë e re në Telegram lidhi DPR100001 sot në orën")
    for row in (to_owner, to_member):
        assert row.customer_code == CODE and row.state == "queued" and row.urgency == 0
        assert payloads(row) == [f"holder:ask:{stranger_link}", "cmd:accounts"]
        assert "t-stranger" not in row.text
    name = await full_name(demo_database)
    async with demo_database.transaction() as session:
        texts = list(await session.scalars(select(OutboxMessage.text)))
    assert texts and not any(part in text for text in texts for part in name.split())

    # Pressed in the owner's chat (as the messenger sends it), the announcement's button asks
    # first.
    [question] = await conversation.handle(
        IncomingMessage("telegram", "t-owner", "t-owner", payload=payloads(to_owner)[0])
    )
    assert question.text.startswith("Ta heqim bisedën në Telegram që e lidhi DPR100001 më ")
    assert f"holder:remove:{stranger_link}" in [b.payload for b in question.all_buttons()]
    assert question.edits_pressed  # the confirmation takes the pressed message's place
    assert await holds(demo_database, "t-stranger")


async def test_a_chat_opening_the_link_on_the_bill_is_announced(
    demo_database: Database, deps: Deps
) -> None:
    links = DeepLinks(secret="holders-test-secret", telegram_bot="KescoBot", viber_chat_uri="k")
    conversation = Conversation(demo_database, Deps(**{**deps.__dict__, "links": links}))
    owner = await new_chat(conversation, "t-owner", "en")
    await prove(owner)
    opener = FakeChat(conversation.handle, channel="viber", chat_id="v-opener", language_hint="en")
    payload = links.bill_payload(CODE, date.today() + timedelta(days=30))
    await opener.say(f"/start {payload}")
    assert "is linked to this chat" in opener.text
    [row] = await rows_to(demo_database, "t-owner")
    assert row.text.startswith("🔔 A new Viber chat linked DPR100001 today at")
    assert "with the link printed on the bill" in row.text
    assert payloads(row)[0] == f"holder:ask:{await link_id_of(demo_database, 'v-opener')}"

    await owner.say("/accounts")
    assert "Viber chat, linked" in owner.text and "by the link on the bill" in owner.text


async def test_accounts_lists_every_holder_and_only_later_ones_can_be_removed(
    conversation: Conversation, demo_database: Database
) -> None:
    owner, member = await household(conversation)
    stranger = await new_chat(conversation, "t-stranger", "en")
    await prove(stranger)
    member_link = await link_id_of(demo_database, "v-member")
    stranger_link = await link_id_of(demo_database, "t-stranger")
    owner_link = await link_id_of(demo_database, "t-owner")

    await member.say("/accounts")
    listing = member.text
    assert "Chats that hold DPR100001:" in listing
    lines = [line for line in listing.splitlines() if line.startswith("• ") and "linked" in line]
    assert len(lines) == 3
    assert lines[0].startswith("• Telegram chat, linked ") and "by proof of the bill" in lines[0]
    assert lines[1].startswith("• Viber (this chat), linked ") and "by a share code" in lines[1]
    assert lines[2].startswith("• Telegram chat, linked ") and "by proof of the bill" in lines[2]
    for secret in ("t-owner", "t-stranger"):
        assert secret not in listing
    removable = [p for p in member.payloads() if p.startswith("holder:")]
    assert removable == [f"holder:ask:{stranger_link}"]

    await owner.say("/accounts")
    assert "Bisedat që e mbajnë DPR100001:" in owner.text
    assert [p for p in owner.payloads() if p.startswith("holder:")] == [
        f"holder:ask:{member_link}",
        f"holder:ask:{stranger_link}",
    ]

    # The newest holder may remove nobody: a typed payload is refused, and nothing changes.
    await stranger.say("/accounts")
    assert "Chats that hold DPR100001:" in stranger.text
    assert not [p for p in stranger.payloads() if p.startswith("holder:")]
    for forged in (f"holder:remove:{owner_link}", f"holder:ask:{member_link}", "holder:remove:x"):
        replies = await conversation.handle(
            IncomingMessage("telegram", "t-stranger", "t-stranger", payload=forged)
        )
        assert [reply.text for reply in replies] == ["That button is no longer valid."]
    assert await holds(demo_database, "t-owner") and await holds(demo_database, "v-member")


async def test_a_removed_chat_needs_a_newer_bill_or_a_share(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await new_chat(conversation, "t-owner", "en")
    await prove(owner)
    stranger = await new_chat(conversation, "t-stranger", "en")
    await prove(stranger)
    stranger_link = await link_id_of(demo_database, "t-stranger")

    await owner.say("/accounts")
    await owner.press(f"holder:ask:{stranger_link}")
    assert owner.text.startswith("Remove the Telegram chat that linked DPR100001 on ")
    assert "(by proof of the bill)?" in owner.text
    assert await holds(demo_database, "t-stranger")
    await owner.press("✅ Yes, remove it")
    assert owner.text == (
        "Done: the Telegram chat no longer holds DPR100001 and gets no more alerts for it."
    )
    assert not await holds(demo_database, "t-stranger")
    [told] = [r for r in await rows_to(demo_database, "t-stranger") if "no longer" in r.text]
    assert told.text.startswith("This chat no longer holds the customer code DPR100001")
    assert "A*** K***" not in told.text

    # The same bill again: refused, politely, by amount and by the link on the bill.
    await prove(stranger)
    assert "removed this chat from it, so DPR100001 cannot be linked here again" in stranger.text
    assert "next bill" in stranger.text and "/share" in stranger.text
    assert not await holds(demo_database, "t-stranger")

    # A newer bill: it may link again, and the owner is told again.
    async with demo_database.transaction() as session:
        session.add(
            DemoBill(
                customer_code=CODE,
                period="2099-01",
                amount=Decimal("51.30"),
                currency="EUR",
                issued_on=date.today(),
                due_date=date.today() + timedelta(days=20),
            )
        )
    await prove(stranger, amount="51.30")
    assert "Done! DPR100001" in stranger.text
    announcements = [r for r in await rows_to(demo_database, "t-owner") if "🔔" in r.text]
    assert len(announcements) == 2
    async with demo_database.transaction() as session:
        assert list(await session.scalars(select(HolderRemoval))) == []


async def test_a_share_from_a_holder_lets_a_removed_chat_back(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await new_chat(conversation, "t-owner", "en")
    await prove(owner)
    member = await new_chat(conversation, "v-member", "en", channel="viber")
    await member.say(f"/share {await share_code(owner)}")
    await owner.say("/accounts")
    await owner.press(f"holder:ask:{await link_id_of(demo_database, 'v-member')}")
    await owner.press("✅ Yes, remove it")
    assert not await holds(demo_database, "v-member")
    await prove(member)
    assert "cannot be linked here again" in member.text
    await member.say(f"/share {await share_code(owner)}")
    assert "Done! This chat now shares" in member.text
    assert await holds(demo_database, "v-member")


async def test_removing_a_chat_also_removes_the_chats_it_shared_the_code_with(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await new_chat(conversation, "t-owner", "en")
    await prove(owner)
    stranger = await new_chat(conversation, "t-stranger", "en")
    await prove(stranger)
    accomplice = await new_chat(conversation, "v-accomplice", "en", channel="viber")
    await accomplice.say(f"/share {await share_code(stranger)}")
    assert await holds(demo_database, "v-accomplice")
    # The owner was told of both: the proof and the share.
    assert len([r for r in await rows_to(demo_database, "t-owner") if "🔔" in r.text]) == 2

    await owner.say("/accounts")
    await owner.press(f"holder:ask:{await link_id_of(demo_database, 't-stranger')}")
    await owner.press("✅ Yes, remove it")
    assert not await holds(demo_database, "t-stranger")
    assert not await holds(demo_database, "v-accomplice")
    await prove(accomplice)
    assert "cannot be linked here again" in accomplice.text
    await owner.say("/accounts")
    assert "Chats that hold" not in owner.text


async def test_the_owner_removing_a_household_member_bars_it_too(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = await new_chat(conversation, "t-owner", "en")
    await prove(owner)
    member = await new_chat(conversation, "v-member", "en", channel="viber")
    await member.say(f"/share {await share_code(owner)}")
    await owner.say("/accounts")
    await owner.press(f"hh:remove:{await chat_id_of(demo_database, 'v-member')}")
    assert "That chat no longer shares your customer codes" in owner.text
    await prove(member)
    assert "cannot be linked here again" in member.text
    assert not await holds(demo_database, "v-member")
