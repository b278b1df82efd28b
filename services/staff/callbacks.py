"""Call-back requests: a customer asks for a person in a chat; staff see it and mark it done.

A request keeps only what a person needs to call back: the number to call (checked, E.164), the
customer's short text (what it is about), the chat's language, and where it belongs: the
district of the chat's linked code or, for a chat without a code, the area the customer chose
(which operators see it; a request with neither is seen by admins only). Staff also see the
chat's linked codes, read when they look. A chat has at most one open request: asking again
updates it. While the bot still asks for the number or the area, the request is a draft
(``ready`` False) that staff do not see. Done requests are deleted after the retention period
(:mod:`services.retention`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from services.areas import get_area
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
    district (if any), what the customer wrote, in which language, the number to call, the
    area chosen (without a code), the chat's linked codes now, and when it was done."""

    id: int
    channel: str
    customer_code: str | None
    district: str | None
    text: str
    language: str
    created_at: datetime
    done_at: datetime | None
    done_by: str | None
    phone: str | None = None
    area_id: str | None = None
    codes: tuple[str, ...] = ()

    @classmethod
    def of(cls, row: CallbackRequest, channel: str, codes: tuple[str, ...] = ()) -> CallbackView:
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
            row.phone,
            row.area_id,
            codes,
        )


async def linked_codes(session: AsyncSession, chat_id: int) -> list[tuple[str, str | None]]:
    """The chat's linked codes and their areas, oldest first."""
    query = (
        select(ChatLink.customer_code, ChatLink.area_id)
        .where(ChatLink.chat_id == chat_id)
        .order_by(ChatLink.created_at, ChatLink.id)
    )
    return [(code, area) for code, area in (await session.execute(query)).all()]


async def open_request(session: AsyncSession, chat: Chat) -> CallbackRequest | None:
    """The chat's open request (ready or a draft), if any."""
    return await session.scalar(
        select(CallbackRequest).where(
            CallbackRequest.chat_id == chat.id, CallbackRequest.done_at.is_(None)
        )
    )


async def draft(
    session: AsyncSession, chat: Chat, text: str, language: str, phone: str | None
) -> CallbackRequest:
    """Start (or update) the chat's open request with what it is about, and the number when
    the text gave one. The chat's first linked code, if any, says where it belongs."""
    codes = await linked_codes(session, chat.id)
    row = await open_request(session, chat)
    if row is None:
        row = CallbackRequest(chat_id=chat.id, ready=False)
        session.add(row)
    code, area = codes[0] if codes else (None, None)
    row.customer_code = code
    if code is not None:
        row.district, row.area_id = code[:3], area
    row.text, row.language, row.created_at = text.strip()[:MAX_TEXT], language, utcnow()
    if phone is not None:
        row.phone = phone
    await session.flush()
    return row


def needs_area(row: CallbackRequest) -> bool:
    """A request without a code needs the area it is about (which operators see it)."""
    return row.customer_code is None and row.district is None


def set_area(row: CallbackRequest, area_id: str) -> None:
    area = get_area(area_id)
    if area is None:
        raise ValueError(f"unknown area {area_id!r}")
    row.area_id, row.district = area.id, area.district


def scope_of(row: CallbackRequest) -> str:
    """Where the request's budget is counted: its area, else its district, else "-"."""
    return row.area_id or row.district or "-"


def submit(row: CallbackRequest) -> bool:
    """Make the request visible to staff (it has its number and where it belongs); whether it
    is new to them (False: it updated a request they already had)."""
    new = not row.ready
    row.ready, row.created_at = True, utcnow()
    return new


def _visible_to(principal: Principal) -> ColumnElement[bool]:
    """Operators see the ready requests of their districts (by the code, or the area chosen);
    requests belonging nowhere are seen by admins only."""
    if principal.is_admin:
        return CallbackRequest.ready.is_(True)
    return CallbackRequest.ready.is_(True) & CallbackRequest.district.in_(principal.districts)


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
    codes: dict[int, list[str]] = {}
    chats = {row.chat_id for row, _channel in rows}
    if chats:
        links = await session.execute(
            select(ChatLink.chat_id, ChatLink.customer_code)
            .where(ChatLink.chat_id.in_(chats))
            .order_by(ChatLink.created_at, ChatLink.id)
        )
        for chat_id, code in links.all():
            codes.setdefault(chat_id, []).append(code)
    return [
        CallbackView.of(row, channel, tuple(codes.get(row.chat_id, ()))) for row, channel in rows
    ]


async def mark_done(session: AsyncSession, principal: Principal, request_id: int) -> CallbackView:
    """Mark a request answered (idempotent: a second call changes nothing)."""
    row = await session.get(CallbackRequest, request_id)
    if row is None or not row.ready:
        raise NotFound(str(request_id))
    if not principal.is_admin and (row.district is None or not principal.may_act_in(row.district)):
        raise Forbidden(row.district or "-")
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
    codes = tuple(code for code, _area in await linked_codes(session, row.chat_id))
    return CallbackView.of(row, channel or "", codes)
