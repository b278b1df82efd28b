"""A stand-in for the four functions of ``services.alerts`` the staff tool calls."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class FakeEventRejected(ValueError):
    """Like ``services.alerts.EventRejected``."""

    def __init__(self, field_name: str) -> None:
        super().__init__(field_name)
        self.field = field_name


@dataclass(frozen=True)
class FakeIngestResult:
    event_id: str
    status: str
    recipients: int


@dataclass
class FakeAlerts:
    """Records events; every event reaches ``recipients`` chats, all queued until advanced."""

    recipients: int = 3
    events: list[dict[str, Any]] = field(default_factory=list)
    progress: dict[str, dict[str, int]] = field(default_factory=dict)
    stopped: list[str] = field(default_factory=list)

    async def ingest_event(
        self, database: Any, event: Mapping[str, Any], *, now: datetime | None = None
    ) -> FakeIngestResult:
        if event["id"] in self.progress:
            return FakeIngestResult(event["id"], "duplicate", 0)
        self.events.append(dict(event))
        self.progress[event["id"]] = {"queued": self.recipients}
        return FakeIngestResult(event["id"], "applied", self.recipients)

    async def count_recipients(self, database: Any, event: Mapping[str, Any]) -> int:
        return self.recipients

    async def broadcast_progress(self, database: Any, event_id: str) -> dict[str, int]:
        return dict(self.progress.get(event_id, {}))

    async def stop_broadcast(self, database: Any, event_id: str) -> int:
        counts = self.progress.setdefault(event_id, {})
        stopped = counts.pop("queued", 0)
        counts["cancelled"] = counts.get("cancelled", 0) + stopped
        self.stopped.append(event_id)
        return stopped

    def deliver(self, event_id: str, sent: int = 1, failed: int = 0, blocked: int = 0) -> None:
        counts = self.progress[event_id]
        moved = sent + failed + blocked
        counts["queued"] = counts.get("queued", 0) - moved
        for state, n in (("sent", sent), ("failed", failed), ("blocked", blocked)):
            counts[state] = counts.get(state, 0) + n
