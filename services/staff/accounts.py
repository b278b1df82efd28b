"""Staff members, who they are when they act (:class:`Principal`), sign-in with its delays and
lock, browser sessions, API tokens, and one-time codes that link a chat to a staff member.

Sign-in is slowed, never shut for a name by strangers: each failed sign-in of a username makes
the next try of that username wait longer (:func:`sign_in_delay`: growing with the failures of
the username from this address, and more gently with its failures from anywhere, at most
:data:`MAX_SIGN_IN_DELAY`), and the lock applies per address: :data:`FAILURE_LIMIT` failures
of one username from one address lock that username from that address, and
:data:`ADDRESS_FAILURE_LIMIT` failures of any usernames from one address lock that address,
for :data:`FAILURE_WINDOW`. Nobody else can lock ``admin`` (or anyone) out of the page.

A session opened with ``KESCO_ADMIN_TOKEN`` keeps the token's fingerprint (an HMAC keyed with
the token, never the token): it ends as soon as the token changes or is removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from services.customer_codes import DISTRICTS
from services.db.staff_models import (
    SignInFailure,
    StaffChat,
    StaffLinkCode,
    StaffMember,
    StaffSession,
)
from services.db.types import utcnow
from services.staff.credentials import (
    fingerprint,
    hash_password,
    new_code,
    new_token,
    same,
    token_hash,
    verify_password,
)

ROLES = ("operator", "admin")
PAGE_LANGUAGE = languages.LANGUAGES[0].code  # Albanian
ADMIN_TOKEN_USER = "admin"
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 10
FAILURE_LIMIT = 5  # for one username from one address: that pair is locked
ADDRESS_FAILURE_LIMIT = 50  # for any usernames from one address: that address is locked
FAILURE_WINDOW = timedelta(minutes=15)
MAX_SIGN_IN_DELAY = 5.0  # seconds
SESSION_LIFETIME = timedelta(hours=12)
LINK_CODE_LIFETIME = timedelta(minutes=10)


class StaffError(ValueError):
    """A staff member cannot be created as asked; ``field`` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Principal:
    """Who is acting: a staff member, or the holder of ``KESCO_ADMIN_TOKEN``."""

    username: str
    role: str
    districts: tuple[str, ...]
    staff_id: int | None
    via: str
    language: str = PAGE_LANGUAGE

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_act_in(self, district: str) -> bool:
        return self.is_admin or district in self.districts

    @property
    def scope(self) -> tuple[str, ...]:
        return tuple(DISTRICTS) if self.is_admin else self.districts


def admin_token_principal(via: str = "admin-token", language: str | None = None) -> Principal:
    return Principal(
        ADMIN_TOKEN_USER, "admin", tuple(DISTRICTS), None, via, page_language(language)
    )


def principal_of(member: StaffMember, via: str) -> Principal:
    districts = tuple(DISTRICTS) if member.role == "admin" else tuple(member.districts or ())
    return Principal(
        member.username, member.role, districts, member.id, via, page_language(member.language)
    )


def page_language(language: str | None) -> str:
    """The staff page's language: a language of the registry, Albanian unless chosen."""
    return language if language and languages.is_known(language) else PAGE_LANGUAGE


async def choose_language(
    session: AsyncSession, principal: Principal, session_token: str | None, language: str
) -> None:
    """Keep the staff member's page language (the admin token's: with its session)."""
    language = page_language(language)
    if principal.staff_id is not None:
        await session.execute(
            update(StaffMember)
            .where(StaffMember.id == principal.staff_id)
            .values(language=language)
        )
    elif session_token:
        await session.execute(
            update(StaffSession)
            .where(StaffSession.token_hash == token_hash(session_token))
            .values(language=language)
        )


def check_new_staff(username: str, role: str, districts: Sequence[str], password: str) -> None:
    if not USERNAME.match(username) or username == ADMIN_TOKEN_USER:
        raise StaffError("username", "username: 2-64 of a-z 0-9 . _ -, not 'admin'")
    if role not in ROLES:
        raise StaffError("role", "role must be operator or admin")
    unknown = [d for d in districts if d not in DISTRICTS]
    if unknown:
        raise StaffError("districts", f"unknown districts: {', '.join(unknown)}")
    if role == "operator" and not districts:
        raise StaffError("districts", "an operator needs at least one district")
    if len(password) < MIN_PASSWORD:
        raise StaffError("password", f"the password needs at least {MIN_PASSWORD} characters")


