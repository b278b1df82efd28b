"""The chats holding a customer code, and the holder in control of who else does.

Every chat with a code in ``chat_links`` *holds* it: it proved it (the bill's amount), opened
the signed link on the bill, or got it by a share code (:mod:`services.share_codes`, or a copy
from its household, :mod:`services.household`). When a chat gains a code, the chats already
holding it are told (:func:`announce`), each in its own language, through the outbox; and any
holder may remove a chat that gained the code *after* it did (:func:`may_remove`), so the chat
that has held it longest may remove anyone and a newcomer can never remove an older holder.

A removed chat loses the code (and so do the chats it gave it to by sharing), its unsent
messages about the code are cancelled, the links printed on the code's bills stop working
(:mod:`services.link_grants`), and it may not prove the code again with the bill that
was the latest when it was removed (:class:`~services.db.household_models.HolderRemoval`):
only with a newer bill, or with a share code from a chat that holds the code.
All functions work in the caller's transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_time
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from locales.translation import N_, babel_locale, translate
from services import link_grants
from services.alerts import outbox
from services.alerts.fanout import URGENT, Alert, queue_to_chat
from services.alerts.quiet import KOSOVO, SILENT
from services.backend import AccountBackend
from services.channels import ChannelDirectory
from services.db.household_models import HolderRemoval, HouseholdMember
from services.db.models import Chat, ChatLink

log = logging.getLogger(__name__)
PROOF, LINK, SHARE = "proof", "link", "share"
PREFIX = "holder"
ANNOUNCEMENTS = {
    PROOF: N_(
        "🔔 A new {messenger} chat linked {codes} today at {time}, with the amount of the "
        "latest bill. If it was not you or someone you trust, remove it."
    ),
    LINK: N_(
        "🔔 A new {messenger} chat linked {codes} today at {time}, with the link printed on "
        "the bill. If it was not you or someone you trust, remove it."
    ),
    SHARE: N_(
        "🔔 A new {messenger} chat linked {codes} today at {time}, with a share code from a "
        "chat that holds it. If it was not you or someone you trust, remove it."
    ),
}
REMOVE_ONE = N_("➖ Remove it")
REMOVE_FROM = N_("➖ Remove it from {code}")
MY_ACCOUNTS = N_("📋 My customer codes")
REMOVED_NOTICE = N_(
    "This chat no longer holds the customer code {code}: another chat that holds it removed "
    "this one, and no more alerts for it will come here. If the bill is yours, link it "
    "again with the amount of your next bill, or ask someone who holds it for a share code "
    "(/share)."
)


@dataclass(frozen=True)
class Holder:
    """One chat holding a code, as other holders may see it: no name, no messenger id.
    ``link_id`` (its ``chat_links`` row) tells holders apart, and goes away with the link."""

    link_id: int
    chat_id: int
    channel: str
    linked_at: datetime
    via: str

    def linked_after(self, other: Holder) -> bool:
        return (self.linked_at, self.link_id) > (other.linked_at, other.link_id)


def may_remove(remover: Holder, target: Holder) -> bool:
    """Any holder may remove a chat that gained the code after it; nobody an older holder."""
    return remover.chat_id != target.chat_id and target.linked_after(remover)


async def holders_of(session: AsyncSession, code: str) -> list[Holder]:
    """Every chat holding ``code``, the longest holder first."""
    rows = (
        await session.execute(
            select(
                ChatLink.id,
                ChatLink.chat_id,
                Chat.channel,
                ChatLink.created_at,
                ChatLink.via,
                ChatLink.shared_from_chat_id,
            )
            .join(Chat, Chat.id == ChatLink.chat_id)
            .where(ChatLink.customer_code == code)
            .order_by(ChatLink.created_at, ChatLink.id)
        )
    ).all()
    return [
        Holder(r[0], r[1], r[2], r[3], r[4] or (SHARE if r[5] is not None else PROOF)) for r in rows
    ]


async def holder_ids(session: AsyncSession, code: str) -> list[int]:
    """The chats holding ``code`` now (before a new one is added: whom to tell)."""
    query = select(ChatLink.chat_id).where(ChatLink.customer_code == code)
    return list(await session.scalars(query))


async def removable(session: AsyncSession, chat_id: int, link_id: int) -> tuple[str, Holder] | None:
    """The code and the holder of link ``link_id`` when chat ``chat_id`` may remove it; None
    when the link is gone or the chat may not (it does not hold the code, or came later)."""
    code = await session.scalar(select(ChatLink.customer_code).where(ChatLink.id == link_id))
    if code is None:
        return None
    holders = await holders_of(session, code)
    mine = next((h for h in holders if h.chat_id == chat_id), None)
    target = next((h for h in holders if h.link_id == link_id), None)
    if mine is None or target is None or not may_remove(mine, target):
        return None
    return code, target


async def remove(
    session: AsyncSession,
    backend: AccountBackend,
    chat_id: int,
    link_id: int,
    *,
    now: datetime,
    default_language: str,
) -> tuple[str, Holder] | None:
    """Chat ``chat_id`` removes the holder of link ``link_id`` (when it may, see
    :func:`removable`): the code goes from it and from the chats it shared it with, their unsent
    messages about it are cancelled, they may not prove it again with the current bill, and
    they are told. Returns the code and the removed holder."""
    found = await removable(session, chat_id, link_id)
    if found is None:
        return None
    code, target = found
    link = await session.get(ChatLink, link_id)
    assert link is not None
    owner = link.shared_from_chat_id
    gone = [target.chat_id]
    if owner is None:
        gone += await session.scalars(
            select(ChatLink.chat_id).where(
                ChatLink.shared_from_chat_id == target.chat_id, ChatLink.customer_code == code
            )
        )
    await session.execute(
        delete(ChatLink).where(ChatLink.customer_code == code, ChatLink.chat_id.in_(gone))
    )
    if owner is not None:
        await _end_empty_membership(session, owner, target.chat_id)
    await bar(session, backend, gone, [code], chat_id, now)
    await outbox.cancel_about_code(session, code, gone)
    await link_grants.revoke(session, code, link_grants.HOLDER, now)
    for chat in await session.scalars(select(Chat).where(Chat.id.in_(gone))):
        await _tell_removed(session, chat, code, default_language, now)
    log.info("chat %s removed %d chats from a customer code", chat_id, len(gone))
    return code, target


async def _end_empty_membership(session: AsyncSession, owner: int, member: int) -> None:
    """A member left without any of the owner's codes stops being a member (the owner's
    future codes do not reach it)."""
    left = await session.scalar(
        select(ChatLink.id).where(ChatLink.chat_id == member, ChatLink.shared_from_chat_id == owner)
    )
    if left is None:
        await session.execute(
            delete(HouseholdMember).where(
                HouseholdMember.owner_chat_id == owner, HouseholdMember.member_chat_id == member
            )
        )


async def bill_key(backend: AccountBackend, code: str) -> str:
    """What tells one bill of ``code`` from the next: its period and amount."""
    bill = await backend.latest_bill(code)
    return f"{bill.period} {bill.amount}" if bill is not None else ""


async def bar(
    session: AsyncSession,
    backend: AccountBackend,
    chat_ids: Sequence[int],
    codes: Sequence[str],
    by_chat_id: int | None,
    now: datetime,
) -> None:
    """Remember that ``chat_ids`` were removed from ``codes`` under the codes' current bills."""
    for code in codes:
        key = await bill_key(backend, code)
        for chat_id in chat_ids:
            session.add(
                HolderRemoval(
                    chat_id=chat_id,
                    customer_code=code,
                    bill=key,
                    removed_by_chat_id=by_chat_id,
                    removed_at=now,
                )
            )
    await session.flush()


