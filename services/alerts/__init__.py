"""Alerts: events from the account backend turned into messages to the right chats, once.

The in-process API, the same as ``POST /api/v1/events`` for a backend running in this process::

    from services import alerts

    result = await alerts.ingest_event(database, {"id": "evt-1", "type": "outage.started", ...})
    result.status  # "applied" | "duplicate" | "ignored" (stale) | "recorded"
    await alerts.count_recipients(database, event)      # chats it would reach, storing nothing
    await alerts.broadcast_progress(database, "evt-1")  # outbox rows by state
    await alerts.stop_broadcast(database, "evt-1")      # cancel the not-yet-sent rows
    await alerts.run_pending(database)                  # run the fan-outs still waiting

Each has a twin that works in the caller's transaction (``apply_event``, ``count_in``,
``counts_in``, ``stop_in``), so that a caller's own rows (a staff notice) and the event commit
together. A malformed event raises :class:`EventRejected` (``error.field`` names the field).
"""

from services.alerts.audience import count_in, count_recipients
from services.alerts.events import EventRejected
from services.alerts.fanout_run import planned_reach, run_pending
from services.alerts.history import Delivery, deliveries_in, events_of_in, failures_of_event_in
from services.alerts.ingest import IngestResult, apply_event, ingest_event
from services.alerts.outbox_progress import (
    broadcast_progress,
    counts_in,
    resend_failed,
    stop_broadcast,
    stop_in,
)
from services.alerts.plan import Deadlines

__all__ = [
    "Delivery",
    "Deadlines",
    "EventRejected",
    "IngestResult",
    "apply_event",
    "broadcast_progress",
    "count_in",
    "count_recipients",
    "counts_in",
    "deliveries_in",
    "events_of_in",
    "failures_of_event_in",
    "ingest_event",
    "planned_reach",
    "resend_failed",
    "run_pending",
    "stop_broadcast",
    "stop_in",
]
