"""What a notice is made of, checked: :func:`check_notice` takes the fields as the staff page's
form (aware datetimes), the chat draft or a JSON body (ISO 8601 strings) gives them, and
:func:`read_notice` reads a JSON body."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from locales import languages
from services.areas import get_area
from services.customer_codes import DISTRICTS
from services.db.types import utcnow
from services.notices.errors import NoticeInvalid
from services.notices.where import district_of_places, is_district, joined, read_places

KINDS = ("outage", "planned_work")
NOTICE_ID = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
MAX_TEXT = 500
MAX_AHEAD = timedelta(days=90)


@dataclass(frozen=True)
class NoticeInput:
    """A checked notice, before it is stored. Times are aware datetimes."""

    kind: str
    district: str
    areas: tuple[str, ...]
    starts_at: datetime
    ends_at: datetime | None
    texts: dict[str, str] | None
    publish_at: datetime | None = None
    notice_id: str | None = None
    confirm: bool = False
    starts_now: bool = False  # no starts_at was given: the outage starts when it is submitted
    fast: bool = False  # fast delivery: Telegram's paid broadcast, when the setting allows it
    places: tuple[str, ...] = ()  # places of any level in the district (issue 23)

    @property
    def where(self) -> tuple[str, ...]:
        """Its areas and places, each once: what a stored notice keeps."""
        return joined(self.areas, self.places)

    def same_content(self, other: NoticeInput) -> bool:
        """Whether ``other`` says the same (a repeated request); a start time that was not
        given, but filled in with the time of the request, is not compared."""
        keys = ["kind", "district", "where", "ends_at", "texts"]
        if not (self.starts_now or other.starts_now):
            keys.append("starts_at")
        return all(getattr(self, key) == getattr(other, key) for key in keys)


def parse_time(value: Any, field: str) -> datetime:
    """An aware datetime, or an ISO 8601 string with a time zone (as JSON gives it), checked."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and 10 <= len(value) <= 40:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise NoticeInvalid(field, f"{field}: not an ISO 8601 date and time") from error
    else:
        raise NoticeInvalid(field, f"{field}: an ISO 8601 date and time with a time zone")
    if parsed.tzinfo is None:
        raise NoticeInvalid(field, f"{field}: the time zone is missing (Z or +01:00)")
    if not 2000 <= parsed.year <= 2100:
        raise NoticeInvalid(field, f"{field}: out of range")
    return parsed


def optional_time(value: Any, field: str) -> datetime | None:
    """:func:`parse_time` of a field that may be left out (``None`` or empty)."""
    return parse_time(value, field) if value else None


def read_texts(value: Any, required: bool) -> dict[str, str] | None:
    """The reason or description in one or more of sq, en and sr: one language is enough (chats
    in the others get it as written, marked as the operator's words, under the facts the bot
    writes in their language); empty ones are left out."""
    if value is None or (isinstance(value, Mapping) and not any(value.values())):
        if required:
            raise NoticeInvalid("texts", "texts: the description in sq, en or sr is required")
        return None
    if not isinstance(value, Mapping):
        raise NoticeInvalid("texts", "texts: an object with sq, en and/or sr")
    unknown = [str(key)[:8] for key in value if key not in languages.CATALOGS]
    if unknown:
        raise NoticeInvalid("texts", f"texts: unknown language {unknown[0]!r} (sq, en or sr)")
    texts: dict[str, str] = {}
    for language in languages.CATALOGS:
        text = value.get(language)
        if text is None or (isinstance(text, str) and not text.strip()):
            continue
        if not isinstance(text, str):
            raise NoticeInvalid(f"texts.{language}", f"texts.{language}: a text")
        if len(text) > MAX_TEXT:
            raise NoticeInvalid(f"texts.{language}", f"texts.{language}: at most {MAX_TEXT} chars")
        texts[language] = text.strip()
    if not texts and required:
        raise NoticeInvalid("texts", "texts: the description in sq, en or sr is required")
    return texts or None


