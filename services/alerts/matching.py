"""The chats an outage or planned work reaches, as SQL: :func:`chats_reached` turns a
:class:`~services.alerts.targets.Reach` (an aim expanded over the place tree) into one
``Chat.id IN (... UNION ...)``, each part a plain ``IN`` list on an indexed column of its own
(``(place_id, chat_id)``, ``(street, chat_id)``, ``(feeder, chat_id)``, ``(station, chat_id)``,
``(customer_code)``, ``(area_id, chat_id)`` of the follows, and the reports), so that PostgreSQL
turns it into a semi-join and each piece of a fan-out reads only its own chat ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, false, or_, select, union

from services.alerts.reporters import reporters
from services.alerts.targets import Reach
from services.db.alert_models import AlertPreference, AreaFollow
from services.db.models import Chat, ChatLink
from services.db.report_models import PowerReport

Span = tuple[int, int] | None


def _span(column: Any, span: Span) -> list[ColumnElement[bool]]:
    return [] if span is None else [column > span[0], column <= span[1]]


Preference = str | tuple[str, ...] | None


def _wanted(chat_id: Any, preference: Preference) -> list[ColumnElement[bool]]:
    """``chat_id`` has not switched ``preference`` (or any of several) off (an anti-join), if
    one is given."""
    names = (preference,) if isinstance(preference, str) else preference or ()
    if not names:
        return []
    off = [getattr(AlertPreference, name).is_(False) for name in names]
    return [
        ~select(AlertPreference.chat_id)
        .where(AlertPreference.chat_id == chat_id, or_(*off))
        .exists()
    ]


def linked(reach: Reach, span: Span = None, preference: Preference = None) -> list[Select[Any]]:
    """Chats linked to a code the reach covers: at a place within or around, on a street, a
    feeder or a station of it (in its district), or one of its codes."""
    keep = [*_span(ChatLink.chat_id, span), *_wanted(ChatLink.chat_id, preference)]
    district = [ChatLink.customer_code.startswith(reach.district)] if reach.district else []
    parts: list[Select[Any]] = []
    if reach.places:
        parts.append(select(ChatLink.chat_id).where(ChatLink.place_id.in_(reach.places), *keep))
    if reach.streets:
        parts.append(
            select(ChatLink.chat_id).where(
                ChatLink.street.in_(list(reach.streets)), *district, *keep
            )
        )
    for column in (ChatLink.feeder, ChatLink.station) if reach.feeders else ():
        parts.append(
            select(ChatLink.chat_id).where(column.in_(list(reach.feeders)), *district, *keep)
        )
    if reach.customer_codes:
        parts.append(
            select(ChatLink.chat_id).where(
                ChatLink.customer_code.in_(list(reach.customer_codes)), *keep
            )
        )
    return parts


def following(reach: Reach, span: Span = None, preference: Preference = None) -> list[Select[Any]]:
    """Chats following a place within or around the reach."""
    if not reach.places:
        return []
    return [
        select(AreaFollow.chat_id).where(
            AreaFollow.area_id.in_(reach.places),
            *_span(AreaFollow.chat_id, span),
            *_wanted(AreaFollow.chat_id, preference),
        )
    ]


def reporting(reach: Reach, now: datetime, span: Span = None) -> list[Select[Any]]:
    """Chats with an open report of no power in a place within the reach (whatever their
    preferences: they asked to be told)."""
    if not reach.within:
        return []
    return [reporters(reach.within, now).where(*_span(PowerReport.chat_id, span))]


def any_of(parts: list[Select[Any]]) -> ColumnElement[bool]:
    """Chats in any of ``parts`` (one ``IN`` of a union; nobody for none)."""
    if not parts:
        return false()
    return Chat.id.in_(parts[0] if len(parts) == 1 else union(*parts))


def chats_reached(
    reach: Reach,
    span: Span = None,
    *,
    preference: str | None = None,
    reports_at: datetime | None = None,
) -> ColumnElement[bool]:
    """Chats whose codes or followed places the reach covers (that have not switched
    ``preference`` off, if given), and with ``reports_at``, those that reported no power within
    it then."""
    parts = [*linked(reach, span, preference), *following(reach, span, preference)]
    if reports_at is not None:
        parts += reporting(reach, reports_at, span)
    return any_of(parts)
