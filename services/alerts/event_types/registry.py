"""Every event type of the events API, in one place: add a type's module here.

The order is the order of the OpenAPI document and of the error that lists the types.
"""

from __future__ import annotations

from services.alerts.event_types import (
    bill_issued,
    debt_disconnection_warning,
    outage_restored,
    outage_started,
    outage_updated,
    payment_received,
    planned_work_cancelled,
    planned_work_scheduled,
    rotation_ended,
    rotation_published,
)
from services.alerts.event_types.definition import EventType

TYPES: tuple[EventType, ...] = (
    bill_issued.TYPE,
    payment_received.TYPE,
    outage_started.TYPE,
    outage_updated.TYPE,
    outage_restored.TYPE,
    planned_work_scheduled.TYPE,
    planned_work_cancelled.TYPE,
    rotation_published.TYPE,
    rotation_ended.TYPE,
    debt_disconnection_warning.TYPE,
)
BY_NAME: dict[str, EventType] = {event_type.name: event_type for event_type in TYPES}
EVENT_TYPES: tuple[str, ...] = tuple(BY_NAME)
