"""Reading and validating the account backend's events (the JSON bodies of the events API).

:func:`parse_event` turns a mapping into a :class:`ParsedEvent` or raises :class:`EventRejected`
naming the first bad field. It reads the common fields, then the fields its type declares
(:mod:`services.alerts.event_types`), in their order, each by its kind. Unknown extra fields are
ignored, so the backend may add fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.alerts.event_types.definition import ID_FIELD, OCCURRED_AT_FIELD
from services.alerts.event_types.fields import (
    MAX_ID,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
    TEXT_LANGUAGES,
    EventRejected,
    Field,
    text,
)
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.registry import BY_NAME, EVENT_TYPES
from services.safe_json import UnsafeJson, check

__all__ = [
    "EVENT_TYPES",
    "MAX_ID",
    "MAX_TEXT",
    "MAX_YEAR",
    "MIN_YEAR",
    "TEXT_LANGUAGES",
    "EventRejected",
    "ParsedEvent",
    "parse_event",
]


def parse_event(event: Mapping[str, Any]) -> ParsedEvent:
    """The validated event, or :class:`EventRejected` naming the first bad field."""
    if not isinstance(event, Mapping):
        raise EventRejected("body", "the event must be a JSON object")
    try:
        check(dict(event))
    except UnsafeJson as error:
        raise EventRejected(error.field, str(error)) from None
    event_id = _read(event, ID_FIELD, {})
    kind = text(event.get("type"), "type", 32)
    event_type = BY_NAME.get(kind)
    if event_type is None:
        raise EventRejected("type", f"type must be one of {', '.join(EVENT_TYPES)}")
    occurred_at = _read(event, OCCURRED_AT_FIELD, {})
    fields: dict[str, Any] = {}
    for field in event_type.fields:
        if field.required or event.get(field.name) is not None:
            fields[field.name] = _read(event, field, fields)
    return ParsedEvent(event_id, kind, occurred_at, event_type.subject_of(fields), fields, event)


def _read(event: Mapping[str, Any], field: Field, before: Mapping[str, Any]) -> Any:
    value = field.kind.read(event.get(field.name), field.name, before)
    earlier = before.get(field.after) if field.after else None
    if earlier is not None and value <= earlier:
        raise EventRejected(field.name, f"{field.name} must be after {field.after}")
    return value
