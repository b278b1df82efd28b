"""Writing alerts to the outbox: every row goes through here. Set-based for an audience (one
``INSERT ... SELECT`` writes an alert's rows for every chat, :func:`queue`), or to one chat
(:func:`queue_to_chat`).

The text is rendered once per language and picked per chat by a ``CASE`` on ``chats.language``;
the quiet-hours deferral is picked by a ``CASE`` on the chat's preset. A chat gets one row per
event (``UNIQUE (event_id, chat_id)``), however many of its codes or areas are affected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    String,
    Text,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from services.alerts import matching, quiet
from services.alerts.targets import Reach
from services.alerts.texts import Rendered
from services.db import changed, dialect_of
from services.db.alert_models import AlertPreference, OutboxMessage
from services.db.models import Chat, ChatLink
from services.db.types import UTCDateTime

# urgency: lower is sent first
URGENT, SOON, ROUTINE = 0, 1, 2
# States of a first message that count as "told" (queued, or on its way: it will be) and as
# "may have heard" (whatever its state, a row that may have arrived is ``uncertain`` too).
DELIVERED_OR_UNDERWAY = ("queued", "sending", "sent", "unsettled", "unconfirmed")
UNDERWAY_OR_SENT = ("sending", "sent", "unsettled", "unconfirmed")

PREFERENCE_COLUMNS = {
    "bills": AlertPreference.bills,
    "payments": AlertPreference.payments,
    "outages": AlertPreference.outages,
    "planned_works": AlertPreference.planned_works,
    "reminders": AlertPreference.reminders,
    "bill_reminders": AlertPreference.bill_reminders,
}


@dataclass(frozen=True)
class Alert:
    """What to queue: the rendered texts, how urgent and how quiet-hours-sensitive it is, whether
    it may go the fast (paid) way, until when it is worth sending, and the one customer code it
    is about (a chat leaving that code ends its unsent rows: ``outbox.cancel_about_code``)."""

    event_id: str
    subject: str
    role: str  # "first", "follow_up", "reminder" or "single"
    rendered: Rendered
    urgency: int
    quiet: str  # quiet.WAIT, quiet.SILENT or quiet.NONE
    fast: bool = False
    expires_at: datetime | None = None
    customer_code: str | None = None


Span = tuple[int, int] | None  # chat ids (after, up_to] of one piece of a fan-out
ChatColumn = ColumnElement[int] | InstrumentedAttribute[int]


def _within(column: ChatColumn, span: Span) -> list[ColumnElement[bool]]:
    """``column`` in ``span``: each subquery reads only its piece of the audience (with an
    index on ``(area, chat)``), not the whole audience for every piece."""
    return [] if span is None else [column > span[0], column <= span[1]]


def linked_to_code(code: str, span: Span = None) -> ColumnElement[bool]:
    return Chat.id.in_(
        select(ChatLink.chat_id).where(
            ChatLink.customer_code == code, *_within(ChatLink.chat_id, span)
        )
    )


def in_reach(reach: Reach, span: Span = None) -> ColumnElement[bool]:
    """Chats with a linked code that ``reach`` covers, or following a place of it
    (:mod:`services.alerts.targets`)."""
    return matching.chats_reached(reach, span)


def got_first(
    subject: str, states: Sequence[str] = DELIVERED_OR_UNDERWAY, span: Span = None
) -> ColumnElement[bool]:
    """Chats whose first message about ``subject`` is sent (or on its way, by ``states``), or
    may have arrived (``uncertain``)."""
    return exists().where(
        OutboxMessage.chat_id == Chat.id,
        OutboxMessage.subject == subject,
        OutboxMessage.role == "first",
        or_(OutboxMessage.state.in_(list(states)), OutboxMessage.uncertain),
        *_within(OutboxMessage.chat_id, span),
    )


def wants(*preferences: str) -> ColumnElement[bool]:
    """Chats that have not switched off any of ``preferences`` (no row: all on)."""
    return and_(*(func.coalesce(PREFERENCE_COLUMNS[name], true()) for name in preferences))


def not_switched_off(chat_id: ChatColumn, preference: str) -> ColumnElement[bool]:
    """``chat_id`` has not switched ``preference`` off (no row: on), as a condition of a
    subquery of chat ids (an anti-join, which scales where an ``OR`` in the outer query does
    not)."""
    column = PREFERENCE_COLUMNS[preference]
    return ~exists().where(AlertPreference.chat_id == chat_id, column.is_(False))


def outage_audience(reach: Reach, now: datetime, span: Span = None) -> ColumnElement[bool]:
    """Chats with a code or a followed place that ``reach`` covers and that want outage alerts,
    and chats that reported no power within it (they asked to be told, whatever their
    preference).

    One ``IN`` of a union rather than an ``OR``: PostgreSQL turns the first into a semi-join,
    while the second, once the chats reached outgrow its memory for a hashed subplan (about a
    million), is checked chat by chat against all of them."""
    return matching.chats_reached(reach, span, preference="outages", reports_at=now)


def outage_follow_up(
    subject: str, reach: Reach, now: datetime, states: Sequence[str], span: Span = None
) -> ColumnElement[bool]:
    """Chats whose first message about ``subject`` is in ``states`` or may have arrived
    (``uncertain``) and that want outage alerts, and chats that reported no power within
    ``reach`` (one ``IN``, as above)."""
    first = select(OutboxMessage.chat_id).where(
        OutboxMessage.subject == subject,
        OutboxMessage.role == "first",
        *_within(OutboxMessage.chat_id, span),
        or_(OutboxMessage.state.in_(list(states)), OutboxMessage.uncertain),
        not_switched_off(OutboxMessage.chat_id, "outages"),
    )
    return matching.any_of([first, *matching.reporting(reach, now, span)])


def recipients_query(*conditions: ColumnElement[bool]):
    """Active chats that can be pushed to, meeting ``conditions``, with their preferences."""
    return (
        select(Chat.id)
        .select_from(Chat)
        .outerjoin(AlertPreference, AlertPreference.chat_id == Chat.id)
        .where(Chat.active.is_(True), Chat.pushes.is_(True), *conditions)
    )


async def count(session: AsyncSession, *conditions: ColumnElement[bool]) -> int:
    query = select(func.count()).select_from(recipients_query(*conditions).subquery())
    return int(await session.scalar(query) or 0)


def _by_language(rendered: Rendered, index: int, default_language: str) -> ColumnElement[str]:
    default = rendered[default_language][index]
    whens = {language: literal(value[index], Text) for language, value in rendered.items()}
    return case(whens, value=Chat.language, else_=literal(default, Text))


def _not_before(alert: Alert, now: datetime) -> ColumnElement[datetime]:
    """When each chat's row is due: the quiet-hours decision for each preset, picked per chat."""
    preset = func.coalesce(AlertPreference.quiet_hours, quiet.DEFAULT_QUIET_HOURS)
    whens = {
        name: literal(quiet.deliver_at(alert.quiet, name, now)[0], UTCDateTime)
        for name in quiet.PRESETS
    }
    return case(whens, value=preset, else_=literal(now, UTCDateTime))


