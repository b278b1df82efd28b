"""Call-back requests: a customer asks for a person in a chat; staff see it and mark it done.

A request keeps only what a person needs to call back: the chat's linked customer code (proved
with the bill), its district (which operators see it), the customer's short text (which says
what it is about and, if they wish, a phone number) and the chat's language. A chat has at most
one open request: asking again updates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.models import Chat, ChatLink
from services.db.support_models import CallbackRequest
from services.db.types import utcnow
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, NotFound

MAX_TEXT = 500
STATUSES = ("open", "done", "all")


@dataclass(frozen=True)
class CallbackView:
    """A call-back request as staff see it: from which channel, the chat's linked code and its
    district (if any), what the customer wrote, in which language, and when it was done."""

    id: int
    channel: str
    customer_code: str | None
    district: str | None
    text: str
    language: str
    created_at: datetime
    done_at: datetime | None
    done_by: str | None

    @classmethod
    def of(cls, row: CallbackRequest, channel: str) -> CallbackView:
        return cls(
            row.id,
            channel,
            row.customer_code,
            row.district,
            row.text,
            row.language,
            row.created_at,
            row.done_at,
            row.done_by,
        )


async def request_callback(
    session: AsyncSession, chat: Chat, text: str, language: str
) -> tuple[CallbackRequest, bool]:
    """Record (or update) the chat's open request; the request and whether it is new."""
    code = await session.scalar(
        select(ChatLink.customer_code)
        .where(ChatLink.chat_id == chat.id)
        .order_by(ChatLink.created_at)
        .limit(1)
    )
    existing = await session.scalar(
        select(CallbackRequest).where(
            CallbackRequest.chat_id == chat.id, CallbackRequest.done_at.is_(None)
        )
    )
    now = utcnow()
    row = existing or CallbackRequest(chat_id=chat.id)
    row.customer_code, row.district = code, code[:3] if code else None
    row.text, row.language, row.created_at = text.strip()[:MAX_TEXT], language, now
    if existing is None:
        session.add(row)
    await session.flush()
    return row, existing is None


def _visible_to(principal: Principal):
    """Operators see their districts' requests and those without a code (no district)."""
    if principal.is_admin:
        return True
    return or_(
        CallbackRequest.district.in_(principal.districts), CallbackRequest.district.is_(None)
    )


async def requests(
    session: AsyncSession,
    principal: Principal,
    *,
    status: str = "open",
    since: datetime | None = None,
    limit: int = 100,
) -> list[CallbackView]:
    """The requests the principal may see, newest first."""
    query = (
        select(CallbackRequest, Chat.channel)
        .join(Chat, Chat.id == CallbackRequest.chat_id)
        .where(_visible_to(principal))
        .order_by(CallbackRequest.created_at.desc(), CallbackRequest.id.desc())
        .limit(limit)
    )
    if status == "open":
        query = query.where(CallbackRequest.done_at.is_(None))
    elif status == "done":
        query = query.where(CallbackRequest.done_at.is_not(None))
    if since is not None:
        query = query.where(CallbackRequest.created_at >= since)
    rows = (await session.execute(query)).all()
    return [CallbackView.of(row, channel) for row, channel in rows]


async def mark_done(session: AsyncSession, principal: Principal, request_id: int) -> CallbackView:
    """Mark a request answered (idempotent: a second call changes nothing)."""
    row = await session.get(CallbackRequest, request_id)
    if row is None:
        raise NotFound(str(request_id))
    if row.district is not None and not principal.may_act_in(row.district):
        raise Forbidden(row.district)
    if row.done_at is None:
        row.done_at, row.done_by = utcnow(), principal.username
        audit.record(
            session,
            principal,
            "callback.done",
            district=row.district,
            detail=f"call-back request {row.id}",
        )
    channel = await session.scalar(select(Chat.channel).where(Chat.id == row.chat_id))
    return CallbackView.of(row, channel or "")
