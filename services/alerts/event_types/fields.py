"""The kinds of field an event may carry, and how one field of an event type is declared.

A :class:`Kind` knows how to read a value of its kind out of an event (raising
:class:`EventRejected` that names the field) and how the OpenAPI document describes it; a
:class:`Field` is one named field of an event type, of one kind, required or optional. The
reader (:func:`services.alerts.events.parse_event`) and the OpenAPI document
(:mod:`services.alerts.event_types.openapi`) both work from these declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from locales import languages
from services.areas import all_areas, get_area
from services.customer_codes import DISTRICTS, MAX_DIGITS, MIN_DIGITS, parse_customer_code

TEXT_LANGUAGES = languages.CATALOGS
MAX_ID = 128
MAX_TEXT = 500
MIN_YEAR, MAX_YEAR = 2000, 2100  # outside, a time is a mistake (and year 1 - 1 h overflows)
_AMOUNT = re.compile(r"[0-9]{1,9}(\.[0-9]{1,2})?")
_PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")

Schema = dict[str, Any]
# (the field's value or None, the field's name, the fields read before it) -> the Python value
Read = Callable[[Any, str, Mapping[str, Any]], Any]


class EventRejected(ValueError):
    """The event is malformed; ``field`` names the bad field and ``str(error)`` says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


@dataclass(frozen=True)
class Kind:
    """A kind of field: how a value of it is read and checked, and its OpenAPI schema
    (``schema`` is called when the document is built: the area ids are read from data)."""

    name: str
    read: Read
    schema: Callable[[], Schema]
    description: str = ""


@dataclass(frozen=True)
class Field:
    """One field of an event type, declared once: read by the events API, described in its
    OpenAPI document. ``after`` names a field of the same kind that this one must follow
    (``ends_at`` after ``starts_at``)."""

    name: str
    kind: Kind
    description: str
    required: bool = True
    after: str | None = None


def text(value: Any, name: str, limit: int, pattern: re.Pattern[str] | None = None) -> str:
    """A non-empty string of at most ``limit`` characters (matching ``pattern``, if given)."""
    if value is None:
        raise EventRejected(name, f"{name} is required")
    if not isinstance(value, str) or not value.strip():
        raise EventRejected(name, f"{name} must be a non-empty string")
    if len(value) > limit:
        raise EventRejected(name, f"{name} is longer than {limit} characters")
    if pattern is not None and not pattern.fullmatch(value):
        raise EventRejected(name, f"{name} has characters an id cannot have")
    return value


def _read_id(value: Any, name: str, _before: Mapping[str, Any]) -> str:
    return text(value, name, MAX_ID, ID_PATTERN)


