"""Administering staff accounts: disable and enable a member, reset a password.

Used by the staff API, the staff page and ``kesco-bot staff``; each records an audit entry in
the caller's transaction. A disabled member cannot sign in, their sessions end at once, and
their API token and linked chats stop working (until they are enabled again). A new password
ends the member's sessions and clears their failed sign-ins.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.staff_models import SignInFailure, StaffMember, StaffSession
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


async def _end_sessions(session: AsyncSession, member: StaffMember) -> None:
    await session.execute(delete(StaffSession).where(StaffSession.staff_id == member.id))


async def set_active(
    session: AsyncSession, actor: Principal | str, username: str, active: bool, *, via: str = ""
) -> StaffMember:
    """Enable or disable ``username``; disabling ends their sessions. Audited."""
    member = await find_member(session, username)
    if not active and isinstance(actor, Principal) and actor.staff_id == member.id:
        raise SelfLockout(member.username)
    if member.active != active:
        member.active = active
        if not active:
            await _end_sessions(session, member)
        action = "staff.enabled" if active else "staff.disabled"
        audit.record(session, actor, action, via=via or None, detail=member.username)
    await session.flush()
    return member


async def reset_password(
    session: AsyncSession, actor: Principal | str, username: str, password: str, *, via: str = ""
) -> StaffMember:
    """Give ``username`` a new password (at least 10 characters); ends their sessions and
    clears their failed sign-ins. Audited (the password never is)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise StaffError("password", f"the password needs at least {MIN_PASSWORD} characters")
    if len(password) > 1000:
        raise StaffError("password", "the password is longer than 1000 characters")
    member = await find_member(session, username)
    member.password_hash = hash_password(password)
    await _end_sessions(session, member)
    await session.execute(delete(SignInFailure).where(SignInFailure.username == member.username))
    audit.record(session, actor, "staff.password_reset", via=via or None, detail=member.username)
    await session.flush()
    return member
