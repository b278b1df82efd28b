"""Errors and results of the notice desk, and a notice as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

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


def as_json(notice: Notice) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": notice.id,
        "kind": notice.kind,
        "district": notice.district,
        "areas": list(notice.areas),
        "starts_at": iso(notice.starts_at),
        "ends_at": iso(notice.ends_at),
        "texts": notice.texts,
        "status": notice.status,
        "publish_at": iso(notice.publish_at),
        "event_id": notice.event_id,
        "recipients": notice.recipients,
        "created_by": notice.created_by,
        "created_at": iso(notice.created_at),
        "published_at": iso(notice.published_at),
        "stopped_at": iso(notice.stopped_at),
        "fast": bool(notice.fast),
    }


STATES = ("queued", "sending", "sent", "failed", "blocked", "cancelled")


def progress_json(notice: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    """A notice's delivery: counts by outbox state, and whether nothing is left to send."""
    counts = {state: int(counts.get(state, 0)) for state in STATES} | counts
    return {
        "id": notice["id"],
        "status": notice["status"],
        "recipients": notice["recipients"],
        "counts": counts,
        "done": notice["status"] in ("cancelled", "failed")
        or (notice["status"] == "published" and not counts["queued"] + counts["sending"]),
    }