def read_areas(value: Any, district: str, required: bool = True) -> tuple[str, ...]:
    """Area ids of ``district``, each once; with ``required``, at least one."""
    if not required and (value is None or value == []):
        return ()
    if not isinstance(value, list | tuple) or not value:
        raise NoticeInvalid("areas", "areas: a non-empty list of area ids (or give places)")
    areas: list[str] = []
    for area_id in value:
        area = get_area(area_id) if isinstance(area_id, str) else None
        if area is None or area.district != district:
            raise NoticeInvalid(
                "areas", f"areas: {str(area_id)[:40]!r} is not an area of {district}"
            )
        if area_id not in areas:
            areas.append(area_id)
    return tuple(areas)


def check_id(value: Any) -> str | None:
    """A client's idempotency key (``None``: none was given)."""
    if value is not None and (not isinstance(value, str) or not NOTICE_ID.match(value)):
        raise NoticeInvalid("id", "id: 8 to 40 of A-Z a-z 0-9 _ -")
    return value


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise NoticeInvalid(field, f"{field}: true or false")
    return value


def check_notice(
    *,
    kind: Any,
    district: Any,
    areas: Any,
    starts_at: Any = None,
    ends_at: Any = None,
    texts: Any = None,
    publish_at: Any = None,
    notice_id: Any = None,
    confirm: Any = False,
    fast: Any = False,
    places: Any = None,
    now: datetime | None = None,
) -> NoticeInput:
    """The notice these fields describe, checked field by field; raises :class:`NoticeInvalid`
    naming the first field that is wrong. A time left out is ``None`` (or empty). It names
    areas of ``district``, places of any level (then ``district`` may be left out: the
    places' own), or both."""
    now = now or utcnow()
    if not isinstance(kind, str) or kind not in KINDS:
        raise NoticeInvalid("kind", "kind: outage or planned_work")
    if district in (None, "") and places:
        district = district_of_places(read_places(places, None))
    if not is_district(district):
        raise NoticeInvalid("district", f"district: one of {', '.join(DISTRICTS)}")
    checked_places = read_places(places, district)
    checked_areas = read_areas(areas, district, required=not checked_places)
    start = optional_time(starts_at, "starts_at")
    if start is None:
        if kind == "planned_work":
            raise NoticeInvalid("starts_at", "starts_at: when the works start")
        start = now.replace(microsecond=0)
    end = optional_time(ends_at, "ends_at")
    if kind == "planned_work" and end is None:
        raise NoticeInvalid("ends_at", "ends_at: when the works end")
    if end is not None and end <= start:
        raise NoticeInvalid("ends_at", "ends_at: must be after starts_at")
    publish = optional_time(publish_at, "publish_at")
    if publish is not None and publish > now + MAX_AHEAD:
        raise NoticeInvalid("publish_at", "publish_at: at most 90 days ahead")
    if publish is not None and publish <= now:
        publish = None
    return NoticeInput(
        kind=kind,
        district=district,
        areas=checked_areas,
        starts_at=start,
        ends_at=end,
        publish_at=publish,
        notice_id=check_id(notice_id),
        confirm=_flag(confirm, "confirm"),
        fast=_flag(fast, "fast"),
        texts=read_texts(texts, required=kind == "planned_work"),
        starts_now=not starts_at,
        places=tuple(p for p in checked_places if p not in checked_areas),
    )


def read_notice(body: Any, now: datetime | None = None) -> NoticeInput:
    """Check a notice given as a JSON object; raises :class:`NoticeInvalid`."""
    if not isinstance(body, Mapping):
        raise NoticeInvalid("body", "the body must be a JSON object")
    return check_notice(
        kind=body.get("kind"),
        district=body.get("district"),
        areas=body.get("areas"),
        starts_at=body.get("starts_at"),
        ends_at=body.get("ends_at"),
        texts=body.get("texts"),
        publish_at=body.get("publish_at"),
        notice_id=body.get("id"),
        confirm=body.get("confirm", False),
        fast=body.get("fast", False),
        places=body.get("places"),
        now=now,
    )
