"""An event type of the events API, declared once in its own module (one per type, listed in
:mod:`services.alerts.event_types.registry`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.alerts import plan as p
from services.alerts.event_types.fields import ID, MOMENT, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step

# Every event has these, and its ``type`` (read between them).
ID_FIELD = Field("id", ID, "unique; the idempotency key")
OCCURRED_AT_FIELD = Field("occurred_at", MOMENT, "when it happened")

Apply = Callable[[Step], Awaitable[str]]
Reach = Callable[[ParsedEvent, datetime], list[p.Condition]]


@dataclass(frozen=True)
class EventType:
    """One type of event: its fields (read in this order, the first bad one rejected; the
    OpenAPI document is built from them), what it is about (``subject``, a template over the
    fields such as ``outage:{outage_id}``), what it applies (``apply``: the outage or work, and
    the alerts to queue), which chats it would reach now (``reach``, for counting before
    sending), and whether it goes the fast, paid way when only urgent events may (``urgent``)."""

    name: str
    summary: str
    fields: tuple[Field, ...]
    subject: str
    apply: Apply
    reach: Reach
    urgent: bool = False

    @property
    def schema_name(self) -> str:
        """Its name in the OpenAPI document: ``PlannedWorkScheduled`` for
        ``planned_work.scheduled``."""
        words = self.name.replace(".", "_").split("_")
        return "".join(word.capitalize() for word in words)

    def subject_of(self, fields: dict[str, Any]) -> str:
        """``subject`` filled in with an event's fields (``outage:OUT-77``)."""
        return self.subject.format(**fields)
