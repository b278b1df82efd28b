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
    }