async def create_staff(
    session: AsyncSession, username: str, role: str, districts: Sequence[str], password: str
) -> StaffMember:
    """A new staff member; raises :class:`StaffError` naming the field that is wrong."""
    username = username.strip().lower()
    districts = sorted({d.strip().upper() for d in districts if d.strip()})
    check_new_staff(username, role, districts, password)
    taken = await session.scalar(select(StaffMember.id).where(StaffMember.username == username))
    if taken is not None:
        raise StaffError("username", "a staff member with this username exists")
    member = StaffMember(
        username=username,
        role=role,
        districts=districts if role == "operator" else [],
        password_hash=hash_password(password),
        active=True,
    )
    session.add(member)
    await session.flush()
    return member


async def list_staff(session: AsyncSession) -> list[StaffMember]:
    return list((await session.scalars(select(StaffMember).order_by(StaffMember.username))).all())


async def _failures(session: AsyncSession, *where: Any) -> int:
    since = utcnow() - FAILURE_WINDOW
    count = await session.scalar(select(func.count()).where(SignInFailure.at >= since, *where))
    return int(count or 0)


async def is_locked(session: AsyncSession, username: str, address: str) -> bool:
    """Whether sign-in is locked for ``username`` from ``address``: after
    :data:`FAILURE_LIMIT` failures within :data:`FAILURE_WINDOW` for this username from this
    address, or :data:`ADDRESS_FAILURE_LIMIT` for any usernames from this address.

    Never per username alone: then anyone who can reach the page could lock a known username
    (``admin``) out; failures from elsewhere only slow it (:func:`sign_in_delay`)."""
    pair = await _failures(
        session, SignInFailure.username == username, SignInFailure.address == address
    )
    if pair >= FAILURE_LIMIT:
        return True
    return await _failures(session, SignInFailure.address == address) >= ADDRESS_FAILURE_LIMIT


def sign_in_delay(from_here: int, from_anywhere: int) -> float:
    """Seconds the next sign-in of a username waits, after ``from_here`` failures of it from
    this address and ``from_anywhere`` from all addresses within the window: 0.5, 1.5, 3.5 ...
    doubling per failure from here, a quarter of a second per failure from anywhere beyond
    :data:`FAILURE_LIMIT`, at most :data:`MAX_SIGN_IN_DELAY`."""
    here = 0.5 * (2**from_here - 1) if from_here > 0 else 0.0
    anywhere = 0.25 * max(from_anywhere - FAILURE_LIMIT, 0)
    return min(MAX_SIGN_IN_DELAY, max(here, anywhere))


async def delay_for(session: AsyncSession, username: str, address: str) -> float:
    """:func:`sign_in_delay` for ``username`` signing in from ``address`` now."""
    named = SignInFailure.username == username
    here = await _failures(session, named, SignInFailure.address == address)
    return sign_in_delay(here, await _failures(session, named))


async def record_failure(session: AsyncSession, username: str, address: str) -> None:
    session.add(SignInFailure(username=username[:128], address=address[:128], at=utcnow()))
    await session.execute(
        delete(SignInFailure).where(SignInFailure.at < utcnow() - 4 * FAILURE_WINDOW)
    )


async def sign_in(
    session: AsyncSession, username: str, password: str, address: str, admin_token: str | None
) -> Principal | None:
    """The principal for a correct username and password; None (and a failure) otherwise."""
    username = username.strip().lower()
    if await is_locked(session, username, address):
        return None
    if username == ADMIN_TOKEN_USER:
        if admin_token and same(password, admin_token):
            return admin_token_principal("page")
    else:
        member = await session.scalar(
            select(StaffMember).where(StaffMember.username == username, StaffMember.active)
        )
        if verify_password(member.password_hash if member else None, password) and member:
            return principal_of(member, "page")
    await record_failure(session, username, address)
    return None


