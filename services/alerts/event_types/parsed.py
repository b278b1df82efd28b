"""A valid event as the alerts engine uses it, once :func:`services.alerts.events.parse_event`
has read it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ParsedEvent:
    """A valid event: the common fields, whom or what it is about (``subject``:
    ``outage:<id>``, ``planned_work:<id>`` or ``customer:<code>``), and the type's fields as
    Python values."""

    id: str
    type: str
    occurred_at: datetime
    subject: str
    fields: dict[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
