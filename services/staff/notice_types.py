"""Errors and results of the notice desk, and a notice as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.alerts.history import PENDING, delivery_state
from services.alerts.outbox import STATES as OUTBOX_STATES
from services.db.alert_models import Interruption
from services.db.staff_models import Notice


class NoticeForbidden(Exception):
    """The principal may not see or act on notices of this district."""


class NoticeNotFound(LookupError):
    """No notice with this id."""


class NoticeConflict(Exception):
    """The notice is not in a state that allows this (e.g. cancelling a published one)."""


@dataclass(frozen=True)
class Submitted:
    """What became of a submitted notice. ``confirm_needed``: recipients, when over the limit."""

    notice: dict[str, Any] | None
    created: bool
    recipients: int
    confirm_needed: bool = False


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def as_json(notice: Notice, outage: Interruption | None = None) -> dict[str, Any]:
    """A notice as submitted, and (``current``) what its outage or works say now."""
    body = {
        "id": notice.id,
        "kind": notice.kind,
        "district": notice.district,
        "areas": list(notice.areas),
        "starts_at": _iso(notice.starts_at),
        "ends_at": _iso(notice.ends_at),
        "texts": notice.texts,
        "status": notice.status,
        "publish_at": _iso(notice.publish_at),
        "event_id": notice.event_id,
        "recipients": notice.recipients,
        "created_by": notice.created_by,
        "created_at": _iso(notice.created_at),
        "published_at": _iso(notice.published_at),
        "stopped_at": _iso(notice.stopped_at),
        "revision": notice.revision or 0,
        "restored_at": _iso(notice.restored_at),
        "fast": bool(notice.fast),
    }
    if outage is not None:
        body["current"] = {
            "status": outage.status,
            "areas": list(outage.areas or []),
            "starts_at": _iso(outage.starts_at),
            "ends_at": _iso(outage.ends_at),
            "texts": outage.texts,
            "restored_at": _iso(outage.restored_at),
            "updated_at": _iso(outage.updated_at),
        }
    return body


def about(notice: Notice) -> dict[str, Any]:
    """The audit fields that name a notice."""
    return {"notice_id": notice.id, "event_id": notice.event_id, "district": notice.district,
            "areas": notice.areas}  # fmt: skip


STATES = OUTBOX_STATES


def progress_json(
    notice: dict[str, Any], counts: dict[str, int], events: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A notice's delivery: the first message's counts by outbox state, every event's, the
    failures by reason (all events), the delivery state, and whether nothing is left to send.

    ``delivery`` is ``sending`` while messages wait or are still being queued, then
    ``delivered`` (some arrived), ``unconfirmed`` (none confirmed, some may have arrived),
    ``failed`` (every message failed), ``stopped`` (cancelled
    before any was sent) or ``nobody`` (no chat to reach); ``scheduled``, ``cancelled`` or
    ``failed`` before publishing.
    """
    counts = {state: int(counts.get(state, 0)) for state in STATES} | counts
    events = events or []
    pending = sum(e["counts"].get(state, 0) for e in events for state in PENDING)
    fanning_out = any(e.get("fanning_out") for e in events)  # rows still being written
    totals = {state: sum(e["counts"].get(state, 0) for e in events) for state in STATES}
    failures: dict[str, int] = {}
    for event in events:
        for reason, number in event.get("failures", {}).items():
            failures[reason] = failures.get(reason, 0) + number
    published = notice["status"] == "published"
    return {
        "id": notice["id"],
        "status": notice["status"],
        "recipients": notice["recipients"],
        "counts": counts,
        "events": events,
        "failures": failures,
        "delivery": delivery_state(totals, fanning_out=fanning_out)
        if published else notice["status"],
        "stoppable": published and (pending > 0 or fanning_out),
        "done": notice["status"] in ("cancelled", "failed")
        or (published and not sum(counts[state] for state in PENDING) and not pending
            and not fanning_out),
    }