async def queue(
    session: AsyncSession,
    alert: Alert,
    conditions: Sequence[ColumnElement[bool]],
    *,
    now: datetime,
    default_language: str,
    chats: tuple[int, int] | None = None,
) -> int:
    """Write one outbox row per chat meeting ``conditions`` (and, given ``chats`` as
    ``(after, up_to)``, whose id is in that range); returns how many were written."""
    if chats is not None:
        conditions = [*conditions, Chat.id > chats[0], Chat.id <= chats[1]]
    rows = recipients_query(*conditions).with_only_columns(
        literal(alert.event_id),
        Chat.id,
        Chat.channel,
        literal(alert.subject),
        literal(alert.role),
        _by_language(alert.rendered, 0, default_language),
        _by_language(alert.rendered, 1, default_language),
        literal(alert.urgency),
        literal(alert.quiet),
        literal("queued"),
        literal(0),
        _not_before(alert, now),
        literal(now, UTCDateTime),
        literal(alert.expires_at, UTCDateTime),
        literal(alert.fast),
        literal(False),
        literal(alert.customer_code, String),
        maintain_column_froms=True,
    )
    columns = [
        "event_id",
        "chat_id",
        "channel",
        "subject",
        "role",
        "text",
        "buttons",
        "urgency",
        "quiet",
        "state",
        "attempts",
        "not_before",
        "created_at",
        "expires_at",
        "fast",
        "fast_sent",
        "customer_code",
    ]
    sqlite = dialect_of(session) == "sqlite"
    if not sqlite:
        # The statement reads the outbox (who got the first message) while writing to it: a
        # nested loop would rescan the rows it has just written (invisible, but read) for every
        # chat, which turns a 100,000-chat fan-out quadratic. Hash joins read each input once.
        await session.execute(text("SET LOCAL enable_nestloop = off"))
    insert = sqlite_insert if sqlite else pg_insert
    statement = (
        insert(OutboxMessage)
        .from_select(columns, rows)
        .on_conflict_do_nothing(index_elements=["event_id", "chat_id"])
    )
    result = await session.execute(statement)
    return changed(result)


async def queue_to_chat(
    session: AsyncSession, alert: Alert, chat: Chat, *, now: datetime, default_language: str
) -> None:
    """Write ``alert``'s row for one ``chat`` (in its language; due by its quiet hours), in the
    caller's transaction."""
    language = chat.language if chat.language in alert.rendered else default_language
    text, buttons = alert.rendered[language]
    preset = await session.scalar(
        select(AlertPreference.quiet_hours).where(AlertPreference.chat_id == chat.id)
    )
    not_before, _silent = quiet.deliver_at(alert.quiet, preset, now)
    session.add(
        OutboxMessage(
            event_id=alert.event_id,
            chat_id=chat.id,
            channel=chat.channel,
            subject=alert.subject,
            role=alert.role,
            text=text,
            buttons=buttons,
            urgency=alert.urgency,
            quiet=alert.quiet,
            state="queued",
            attempts=0,
            not_before=not_before,
            created_at=now,
            expires_at=alert.expires_at,
            fast=alert.fast,
            customer_code=alert.customer_code,
        )
    )
