"""The compose form: its fields, as posted, and the notice they describe.

Times on the page are Kosovo local time (``datetime-local`` inputs); the API speaks ISO 8601.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from multidict import MultiMapping

from services.areas import get_area
from services.staff.notice_input import NoticeInvalid

KOSOVO = ZoneInfo("Europe/Belgrade")
TEXT_FIELDS = ("text_sq", "text_en", "text_sr")
FIELD_NAMES = {
    "texts.sq": "text_sq",
    "texts.en": "text_en",
    "texts.sr": "text_sr",
    "texts": "text_sq",
}


def blank_values(district: str = "") -> dict[str, Any]:
    now = datetime.now(KOSOVO).strftime("%Y-%m-%dT%H:%M")
    return {
        "id": secrets.token_hex(8),
        "kind": "outage",
        "district": district,
        "areas": [],
        "starts_at": now,
        "ends_at": "",
        "text_sq": "",
        "text_en": "",
        "text_sr": "",
        "when": "now",
        "publish_at": "",
        "fast": "",
    }


def values_from_post(post: MultiMapping[Any]) -> dict[str, Any]:
    def text(name: str, limit: int = 600) -> str:
        value = post.get(name, "")
        return value[:limit] if isinstance(value, str) else ""

    return {
        "id": text("id", 40),
        "kind": text("kind", 20),
        "district": text("district", 3),
        "areas": [a for a in post.getall("areas", []) if isinstance(a, str)][:50],
        "starts_at": text("starts_at", 20),
        "ends_at": text("ends_at", 20),
        **{name: text(name) for name in TEXT_FIELDS},
        "when": "later" if text("when") == "later" else "now",
        "publish_at": text("publish_at", 20),
        "fast": "yes" if text("fast") == "yes" else "",
    }


def to_iso(value: str, field: str) -> str | None:
    """A ``datetime-local`` value (Kosovo time) as ISO 8601 with the time zone."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise NoticeInvalid(field, f"{field}: not a date and time") from error
    return moment.replace(tzinfo=KOSOVO).isoformat()


def notice_body(values: Mapping[str, Any], confirm: bool = False) -> dict[str, Any]:
    """The API body of the notice the form describes."""
    texts = {field.removeprefix("text_"): values[field] for field in TEXT_FIELDS}
    body: dict[str, Any] = {
        "id": values["id"] or None,
        "kind": values["kind"],
        "district": values["district"],
        "areas": values["areas"],
        "starts_at": to_iso(values["starts_at"], "starts_at"),
        "ends_at": to_iso(values["ends_at"], "ends_at"),
        "texts": texts if any(t.strip() for t in texts.values()) else None,
        "confirm": confirm,
        "fast": values.get("fast") == "yes",
    }
    if values["when"] == "later":
        body["publish_at"] = to_iso(values["publish_at"], "publish_at")
        if body["publish_at"] is None:
            raise NoticeInvalid("publish_at", "publish_at: when to publish the notice")
    return body


def form_field(field: str) -> str:
    return FIELD_NAMES.get(field, field)


def local_input(iso: str | None) -> str:
    """An ISO 8601 time as the value of a ``datetime-local`` input, in Kosovo time."""
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone(KOSOVO).strftime("%Y-%m-%dT%H:%M")


def prefilled(query: Mapping[str, str] | MultiMapping[str], scope: Sequence[str]) -> dict[str, Any]:
    """Values of the compose form given in the address (from the reports page: an outage of an
    area since its first report); what is not valid, or outside ``scope``, is left out."""
    values: dict[str, Any] = {}
    district = query.get("district", "")
    if district in scope:
        values["district"] = district
        getall = getattr(query, "getall", None)
        areas = getall("areas", []) if getall else [query.get("areas", "")]
        chosen = [a for a in areas if (area := get_area(a)) and area.district == district]
        values["areas"] = chosen[:50]
    if query.get("kind") in ("outage", "planned_work"):
        values["kind"] = query["kind"]
    starts_at = query.get("starts_at", "")
    try:
        datetime.strptime(starts_at, "%Y-%m-%dT%H:%M")
        values["starts_at"] = starts_at
    except ValueError:
        pass
    return values
