"""One-time share codes: ``/share`` in a chat gives a code; sending it from another chat gives
that chat the codes proved in the first (see :mod:`services.household`).

A code is :data:`CODE_LENGTH` characters people can type (no 0/O, 1/I), valid for
:data:`CODE_TTL` and once, stored only as its SHA-256. A newer code of the same chat replaces
the older ones. A wrong code counts as a failed attempt of the redeeming chat, like a wrong
proof (:func:`services.linking.record_failure`: five within 24 hours lock linking for 24 hours).
Every chat that held a code before is told, in its own language, that a new chat gained it
(:func:`services.holders.announce`), and may remove it; a share from a holder also ends a
removal of the redeeming chat from those codes (it may hold them again).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services import holders, household
from services.channels import ChannelDirectory
from services.db.household_models import ShareCode
from services.db.models import Chat
from services.db.types import utcnow
from services.linking import MAX_LINKS, record_failure
from services.staff.credentials import CODE_ALPHABET, new_code, token_hash

log = logging.getLogger(__name__)
CODE_LENGTH = 8
CODE_TTL = timedelta(minutes=10)
KEEP_EXPIRED = timedelta(days=1)  # a late sender is told "expired", not "wrong", for a day
DEEP_LINK_PREFIX = "share-"
_TYPED = re.compile(rf"[{CODE_ALPHABET}]{{4}}-?[{CODE_ALPHABET}]{{4}}")


class RedeemOutcome(Enum):
    """What became of a share code sent from a chat."""

    JOINED = "joined"
    ALREADY_SHARED = "already_shared"
    OWN_CODE = "own_code"
    EXPIRED = "expired"
    WRONG = "wrong"
    LOCKED = "locked"
    TOO_MANY_LINKS = "too_many_links"
    NOTHING_TO_SHARE = "nothing_to_share"


@dataclass(frozen=True)
class IssuedCode:
    """A new share code (shown once: only its hash is kept) and the codes it gives."""

    code: str
    expires_at: datetime
    codes: tuple[str, ...]

    @property
    def display(self) -> str:
        """``KQ7M-3XPA``: easier to read out and type."""
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def deep_link_payload(self) -> str:
        """The ``start`` parameter or Viber ``context`` that sends this code."""
        return DEEP_LINK_PREFIX + self.code


@dataclass(frozen=True)
class Redeemed:
    """The outcome, the codes the chat now shares, and the owner's channel."""

    outcome: RedeemOutcome
    codes: tuple[str, ...] = ()
    owner_channel: str | None = None
    attempts_left: int = 0
    locked_until: datetime | None = None


def read_code(text: str) -> str | None:
    """The share code in what someone typed (``kq7m-3xpa``, ``KQ7M3XPA``, ``share-KQ7M3XPA``),
    or None when it is not shaped like one."""
    candidate = text.strip().upper()
    if candidate.startswith(DEEP_LINK_PREFIX.upper()):
        candidate = candidate[len(DEEP_LINK_PREFIX) :]
    candidate = candidate.replace(" ", "")
    return candidate.replace("-", "") if _TYPED.fullmatch(candidate) else None


def is_deep_link(payload: str) -> bool:
    return payload.startswith(DEEP_LINK_PREFIX)


async def issue(
    session: AsyncSession, chat: Chat, now: datetime | None = None
) -> IssuedCode | None:
    """A new share code for ``chat``; None when it has proved no code itself."""
    codes = await household.proved_codes(session, chat.id)
    if not codes:
        return None
    now = now or utcnow()
    await session.execute(
        delete(ShareCode).where(ShareCode.chat_id == chat.id, ShareCode.used_at.is_(None))
    )
    await session.execute(delete(ShareCode).where(ShareCode.expires_at < now - KEEP_EXPIRED))
    code = new_code(CODE_LENGTH)
    session.add(
        ShareCode(
            code_hash=token_hash(code), chat_id=chat.id, created_at=now, expires_at=now + CODE_TTL
        )
    )
    await session.flush()
    log.info("chat %s made a share code for %d codes", chat.id, len(codes))
    return IssuedCode(code, now + CODE_TTL, tuple(codes))


async def redeem(
    session: AsyncSession,
    chat: Chat,
    code: str,
    *,
    channels: ChannelDirectory | None = None,
    default_language: str = "sq",
    now: datetime | None = None,
) -> Redeemed:
    """Give ``chat`` the codes of the chat that made ``code`` (already read by
    :func:`read_code`), in the caller's transaction."""
    now = now or utcnow()
    if chat.link_locked_until is not None and chat.link_locked_until > now:
        return Redeemed(RedeemOutcome.LOCKED, locked_until=chat.link_locked_until)
    row = await session.scalar(
        select(ShareCode).where(ShareCode.code_hash == token_hash(code)).with_for_update()
    )
    if row is None:
        left, until = await record_failure(session, chat, "", "share")
        outcome = RedeemOutcome.LOCKED if until else RedeemOutcome.WRONG
        return Redeemed(outcome, attempts_left=left, locked_until=until)
    if row.chat_id == chat.id:
        return Redeemed(RedeemOutcome.OWN_CODE)
    if row.used_at is not None or row.expires_at <= now:
        log.info("chat %s sent a share code that is used or expired", chat.id)
        return Redeemed(RedeemOutcome.EXPIRED)
    owner = await session.get(Chat, row.chat_id)
    assert owner is not None  # the row goes with its chat (ON DELETE CASCADE)
    owned = await household.proved_codes(session, owner.id)
    if not owned:
        return Redeemed(RedeemOutcome.NOTHING_TO_SHARE, owner_channel=owner.channel)
    already = await household.is_member(session, owner.id, chat.id)
    mine = set(await household.codes_of(session, chat.id))
    if len(mine | set(owned)) > MAX_LINKS:
        return Redeemed(RedeemOutcome.TOO_MANY_LINKS, tuple(owned), owner.channel)
    row.used_at, row.used_by_chat_id = now, chat.id
    told = {code: await holders.holder_ids(session, code) for code in owned if code not in mine}
    codes = await household.join(session, owner.id, chat.id, MAX_LINKS)
    await holders.lift(session, chat.id, codes)
    await holders.announce(
        session,
        chat,
        told,
        holders.SHARE,
        now=now,
        channels=channels,
        default_language=default_language,
    )
    if already:
        return Redeemed(RedeemOutcome.ALREADY_SHARED, tuple(codes), owner.channel)
    return Redeemed(RedeemOutcome.JOINED, tuple(codes), owner.channel)