async def barred(session: AsyncSession, backend: AccountBackend, chat_id: int, code: str) -> bool:
    """Whether chat ``chat_id`` was removed from ``code`` under the bill that is still the
    latest (it may not link the code with it). A removal under an older bill is forgotten."""
    bills = set(
        await session.scalars(
            select(HolderRemoval.bill).where(
                HolderRemoval.chat_id == chat_id, HolderRemoval.customer_code == code
            )
        )
    )
    if not bills:
        return False
    if await bill_key(backend, code) in bills:
        log.info("chat %s: removed from a customer code, tried it with the same bill", chat_id)
        return True
    await lift(session, chat_id, [code])
    return False


async def lift(session: AsyncSession, chat_id: int, codes: Sequence[str]) -> None:
    """Forget the removals of ``chat_id`` from ``codes`` (a holder shared them with it)."""
    if codes:
        await session.execute(
            delete(HolderRemoval).where(
                HolderRemoval.chat_id == chat_id, HolderRemoval.customer_code.in_(list(codes))
            )
        )


async def forget_code(session: AsyncSession, code: str) -> None:
    """Forget every removal from ``code`` (the account changed hands: a fresh start)."""
    await session.execute(delete(HolderRemoval).where(HolderRemoval.customer_code == code))


async def announce(
    session: AsyncSession,
    newcomer: Chat,
    told: Mapping[str, Sequence[int]],
    via: str,
    *,
    now: datetime,
    channels: ChannelDirectory | None = None,
    default_language: str = "sq",
) -> int:
    """Tell the chats that already held each code (``told``: code -> their chat ids) that
    ``newcomer`` gained it ``via`` a proof, a link or a share: one message per chat, in its
    language, with a button that removes the newcomer. Returns how many were queued."""
    links = dict(
        (
            await session.execute(
                select(ChatLink.customer_code, ChatLink.id).where(
                    ChatLink.chat_id == newcomer.id, ChatLink.customer_code.in_(list(told))
                )
            )
        ).all()
    )
    codes_of: dict[int, list[str]] = {}
    for code, chat_ids in told.items():
        for chat_id in chat_ids:
            if chat_id != newcomer.id and code in links:
                codes_of.setdefault(chat_id, []).append(code)
    if not codes_of:
        return 0
    title = (channels or ChannelDirectory()).traits(newcomer.channel).title
    queued = 0
    for chat in await session.scalars(select(Chat).where(Chat.id.in_(list(codes_of)))):
        if not chat.active or not chat.pushes:
            continue
        codes = codes_of[chat.id]
        language = chat.language or default_language
        text = translate(ANNOUNCEMENTS[via], language).format(
            messenger=title,
            codes=", ".join(codes),
            time=format_time(now.astimezone(KOSOVO), "short", locale=babel_locale(language)),
        )
        alert = Alert(
            event_id=f"holder:{links[codes[0]]}:{now.isoformat()}"[:160],
            subject=f"holders:{codes[0]}" if len(codes) == 1 else f"holders:{newcomer.id}",
            role="single",
            rendered={language: (text, _remove_buttons(codes, links, language))},
            urgency=URGENT,
            quiet=SILENT,
            customer_code=codes[0] if len(codes) == 1 else None,
        )
        await queue_to_chat(session, alert, chat, now=now, default_language=language)
        queued += 1
    log.info("chat %s gained %d codes by %s; %d holders told", newcomer.id, len(links), via, queued)
    return queued


def _remove_buttons(codes: Sequence[str], links: Mapping[str, int], language: str) -> str:
    rows: list[list[list[str]]] = []
    for code in codes:
        label = (
            translate(REMOVE_ONE, language)
            if len(codes) == 1
            else translate(REMOVE_FROM, language).format(code=code)
        )
        rows.append([[label, f"{PREFIX}:ask:{links[code]}"]])
    rows.append([[translate(MY_ACCOUNTS, language), "cmd:accounts"]])
    return json.dumps(rows, ensure_ascii=False)


async def _tell_removed(
    session: AsyncSession, chat: Chat, code: str, default_language: str, now: datetime
) -> None:
    """Tell a removed chat (when it can be messaged) what happened and what it can do. The code
    is all it is told: it typed or saw it; nothing of the customer."""
    if not chat.active or not chat.pushes:
        return
    language = chat.language or default_language
    alert = Alert(
        event_id=f"holder-removed:{code}:{now.isoformat()}"[:160],
        subject=f"holders:{code}",
        role="single",
        rendered={language: (translate(REMOVED_NOTICE, language).format(code=code), None)},
        urgency=URGENT,
        quiet=SILENT,
    )
    await queue_to_chat(session, alert, chat, now=now, default_language=language)
