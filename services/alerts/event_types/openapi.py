"""The OpenAPI schemas of the events, built from the event types' field declarations (the
events API's document, ``bot/web/events_openapi.py``, serves them)."""

from __future__ import annotations

from services.alerts.event_types.definition import ID_FIELD, OCCURRED_AT_FIELD, EventType
from services.alerts.event_types.fields import Field, Schema
from services.alerts.event_types.registry import TYPES


def field_schema(field: Field) -> Schema:
    """The field's kind as a schema, with what the field means."""
    description = field.description + (f", after {field.after}" if field.after else "")
    if field.kind.description:
        description += f": {field.kind.description}"
    return {**field.kind.schema(), "description": description}


def event_schema(event_type: EventType) -> Schema:
    """The JSON body of one event type: the common fields, then its own."""
    own = event_type.fields
    return {
        "type": "object",
        "required": ["id", "type", "occurred_at", *(f.name for f in own if f.required)],
        "properties": {
            "id": field_schema(ID_FIELD),
            "type": {"type": "string", "enum": [event_type.name]},
            "occurred_at": field_schema(OCCURRED_AT_FIELD),
            **{field.name: field_schema(field) for field in own},
        },
        "description": f"{event_type.summary}. Unknown extra fields are ignored.",
    }


def schemas() -> dict[str, Schema]:
    """Every event type's schema by its name in the document (``BillIssued``...)."""
    return {event_type.schema_name: event_schema(event_type) for event_type in TYPES}
