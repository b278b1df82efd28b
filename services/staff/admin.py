"""Administering staff accounts: disable and enable a member, reset a password.

Used by the staff API, the staff page and ``kesco-bot staff``; each records an audit entry in
the caller's transaction. Disabling a member and giving them a new password both revoke every
credential they had: their browser sessions end, their API token is deleted, their chats are
unlinked and their unused chat link codes are void, at once. Enabling a member again revives
none of them: they sign in with their password, get a new API token and link their chats again.
A new password also clears their failed sign-ins.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.staff_models import (
    SignInFailure,
    StaffChat,
    StaffLinkCode,
    StaffMember,
    StaffSession,
)
from services.staff import audit
from services.staff.accounts import MIN_PASSWORD, Principal, StaffError
from services.staff.credentials import hash_password


class StaffNotFound(LookupError):
    """No staff member has that username."""


class SelfLockout(ValueError):
    """An admin tried to disable their own account (they would lock themselves out)."""


async def find_member(session: AsyncSession, username: str) -> StaffMember:
    """The member called ``username`` (any case), or :class:`StaffNotFound`."""
    name = username.strip().lower()
    member = await session.scalar(select(StaffMember).where(StaffMember.username == name))
    if member is None:
        raise StaffNotFound(name)
    return member


async def revoke_credentials(session: AsyncSession, member: StaffMember) -> None:
    """End every session, delete the API token, unlink every chat and void the link codes of
    ``member``: nothing issued before works any more (nor after an enable)."""
    await session.execute(delete(StaffSession).where(StaffSession.staff_id == member.id))
    await session.execute(delete(StaffChat).where(StaffChat.staff_id == member.id))
    await session.execute(delete(StaffLinkCode).where(StaffLinkCode.staff_id == member.id))
    await session.execute(
        update(StaffMember).where(StaffMember.id == member.id).values(api_token_hash=None)
    )
    member.api_token_hash = None


async def set_active(
    session: AsyncSession, actor: Principal | str, username: str, active: bool, *, via: str = ""
) -> StaffMember:
    """Enable or disable ``username``; disabling revokes every credential they had (sessions,
    API token, linked chats, link codes), and enabling revives none. Audited."""
    member = await find_member(session, username)
    if not active and isinstance(actor, Principal) and actor.staff_id == member.id:
        raise SelfLockout(member.username)
    if member.active != active:
        member.active = active
        if not active:
            await revoke_credentials(session, member)
        action = "staff.enabled" if active else "staff.disabled"
        audit.record(session, actor, action, via=via or None, detail=member.username)
    await session.flush()
    return member


async def reset_password(
    session: AsyncSession, actor: Principal | str, username: str, password: str, *, via: str = ""
) -> StaffMember:
    """Give ``username`` a new password (at least 10 characters); revokes every credential
    they had (sessions, API token, linked chats, link codes) and clears their failed sign-ins.
    Audited (the password never is)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise StaffError("password", f"the password needs at least {MIN_PASSWORD} characters")
    if len(password) > 1000:
        raise StaffError("password", "the password is longer than 1000 characters")
    member = await find_member(session, username)
    member.password_hash = hash_password(password)
    await revoke_credentials(session, member)
    await session.execute(delete(SignInFailure).where(SignInFailure.username == member.username))
    audit.record(session, actor, "staff.password_reset", via=via or None, detail=member.username)
    await session.flush()
    return member
