"""The event types as declared (services/alerts/event_types/): every type the public contract
names, read by its declared fields, and described by the OpenAPI document with the same ones."""

from __future__ import annotations

from typing import Any

import pytest

from bot.staff_web.openapi.document import openapi_document
from services.alerts.event_types import planned_work_scheduled
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.registry import TYPES
from services.alerts.events import EVENT_TYPES, EventRejected, parse_event

EXAMPLES: dict[str, Any] = {
    "id": "OUT-1",
    "moment": "2026-11-20T10:00:00Z",
    "day": "2026-12-05",
    "amount": "42.50",
    "currency": "EUR",
    "period": "2026-10",
    "customer code": "DPR100001",
    "district": "DPR",
    "areas": ["dardania"],
    "texts": {"en": "Network fault"},
    "places": ["dardania", "prishtine"],
    "streets": ["Rr. Agim Ramadani"],
    "feeders": ["DPR-F-1204"],
    "customer codes": ["DPR100001"],
    "groups": [{"id": "A", "places": ["dardania"], "slots": ["22:00-02:00"]}],
}


def body_of(event_type: EventType, *, optional: bool = True) -> dict[str, Any]:
    """A valid event of ``event_type`` from example values of its fields' kinds."""
    body: dict[str, Any] = {
        "id": "evt-1",
        "type": event_type.name,
        "occurred_at": "2026-11-20T10:00:00Z",
    }
    for field in event_type.fields:
        if field.required or optional:
            later = field.after is not None
            body[field.name] = "2026-11-20T14:00:00Z" if later else EXAMPLES[field.kind.name]
    return body


def test_the_registry_holds_the_contract_types() -> None:
    assert EVENT_TYPES == (
        "bill.issued",
        "payment.received",
        "outage.started",
        "outage.updated",
        "outage.restored",
        "planned_work.scheduled",
        "planned_work.cancelled",
        "rotation.published",
        "rotation.ended",
        "debt.disconnection_warning",
    )


@pytest.mark.parametrize("event_type", TYPES, ids=lambda t: t.name)
def test_an_event_is_read_by_its_declared_fields(event_type: EventType) -> None:
    for optional in (True, False):
        parsed = parse_event(body_of(event_type, optional=optional))
        declared = {f.name for f in event_type.fields if f.required or optional}
        assert set(parsed.fields) == declared
    for field in event_type.fields:
        body = {k: v for k, v in body_of(event_type).items() if k != field.name}
        if field.required:
            with pytest.raises(EventRejected) as error:
                parse_event(body)
            assert error.value.field == field.name
        else:
            assert field.name not in parse_event(body).fields


@pytest.mark.parametrize("event_type", TYPES, ids=lambda t: t.name)
def test_the_document_describes_the_declared_fields(event_type: EventType) -> None:
    schema = openapi_document()["components"]["schemas"][event_type.schema_name]
    names = [f.name for f in event_type.fields]
    assert list(schema["properties"]) == ["id", "type", "occurred_at", *names]
    required = [f.name for f in event_type.fields if f.required]
    assert schema["required"] == ["id", "type", "occurred_at", *required]
    assert schema["properties"]["type"]["enum"] == [event_type.name]


def test_a_field_declared_after_another_must_follow_it() -> None:
    body = {**body_of(planned_work_scheduled.TYPE), "ends_at": "2026-11-20T10:00:00Z"}
    with pytest.raises(EventRejected, match="ends_at must be after starts_at") as error:
        parse_event(body)
    assert error.value.field == "ends_at"
