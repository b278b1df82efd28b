"""What a change to a published outage is made of: an update (a new expected end, more areas,
a new reason) or the restoration, checked from the fields a form or a chat draft gives
(:func:`check_change`, :func:`check_restoration`) or read from a JSON body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.db.types import utcnow
from services.notices.errors import NoticeInvalid
from services.notices.inputs import check_id, optional_time, read_texts

MAX_AREAS = 100
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class OutageChange:
    """An update of an outage. ``areas`` are added to those it covers (an update never takes
    an area away: power coming back is a restoration). ``change_id`` is the client's
    idempotency key; without one, a request that changes nothing is not published."""

    ends_at: datetime | None = None
    areas: tuple[str, ...] = ()
    texts: dict[str, str] | None = None
    change_id: str | None = None
    places: tuple[str, ...] = ()  # places of any level to add (checked against the district)


@dataclass(frozen=True)
class Restoration:
    """Power is back: when (None: now), and the client's idempotency key."""

    restored_at: datetime | None = None
    change_id: str | None = None


def _object(body: Any) -> Mapping[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, Mapping):
        raise NoticeInvalid("body", "the body must be a JSON object")
    return body


def check_change(
    *,
    ends_at: Any = None,
    areas: Any = None,
    texts: Any = None,
    change_id: Any = None,
    places: Any = None,
    now: datetime | None = None,
) -> OutageChange:
    """The update these fields describe (a time is an aware datetime or ISO 8601 text);
    raises :class:`NoticeInvalid` naming the first field that is wrong."""
    now = now or utcnow()
    end = optional_time(ends_at, "ends_at")
    if end is not None and end <= now:
        raise NoticeInvalid("ends_at", "ends_at: the new expected end has already passed")
    areas = areas or []
    if not isinstance(areas, list | tuple) or not all(isinstance(a, str) for a in areas):
        raise NoticeInvalid("areas", "areas: a list of area ids to add")
    if len(areas) > MAX_AREAS:
        raise NoticeInvalid("areas", f"areas: at most {MAX_AREAS}")
    places = places or []
    if not isinstance(places, list | tuple) or not all(isinstance(p, str) for p in places):
        raise NoticeInvalid("places", "places: a list of place ids to add")
    if len(places) > MAX_AREAS:
        raise NoticeInvalid("places", f"places: at most {MAX_AREAS}")
    checked_texts = read_texts(texts, required=False)
    if end is None and not areas and not places and checked_texts is None:
        raise NoticeInvalid("body", "give ends_at, areas, places or texts: what changed")
    return OutageChange(end, tuple(areas), checked_texts, check_id(change_id), tuple(places))


def check_restoration(
    restored_at: Any = None, change_id: Any = None, now: datetime | None = None
) -> Restoration:
    """Power back at ``restored_at`` (``None``: now); not in the future."""
    now = now or utcnow()
    when = optional_time(restored_at, "restored_at")
    if when is not None and when > now + CLOCK_SKEW:
        raise NoticeInvalid("restored_at", "restored_at: in the future")
    return Restoration(when, check_id(change_id))


def read_change(body: Any, now: datetime | None = None) -> OutageChange:
    """Check an update given as a JSON object; raises :class:`NoticeInvalid`."""
    body = _object(body)
    return check_change(
        ends_at=body.get("ends_at"),
        areas=body.get("areas"),
        texts=body.get("texts"),
        change_id=body.get("id"),
        places=body.get("places"),
        now=now,
    )


def read_restoration(body: Any, now: datetime | None = None) -> Restoration:
    """Check a restoration given as a JSON object (or no body); raises :class:`NoticeInvalid`."""
    body = _object(body)
    return check_restoration(body.get("restored_at"), body.get("id"), now)
