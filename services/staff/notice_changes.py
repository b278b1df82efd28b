"""What a change to a published outage is made of: an update (a new expected end, more areas,
a new reason) or the restoration, read and checked from a JSON body, a form or a chat draft."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.db.types import utcnow
from services.staff.notice_input import NOTICE_ID, NoticeInvalid, parse_time, read_texts

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


@dataclass(frozen=True)
class Restoration:
    """Power is back: when (None: now), and the client's idempotency key."""

    restored_at: datetime | None = None
    change_id: str | None = None


def _change_id(body: Mapping[str, Any]) -> str | None:
    value = body.get("id")
    if value is not None and (not isinstance(value, str) or not NOTICE_ID.match(value)):
        raise NoticeInvalid("id", "id: 8 to 40 of A-Z a-z 0-9 _ -")
    return value


def _object(body: Any) -> Mapping[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, Mapping):
        raise NoticeInvalid("body", "the body must be a JSON object")
    return body


def read_change(body: Any, now: datetime | None = None) -> OutageChange:
    """Check an update given as a JSON object; raises :class:`NoticeInvalid`."""
    now = now or utcnow()
    body = _object(body)
    ends_at = parse_time(body["ends_at"], "ends_at") if body.get("ends_at") else None
    if ends_at is not None and ends_at <= now:
        raise NoticeInvalid("ends_at", "ends_at: the new expected end has already passed")
    areas = body.get("areas") or []
    if not isinstance(areas, list | tuple) or not all(isinstance(a, str) for a in areas):
        raise NoticeInvalid("areas", "areas: a list of area ids to add")
    if len(areas) > MAX_AREAS:
        raise NoticeInvalid("areas", f"areas: at most {MAX_AREAS}")
    texts = read_texts(body.get("texts"), required=False)
    if ends_at is None and not areas and texts is None:
        raise NoticeInvalid("body", "give ends_at, areas or texts: what changed")
    return OutageChange(ends_at, tuple(areas), texts, _change_id(body))


def read_restoration(body: Any, now: datetime | None = None) -> Restoration:
    """Check a restoration given as a JSON object (or no body); raises :class:`NoticeInvalid`."""
    now = now or utcnow()
    body = _object(body)
    given = body.get("restored_at")
    restored_at = parse_time(given, "restored_at") if given else None
    if restored_at is not None and restored_at > now + CLOCK_SKEW:
        raise NoticeInvalid("restored_at", "restored_at: in the future")
    return Restoration(restored_at, _change_id(body))