async def open_session(
    session: AsyncSession,
    principal: Principal,
    language: str | None = None,
    admin_token: str | None = None,
) -> str:
    """A new browser session; ``language``: the page language chosen before signing in;
    ``admin_token``: the token in use, for a session of the admin token (its fingerprint is
    kept, so that the session ends when the token changes)."""
    token = new_token()
    admin = principal.staff_id is None
    if admin and not admin_token:
        raise ValueError("a session of the admin token needs the token in use")
    session.add(
        StaffSession(
            token_hash=token_hash(token),
            staff_id=principal.staff_id,
            username=principal.username,
            expires_at=utcnow() + SESSION_LIFETIME,
            language=page_language(language) if language else None,
            admin_fingerprint=fingerprint(admin_token) if admin and admin_token else None,
        )
    )
    if language and principal.staff_id is not None:
        await choose_language(session, principal, None, language)
    await session.execute(delete(StaffSession).where(StaffSession.expires_at < utcnow()))
    return token


async def session_principal(
    session: AsyncSession, token: str, admin_token: str | None = None
) -> Principal | None:
    """Who the session ``token`` is; None when it ended. A session of the admin token ends
    (and is deleted) when ``admin_token``, the token in use, is not the one it was opened with."""
    row = await session.get(StaffSession, token_hash(token))
    if row is None or row.expires_at < utcnow():
        return None
    if row.staff_id is None:
        current = fingerprint(admin_token) if admin_token else None
        if current is None or row.admin_fingerprint is None:
            await session.delete(row)
            return None
        if not same(current, row.admin_fingerprint):
            await session.delete(row)
            return None
        return admin_token_principal("page", row.language)
    member = await session.get(StaffMember, row.staff_id)
    return principal_of(member, "page") if member and member.active else None


async def close_session(session: AsyncSession, token: str) -> None:
    await session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))


async def issue_api_token(session: AsyncSession, staff_id: int) -> str:
    """A new API token for the staff member (the previous one stops working)."""
    token = new_token("kst_")
    await session.execute(
        update(StaffMember)
        .where(StaffMember.id == staff_id)
        .values(api_token_hash=token_hash(token))
    )
    return token


async def token_principal(session: AsyncSession, token: str) -> Principal | None:
    member = await session.scalar(
        select(StaffMember).where(
            StaffMember.api_token_hash == token_hash(token), StaffMember.active
        )
    )
    return principal_of(member, "api-token") if member else None


async def issue_link_code(session: AsyncSession, staff_id: int, now: datetime | None = None) -> str:
    now = now or utcnow()
    code = new_code()
    await session.execute(
        delete(StaffLinkCode).where(
            or_(StaffLinkCode.staff_id == staff_id, StaffLinkCode.expires_at < now)
        )
    )
    session.add(
        StaffLinkCode(
            code_hash=token_hash(code), staff_id=staff_id, expires_at=now + LINK_CODE_LIFETIME
        )
    )
    return code


async def redeem_link_code(
    session: AsyncSession, code: str, channel: str, external_id: str
) -> StaffMember | None:
    """Link the chat to the staff member the code was issued to; None for a bad code."""
    now = utcnow()
    row = await session.get(StaffLinkCode, token_hash(code.strip().upper()))
    if row is None or row.used_at is not None or row.expires_at < now:
        return None
    row.used_at = now
    member = await session.get(StaffMember, row.staff_id)
    if member is None or not member.active:
        return None
    await session.execute(
        delete(StaffChat).where(StaffChat.channel == channel, StaffChat.external_id == external_id)
    )
    session.add(StaffChat(staff_id=member.id, channel=channel, external_id=external_id))
    await session.flush()
    return member


async def chat_staff(
    session: AsyncSession, channel: str, external_id: str
) -> tuple[StaffChat, StaffMember] | None:
    """The staff link of a chat, when the chat belongs to an active staff member."""
    row = await session.scalar(
        select(StaffChat).where(StaffChat.channel == channel, StaffChat.external_id == external_id)
    )
    if row is None:
        return None
    member = await session.get(StaffMember, row.staff_id)
    return (row, member) if member is not None and member.active else None
