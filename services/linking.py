"""Linking chats to customer codes, each proved by the amount of its latest bill.

A chat links at most :data:`MAX_LINKS` codes. Every wrong proof (and every wrong share code)
counts as a failure; a wrong proof counts twice over:

- for the chat: :data:`MAX_FAILURES` failures within :data:`FAILURE_WINDOW` lock linking for the
  chat for :data:`LOCK_DURATION`;
- for the customer code, across all chats: :data:`CODE_MAX_FAILURES` failures within
  :data:`CODE_FAILURE_WINDOW`, each chat counting at most :data:`CODE_FAILURES_PER_CHAT` of
  them (so it takes five chats, not two throwaway ones), pause linking of that code until the
  oldest counted one is that old (a cool-down), so that many chats cannot guess one bill
  together. The pause only slows: it stops the chats that already gave
  :data:`PAUSED_TRIES` wrong amounts for that code, while any other chat (the holder's own)
  may still try, that many times. Nobody can shut the holder out of their own code; the signed
  link on the bill and a share code from a holder are never paused.

Proofs also have a budget per chat and per district within an hour (:mod:`services.budgets`,
``KESCO_PROOFS_PER_CHAT``, ``KESCO_PROOFS_PER_AREA``: the code's district, known before the
account backend is asked), answered with :attr:`LinkOutcome.BUSY`.

A well-formed code that does not exist is treated exactly like one that does: the same prompt
for the proof (asked before the account backend is), the same calls to the backend when the
proof comes, and the same failure, counted the same way. Nothing tells them apart.

A signed link from the bill (:mod:`services.deep_links`) is a proof too. A code proved in a chat
that shares its codes (:mod:`services.household`) is given to the chats of its household too.

The chats that held the code already are told of the new one, and may remove it
(:mod:`services.holders`); a chat removed from a code cannot link it again, by proof or link,
with the same bill (:attr:`LinkOutcome.REMOVED`). Unlinking a code cancels the chat's unsent
messages about it.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services import budgets, holders, household, link_grants
from services.alerts import outbox
from services.backend import AccountBackend, Customer
from services.channels import ChannelDirectory
from services.customer_places import link_place, refresh
from services.db import changed
from services.db.models import Chat, ChatLink, ProofFailure
from services.db.types import utcnow

log = logging.getLogger(__name__)
MAX_LINKS = 10
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(hours=24)
LOCK_DURATION = timedelta(hours=24)
CODE_MAX_FAILURES = 10
CODE_FAILURES_PER_CHAT = 2
CODE_FAILURE_WINDOW = timedelta(hours=24)
PAUSED_TRIES = 2


class LinkOutcome(Enum):
    """What became of a request to link or prove a code."""

    READY_FOR_PROOF = "ready_for_proof"
    LINKED = "linked"
    ALREADY_LINKED = "already_linked"
    TOO_MANY_LINKS = "too_many_links"
    LOCKED = "locked"
    CODE_LOCKED = "code_locked"
    WRONG_PROOF = "wrong_proof"
    UNKNOWN_CODE = "unknown_code"  # only for a signed bill link the backend does not know
    BUSY = "busy"  # the proofs' budget of the chat, or of the code's district, is spent
    REMOVED = "removed"  # a holder removed this chat from the code under the current bill
    LINK_SPENT = "link_spent"  # this chat used this printed link already
    LINK_FULL = "link_full"  # the printed link linked as many chats as it may


@dataclass(frozen=True)
class LinkResult:
    """The outcome, and what the user may be told about it."""

    outcome: LinkOutcome
    code: str
    customer: Customer | None = None
    attempts_left: int = MAX_FAILURES
    locked_until: datetime | None = None
    over: budgets.Over | None = None


class LinkingService:
    """Links, unlinks and lists codes for a chat, inside the caller's transaction."""

    def __init__(
        self,
        backend: AccountBackend,
        proofs: budgets.Budget | None = None,
        *,
        channels: ChannelDirectory | None = None,
        default_language: str = "sq",
        link_max_chats: int = link_grants.DEFAULT_MAX_CHATS,
    ) -> None:
        self._backend = backend
        self._link_max_chats = link_max_chats
        self._proofs = proofs or budgets.Budgets().proofs
        self._channels = channels
        self._default_language = default_language

    async def linked_codes(self, session: AsyncSession, chat: Chat) -> list[str]:
        query = (
            select(ChatLink.customer_code)
            .where(ChatLink.chat_id == chat.id)
            .order_by(ChatLink.created_at, ChatLink.id)
        )
        return list(await session.scalars(query))

    async def shared_codes(self, session: AsyncSession, chat: Chat) -> set[str]:
        """The codes another chat shared with this one (not proved here)."""
        query = select(ChatLink.customer_code).where(
            ChatLink.chat_id == chat.id, ChatLink.shared_from_chat_id.is_not(None)
        )
        return set(await session.scalars(query))

    def locked_until(self, chat: Chat, now: datetime | None = None) -> datetime | None:
        now = now or utcnow()
        until = chat.link_locked_until
        return until if until is not None and until > now else None

    async def code_locked_until(
        self,
        session: AsyncSession,
        code: str,
        now: datetime | None = None,
        chat_id: int | None = None,
    ) -> datetime | None:
        """Until when linking ``code`` is paused (too many failures from enough chats), or
        None; with ``chat_id``, None also while that chat has tries left in a pause."""
        now = now or utcnow()
        rows = (
            await session.execute(
                select(ProofFailure.chat_id, ProofFailure.at)
                .where(
                    ProofFailure.customer_code == code,
                    ProofFailure.kind == "proof",
                    ProofFailure.at > now - CODE_FAILURE_WINDOW,
                )
                .order_by(ProofFailure.at.desc())
            )
        ).all()
        by_chat: Counter[int] = Counter()
        counted: list[datetime] = []
        for failed_chat, at in rows:
            by_chat[failed_chat] += 1
            if by_chat[failed_chat] <= CODE_FAILURES_PER_CHAT:
                counted.append(at)
        if len(counted) < CODE_MAX_FAILURES:
            return None
        if chat_id is not None and by_chat[chat_id] < PAUSED_TRIES:
            return None
        return counted[CODE_MAX_FAILURES - 1] + CODE_FAILURE_WINDOW

    async def start(self, session: AsyncSession, chat: Chat, code: str) -> LinkResult:
        """Check that this chat may try to link ``code``, before asking for the proof.

        The account backend is not asked here: whether the code exists must not change the
        answer (a well-formed code that does not exist also gets the proof prompt)."""
        if until := self.locked_until(chat):
            return LinkResult(LinkOutcome.LOCKED, code, locked_until=until)
        codes = await self.linked_codes(session, chat)
        if code in codes:
            return LinkResult(LinkOutcome.ALREADY_LINKED, code)
        if len(codes) >= MAX_LINKS:
            return LinkResult(LinkOutcome.TOO_MANY_LINKS, code)
        if until := await self.code_locked_until(session, code, chat_id=chat.id):
            return LinkResult(LinkOutcome.CODE_LOCKED, code, locked_until=until)
        return LinkResult(LinkOutcome.READY_FOR_PROOF, code)

    async def prove(
        self, session: AsyncSession, chat: Chat, code: str, amount: Decimal
    ) -> LinkResult:
        """Link ``code`` when ``amount`` is its latest bill's amount; count a failure otherwise.

        The backend is asked the same two questions whether the code exists or not."""
        checked = await self.start(session, chat, code)
        if checked.outcome is not LinkOutcome.READY_FOR_PROOF:
            return checked
        now = utcnow()
        district = code[:3]
        over = await budgets.exceeded(session, budgets.PROOF, self._proofs, chat.id, district, now)
        if over is not None:
            log.info("chat %s: proofs' budget spent (%s)", chat.id, over.value)
            return LinkResult(LinkOutcome.BUSY, code, over=over)
        budgets.spend(session, budgets.PROOF, chat.id, district, now)
        customer = await self._backend.get_customer(code)
        proved = await self._backend.verify_proof(code, amount)
        if customer is None or not proved:
            return await self._fail(session, chat, code)
        return await self._link(session, chat, code, customer, holders.PROOF)

    async def link_by_bill(
        self, session: AsyncSession, chat: Chat, code: str, link_key: str | None = None
    ) -> LinkResult:
        """Link ``code`` on the proof of a signed link from its bill (checked by the caller).

        No amount is asked for, and the failure locks do not apply: a valid signature can't
        be guessed. A code the account backend does not know is not linked. The link
        ``link_key`` links each chat once and at most ``link_max_chats`` chats
        (:mod:`services.link_grants`).
        """
        codes = await self.linked_codes(session, chat)
        if code in codes:
            return LinkResult(LinkOutcome.ALREADY_LINKED, code)
        if link_key is not None:
            admitted = await link_grants.admission(session, chat.id, link_key, self._link_max_chats)
            if admitted is not link_grants.Admission.OPEN:
                log.info("chat %s: a printed link that is %s", chat.id, admitted.value)
                spent = admitted is link_grants.Admission.SPENT
                return LinkResult(LinkOutcome.LINK_SPENT if spent else LinkOutcome.LINK_FULL, code)
        if len(codes) >= MAX_LINKS:
            return LinkResult(LinkOutcome.TOO_MANY_LINKS, code)
        customer = await self._backend.get_customer(code)
        if customer is None:
            log.info("chat %s: a signed link names a code the backend does not know", chat.id)
            return LinkResult(LinkOutcome.UNKNOWN_CODE, code)
        result = await self._link(session, chat, code, customer, holders.LINK)
        if result.outcome is LinkOutcome.LINKED and link_key is not None:
            await link_grants.grant(session, chat.id, code, link_key)
        return result

    async def _link(
        self, session: AsyncSession, chat: Chat, code: str, customer: Customer, via: str
    ) -> LinkResult:
        """Where a chat gains a code by proof or link: unless a holder removed it under this
        bill, link it, copy it to its household, and tell the chats that held it already."""
        if await holders.barred(session, self._backend, chat.id, code):
            return LinkResult(LinkOutcome.REMOVED, code)
        told = await holders.holder_ids(session, code)
        place = link_place(customer)
        session.add(ChatLink(chat_id=chat.id, customer_code=code, via=via, **place.columns()))
        await session.flush()
        await refresh(session, customer)
        shared = await household.share_new_code(session, chat.id, code, place, MAX_LINKS)
        log.info("chat %s linked a customer code (also given to %d chats)", chat.id, shared)
        await holders.announce(
            session,
            chat,
            {code: told},
            via,
            now=utcnow(),
            channels=self._channels,
            default_language=self._default_language,
        )
        return LinkResult(LinkOutcome.LINKED, code, customer)

    async def unlink(self, session: AsyncSession, chat: Chat, code: str) -> bool:
        """Unlink ``code`` from the chat, and from the chats it gave it to when it proved it;
        their unsent messages about it are cancelled in the same transaction."""
        result = await session.execute(
            delete(ChatLink).where(ChatLink.chat_id == chat.id, ChatLink.customer_code == code)
        )
        await household.unshare_code(session, chat.id, code)
        await outbox.cancel_about_code(session, code, [chat.id])
        return bool(changed(result))

    async def _fail(self, session: AsyncSession, chat: Chat, code: str) -> LinkResult:
        now = utcnow()
        left, until = await record_failure(session, chat, code, "proof", now)
        if until is not None:
            return LinkResult(LinkOutcome.LOCKED, code, attempts_left=0, locked_until=until)
        if until := await self.code_locked_until(session, code, now, chat.id):
            log.warning(
                "a customer code: linking paused after %d failed proofs from any chat",
                CODE_MAX_FAILURES,
            )
            return LinkResult(LinkOutcome.CODE_LOCKED, code, attempts_left=left, locked_until=until)
        return LinkResult(LinkOutcome.WRONG_PROOF, code, attempts_left=left)


async def record_failure(
    session: AsyncSession, chat: Chat, code: str, kind: str, now: datetime | None = None
) -> tuple[int, datetime | None]:
    """Count a failed attempt (``kind`` "proof" or "share") for the chat: the attempts left,
    and until when linking is locked when that was the last one."""
    now = now or utcnow()
    session.add(ProofFailure(chat_id=chat.id, customer_code=code, at=now, kind=kind))
    await session.flush()
    failures = await session.scalar(
        select(func.count())
        .select_from(ProofFailure)
        .where(ProofFailure.chat_id == chat.id, ProofFailure.at > now - FAILURE_WINDOW)
    )
    left = max(MAX_FAILURES - int(failures or 0), 0)
    log.info("chat %s: failed %s attempt, %d attempts left", chat.id, kind, left)
    if left > 0:
        return left, None
    chat.link_locked_until = now + LOCK_DURATION
    log.warning("chat %s: linking locked after %d failed attempts", chat.id, MAX_FAILURES)
    return 0, chat.link_locked_until