def _read_moment(value: Any, name: str, _before: Mapping[str, Any]) -> datetime:
    value = text(value, name, 64)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise EventRejected(name, f"{name} is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        raise EventRejected(name, f"{name} needs a time zone (for example Z or +01:00)")
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise EventRejected(name, f"{name} must be between {MIN_YEAR} and {MAX_YEAR}")
    return parsed


def _read_day(value: Any, name: str, _before: Mapping[str, Any]) -> date:
    value = text(value, name, 10)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise EventRejected(name, f"{name} is not a date (YYYY-MM-DD)") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise EventRejected(name, f"{name} must be between {MIN_YEAR} and {MAX_YEAR}")
    return day


def _read_amount(value: Any, name: str, _before: Mapping[str, Any]) -> Decimal:
    value = text(value, name, 16)
    if not _AMOUNT.fullmatch(value):
        raise EventRejected(name, f"{name} must be a decimal string such as 42.50")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise EventRejected(name, f"{name} must be a decimal string such as 42.50") from None


def _read_currency(value: Any, name: str, _before: Mapping[str, Any]) -> str:
    if text(value, name, 3) != "EUR":
        raise EventRejected(name, f"{name} must be EUR")
    return "EUR"


def _read_period(value: Any, name: str, _before: Mapping[str, Any]) -> str:
    period = text(value, name, 7)
    if not _PERIOD.fullmatch(period):
        raise EventRejected(name, f"{name} must be YYYY-MM")
    if not MIN_YEAR <= int(period[:4]) <= MAX_YEAR:
        raise EventRejected(name, f"{name} must be between {MIN_YEAR} and {MAX_YEAR}")
    return period


def _read_customer_code(value: Any, name: str, _before: Mapping[str, Any]) -> str:
    parsed = parse_customer_code(text(value, name, 32))
    if parsed.code is None:
        raise EventRejected(name, f"{name} is not a KESCO customer code")
    return str(parsed.code)


def _read_district(value: Any, name: str, _before: Mapping[str, Any]) -> str:
    value = text(value, name, 3)
    if value not in DISTRICTS:
        raise EventRejected(name, f"{name} must be one of {', '.join(DISTRICTS)}")
    return value


def _read_areas(value: Any, name: str, before: Mapping[str, Any]) -> list[str]:
    """Known area ids, each once, all in the event's ``district`` (read before), or without one
    all in one district."""
    district = before.get("district")
    if not isinstance(value, list) or not value:
        raise EventRejected(name, f"{name} must be a non-empty list of area ids")
    seen: list[str] = []
    for item in value:
        area = get_area(item) if isinstance(item, str) else None
        if area is None:
            raise EventRejected(name, f"unknown area id {str(item)[:64]!r}")
        if district is not None and area.district != district:
            raise EventRejected(name, f"area {item!r} is not in district {district}")
        if item not in seen:
            seen.append(item)
    if district is None and len({get_area(a).district for a in seen}) > 1:  # type: ignore[union-attr]
        raise EventRejected(name, f"{name} must all be in one district")
    return seen


def _read_texts(value: Any, name: str, _before: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise EventRejected(name, f"{name} must be an object with sq, en and/or sr texts")
    texts: dict[str, str] = {}
    for language, item in value.items():
        if language not in TEXT_LANGUAGES:
            raise EventRejected(name, f"{name} has an unknown language {str(language)[:8]!r}")
        if not isinstance(item, str) or not item.strip() or len(item) > MAX_TEXT:
            raise EventRejected(name, f"{name}.{language} must be 1-{MAX_TEXT} characters")
        texts[language] = item.strip()
    return texts


def _string(**schema: Any) -> Callable[[], Schema]:
    return lambda: {"type": "string", **schema}


ID = Kind("id", _read_id, _string(minLength=1, maxLength=MAX_ID, pattern=f"^{ID_PATTERN.pattern}$"))
MOMENT = Kind(
    "moment",
    _read_moment,
    _string(format="date-time"),
    f"ISO 8601 with a time zone, between the years {MIN_YEAR} and {MAX_YEAR}",
)
DAY = Kind("day", _read_day, _string(format="date"), "YYYY-MM-DD")
AMOUNT = Kind(
    "amount",
    _read_amount,
    _string(pattern="^[0-9]{1,9}(\\.[0-9]{1,2})?$", example="42.50"),
    "a decimal string",
)
CURRENCY = Kind("currency", _read_currency, _string(enum=["EUR"]))
PERIOD = Kind(
    "period", _read_period, _string(pattern="^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"), "YYYY-MM"
)
CUSTOMER_CODE = Kind(
    "customer code",
    _read_customer_code,
    _string(pattern=f"^({'|'.join(DISTRICTS)})[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}$"),
    "a KESCO customer code, e.g. DPR100001",
)
DISTRICT = Kind("district", _read_district, _string(enum=list(DISTRICTS)))


def _areas_schema() -> Schema:
    return {
        "type": "array",
        "minItems": 1,
        "items": {"type": "string", "enum": sorted(all_areas())},
    }


def _texts_schema() -> Schema:
    one = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": "\\S"}
    return {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {language: dict(one) for language in TEXT_LANGUAGES},
    }


AREAS = Kind("areas", _read_areas, _areas_schema, "area ids of one district (docs/places.md)")
TEXTS = Kind(
    "texts",
    _read_texts,
    _texts_schema,
    "the text in Albanian (sq), English (en) and/or Serbian in Cyrillic (sr)",
)
