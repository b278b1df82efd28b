"""Reading and validating the account backend's events (the JSON bodies of the events API).

:func:`parse_event` turns a mapping into a :class:`ParsedEvent` or raises :class:`EventRejected`
naming the first bad field. Unknown extra fields are ignored, so the backend may add fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from locales import languages
from services.areas import get_area
from services.customer_codes import DISTRICTS, parse_customer_code
from services.safe_json import UnsafeJson, check

EVENT_TYPES = (
    "bill.issued",
    "payment.received",
    "outage.started",
    "outage.updated",
    "outage.restored",
    "planned_work.scheduled",
    "planned_work.cancelled",
)
TEXT_LANGUAGES = languages.CATALOGS
MAX_ID = 128
MAX_TEXT = 500
MIN_YEAR, MAX_YEAR = 2000, 2100  # outside, a time is a mistake (and year 1 - 1 h overflows)
_AMOUNT = re.compile(r"\d{1,9}(\.\d{1,2})?")
_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")


class EventRejected(ValueError):
    """The event is malformed; ``field`` names the bad field and ``str(error)`` says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


@dataclass(frozen=True)
class ParsedEvent:
    """A valid event: the common fields, and the type's fields as Python values."""

    id: str
    type: str
    occurred_at: datetime
    fields: dict[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def subject(self) -> str:
        """``outage:<id>``, ``planned_work:<id>`` or ``customer:<code>``."""
        if self.type.startswith("outage."):
            return f"outage:{self.fields['outage_id']}"
        if self.type.startswith("planned_work."):
            return f"planned_work:{self.fields['work_id']}"
        return f"customer:{self.fields['customer_code']}"


class _Reader:
    """Reads typed fields out of one event, raising :class:`EventRejected` on the first bad one."""

    def __init__(self, event: Mapping[str, Any]) -> None:
        self.event = event

    def present(self, name: str) -> bool:
        return self.event.get(name) is not None

    def text(
        self, name: str, *, limit: int = MAX_ID, pattern: re.Pattern[str] | None = None
    ) -> str:
        value = self.event.get(name)
        if value is None:
            raise EventRejected(name, f"{name} is required")
        if not isinstance(value, str) or not value.strip():
            raise EventRejected(name, f"{name} must be a non-empty string")
        if len(value) > limit:
            raise EventRejected(name, f"{name} is longer than {limit} characters")
        if pattern is not None and not pattern.fullmatch(value):
            raise EventRejected(name, f"{name} has characters an id cannot have")
        return value

    def moment(self, name: str) -> datetime:
        value = self.text(name, limit=64)
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise EventRejected(name, f"{name} is not an ISO 8601 date and time") from None
        if parsed.tzinfo is None:
            raise EventRejected(name, f"{name} needs a time zone (for example Z or +01:00)")
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise EventRejected(name, f"{name} must be between {MIN_YEAR} and {MAX_YEAR}")
        return parsed

    def day(self, name: str) -> date:
        value = self.text(name, limit=10)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise EventRejected(name, f"{name} is not a date (YYYY-MM-DD)") from None
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise EventRejected(name, f"{name} must be between {MIN_YEAR} and {MAX_YEAR}")
        return day

    def amount(self, name: str = "amount") -> Decimal:
        value = self.text(name, limit=16)
        if not _AMOUNT.fullmatch(value):
            raise EventRejected(name, f"{name} must be a decimal string such as 42.50")
        try:
            return Decimal(value)
        except InvalidOperation:
            raise EventRejected(name, f"{name} must be a decimal string such as 42.50") from None

    def currency(self) -> str:
        if self.text("currency", limit=3) != "EUR":
            raise EventRejected("currency", "currency must be EUR")
        return "EUR"

    def customer_code(self) -> str:
        parsed = parse_customer_code(self.text("customer_code", limit=32))
        if parsed.code is None:
            raise EventRejected("customer_code", "customer_code is not a KESCO customer code")
        return str(parsed.code)

    def district(self) -> str:
        value = self.text("district", limit=3)
        if value not in DISTRICTS:
            raise EventRejected("district", f"district must be one of {', '.join(DISTRICTS)}")
        return value

    def areas(self, district: str | None) -> list[str]:
        value = self.event.get("areas")
        if not isinstance(value, list) or not value:
            raise EventRejected("areas", "areas must be a non-empty list of area ids")
        seen: list[str] = []
        for item in value:
            area = get_area(item) if isinstance(item, str) else None
            if area is None:
                raise EventRejected("areas", f"unknown area id {str(item)[:64]!r}")
            if district is not None and area.district != district:
                raise EventRejected("areas", f"area {item!r} is not in district {district}")
            if item not in seen:
                seen.append(item)
        if district is None and len({get_area(a).district for a in seen}) > 1:  # type: ignore[union-attr]
            raise EventRejected("areas", "areas must all be in one district")
        return seen

    def texts(self, name: str) -> dict[str, str]:
        value = self.event.get(name)
        if not isinstance(value, Mapping) or not value:
            raise EventRejected(name, f"{name} must be an object with sq, en and/or sr texts")
        texts: dict[str, str] = {}
        for language, text in value.items():
            if language not in TEXT_LANGUAGES:
                raise EventRejected(name, f"{name} has an unknown language {str(language)[:8]!r}")
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
                raise EventRejected(name, f"{name}.{language} must be 1-{MAX_TEXT} characters")
            texts[language] = text.strip()
        return texts


def parse_event(event: Mapping[str, Any]) -> ParsedEvent:
    """The validated event, or :class:`EventRejected` naming the first bad field."""
    if not isinstance(event, Mapping):
        raise EventRejected("body", "the event must be a JSON object")
    try:
        check(dict(event))
    except UnsafeJson as error:
        raise EventRejected(error.field, str(error)) from None
    read = _Reader(event)
    event_id = read.text("id", pattern=_ID)
    kind = read.text("type", limit=32)
    if kind not in EVENT_TYPES:
        raise EventRejected("type", f"type must be one of {', '.join(EVENT_TYPES)}")
    occurred_at = read.moment("occurred_at")
    fields = _TYPE_READERS[kind](read)
    return ParsedEvent(event_id, kind, occurred_at, fields, event)


def _bill(read: _Reader) -> dict[str, Any]:
    code, amount, currency = read.customer_code(), read.amount(), read.currency()
    period = read.text("period", limit=7)
    if not _PERIOD.fullmatch(period):
        raise EventRejected("period", "period must be YYYY-MM")
    if not MIN_YEAR <= int(period[:4]) <= MAX_YEAR:
        raise EventRejected("period", f"period must be between {MIN_YEAR} and {MAX_YEAR}")
    due = read.day("due_date")
    return {
        "customer_code": code,
        "amount": amount,
        "currency": currency,
        "period": period,
        "due_date": due,
    }


def _payment(read: _Reader) -> dict[str, Any]:
    return {
        "customer_code": read.customer_code(),
        "amount": read.amount(),
        "currency": read.currency(),
    }


def _outage_started(read: _Reader) -> dict[str, Any]:
    outage_id = read.text("outage_id", pattern=_ID)
    district = read.district()
    fields: dict[str, Any] = {
        "outage_id": outage_id,
        "district": district,
        "areas": read.areas(district),
        "started_at": read.moment("started_at"),
    }
    if read.present("estimated_restore_at"):
        fields["estimated_restore_at"] = read.moment("estimated_restore_at")
    if read.present("reason"):
        fields["reason"] = read.texts("reason")
    return fields


def _outage_updated(read: _Reader) -> dict[str, Any]:
    fields: dict[str, Any] = {"outage_id": read.text("outage_id", pattern=_ID)}
    if read.present("district"):
        fields["district"] = read.district()
    if read.present("areas"):
        fields["areas"] = read.areas(fields.get("district"))
    if read.present("estimated_restore_at"):
        fields["estimated_restore_at"] = read.moment("estimated_restore_at")
    if read.present("reason"):
        fields["reason"] = read.texts("reason")
    return fields


def _outage_restored(read: _Reader) -> dict[str, Any]:
    return {
        "outage_id": read.text("outage_id", pattern=_ID),
        "restored_at": read.moment("restored_at"),
    }


def _work_scheduled(read: _Reader) -> dict[str, Any]:
    work_id = read.text("work_id", pattern=_ID)
    district = read.district()
    areas = read.areas(district)
    starts_at, ends_at = read.moment("starts_at"), read.moment("ends_at")
    if ends_at <= starts_at:
        raise EventRejected("ends_at", "ends_at must be after starts_at")
    return {
        "work_id": work_id,
        "district": district,
        "areas": areas,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "description": read.texts("description"),
    }


def _work_cancelled(read: _Reader) -> dict[str, Any]:
    return {"work_id": read.text("work_id", pattern=_ID)}


_TYPE_READERS = {
    "bill.issued": _bill,
    "payment.received": _payment,
    "outage.started": _outage_started,
    "outage.updated": _outage_updated,
    "outage.restored": _outage_restored,
    "planned_work.scheduled": _work_scheduled,
    "planned_work.cancelled": _work_cancelled,
}
