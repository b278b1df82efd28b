"""What a notice is made of, read and checked from a JSON body, a form or a chat draft."""

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

KINDS = ("outage", "planned_work")
NOTICE_ID = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
MAX_TEXT = 500
MAX_AHEAD = timedelta(days=90)


class NoticeInvalid(ValueError):
    """A notice cannot be accepted; ``field`` names the field that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NoticeInput:
    """A checked notice, before it is stored. Times are aware UTC datetimes."""

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

    def same_content(self, other: NoticeInput) -> bool:
        """Whether ``other`` says the same (a repeated request); a start time that was not
        given, but filled in with the time of the request, is not compared."""
        keys = ["kind", "district", "areas", "ends_at", "texts"]
        if not (self.starts_now or other.starts_now):
            keys.append("starts_at")
        return all(getattr(self, key) == getattr(other, key) for key in keys)


def parse_time(value: Any, field: str) -> datetime:
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


def read_texts(value: Any, required: bool) -> dict[str, str] | None:
    if value is None or (isinstance(value, Mapping) and not any(value.values())):
        if required:
            raise NoticeInvalid("texts", "texts: the description in sq, en and sr is required")
        return None
    if not isinstance(value, Mapping):
        raise NoticeInvalid("texts", "texts: an object with sq, en and sr")
    texts: dict[str, str] = {}
    for language in languages.CATALOGS:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise NoticeInvalid(f"texts.{language}", f"texts.{language}: the text is missing")
        if len(text) > MAX_TEXT:
            raise NoticeInvalid(f"texts.{language}", f"texts.{language}: at most {MAX_TEXT} chars")
        texts[language] = text.strip()
    return texts


def read_areas(value: Any, district: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not value:
        raise NoticeInvalid("areas", "areas: a non-empty list of area ids")
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


def read_notice(body: Any, now: datetime | None = None) -> NoticeInput:
    """Check a notice given as a JSON object; raises :class:`NoticeInvalid`."""
    now = now or utcnow()
    if not isinstance(body, Mapping):
        raise NoticeInvalid("body", "the body must be a JSON object")
    kind = body.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise NoticeInvalid("kind", "kind: outage or planned_work")
    district = body.get("district")
    if not isinstance(district, str) or district not in DISTRICTS:
        raise NoticeInvalid("district", f"district: one of {', '.join(DISTRICTS)}")
    areas = read_areas(body.get("areas"), district)
    starts_at = parse_time(body["starts_at"], "starts_at") if body.get("starts_at") else None
    if starts_at is None:
        if kind == "planned_work":
            raise NoticeInvalid("starts_at", "starts_at: when the works start")
        starts_at = now.replace(microsecond=0)
    ends_at = parse_time(body["ends_at"], "ends_at") if body.get("ends_at") else None
    if kind == "planned_work" and ends_at is None:
        raise NoticeInvalid("ends_at", "ends_at: when the works end")
    if ends_at is not None and ends_at <= starts_at:
        raise NoticeInvalid("ends_at", "ends_at: must be after starts_at")
    publish_at = parse_time(body["publish_at"], "publish_at") if body.get("publish_at") else None
    if publish_at is not None and publish_at > now + MAX_AHEAD:
        raise NoticeInvalid("publish_at", "publish_at: at most 90 days ahead")
    if publish_at is not None and publish_at <= now:
        publish_at = None
    notice_id = body.get("id")
    if notice_id is not None and (not isinstance(notice_id, str) or not NOTICE_ID.match(notice_id)):
        raise NoticeInvalid("id", "id: 8 to 40 of A-Z a-z 0-9 _ -")
    confirm = body.get("confirm", False)
    if not isinstance(confirm, bool):
        raise NoticeInvalid("confirm", "confirm: true or false")
    fast = body.get("fast", False)
    if not isinstance(fast, bool):
        raise NoticeInvalid("fast", "fast: true or false")
    return NoticeInput(
        kind=kind,
        district=district,
        areas=areas,
        starts_at=starts_at,
        ends_at=ends_at,
        texts=read_texts(body.get("texts"), required=kind == "planned_work"),
        publish_at=publish_at,
        notice_id=notice_id,
        confirm=confirm,
        starts_now=not body.get("starts_at"),
        fast=fast,
    )
