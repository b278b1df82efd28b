"""Rotating cuts from staff (the staff page and API): list them, publish or change a timetable,
end one. Each change is a ``rotation.published`` or ``rotation.ended`` event applied through
the alerts engine in the same transaction as its audit entry, as notices are; operators act
only on timetables of their districts (every district a timetable's places and codes are in).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from locales.translation import N_
from services import alerts
from services.alerts.event_types.rotation_fields import districts_of
from services.alerts.events import parse_event
from services.alerts.wakeups import Wakeups
from services.db import Database, after_commit
from services.db.rotation_models import Rotation
from services.db.types import utcnow
from services.notices.errors import NoticeForbidden, NoticeNotFound
from services.rotation.parse import timetable_of
from services.rotation.timetable import Timetable
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.audit_details import said


@dataclass(frozen=True)
class RotationView:
    """A timetable as staff see it."""

    rotation_id: str
    status: str
    timetable: Timetable
    reason: dict[str, str] | None
    districts: list[str]
    starts_at: datetime | None
    ends_at: datetime | None
    updated_at: datetime

    @classmethod
    def of(cls, row: Rotation) -> RotationView:
        return cls(
            row.external_id,
            row.status,
            timetable_of(row.timetable),
            row.reason,
            list(row.districts),
            row.starts_at,
            row.ends_at,
            row.updated_at,
        )

    def running(self, now: datetime) -> bool:
        return self.status == "active" and self.ends_at is not None and self.ends_at > now

    @property
    def places(self) -> list[str]:
        return sorted({place for group in self.timetable.groups for place in group.places})


@dataclass(frozen=True)
class Published:
    """What publishing did: the timetable now, and the chats it reaches."""

    rotation: RotationView
    recipients: int


def _may_act(principal: Principal, districts: list[str]) -> None:
    for district in districts:
        if not principal.may_act_in(district):
            raise NoticeForbidden(district)


class RotationDesk:
    """Timetables of rotating cuts, changed by staff through the alerts engine."""

    def __init__(
        self,
        database: Database,
        *,
        default_language: str = languages.LANGUAGES[0].code,
        wakeups: Wakeups | None = None,
    ) -> None:
        self.database = database
        self.default_language = default_language
        self.wakeups = wakeups or Wakeups()

    async def recent(self, principal: Principal, limit: int = 50) -> list[RotationView]:
        """The newest timetables of the principal's districts."""
        async with self.database.transaction() as session:
            rows = await session.scalars(
                select(Rotation)
                .where(Rotation.status != "unknown")
                .order_by(Rotation.updated_at.desc())
                .limit(limit * 4)
            )
            views = [RotationView.of(row) for row in rows]
        mine = [v for v in views if all(principal.may_act_in(d) for d in v.districts)]
        return mine[:limit]

    async def get(self, principal: Principal, rotation_id: str) -> RotationView:
        async with self.database.transaction() as session:
            row = await self._row(session, principal, rotation_id)
            return RotationView.of(row)

    async def _row(self, session: AsyncSession, principal: Principal, rotation_id: str) -> Rotation:
        row = await session.scalar(select(Rotation).where(Rotation.external_id == rotation_id))
        if row is None or row.status == "unknown":
            raise NoticeNotFound(rotation_id)
        _may_act(principal, list(row.districts))
        return row

    async def publish(self, principal: Principal, data: Mapping[str, Any]) -> Published:
        """Publish a timetable, or change the one with its ``rotation_id`` (``starts_on``,
        ``ends_on``, ``groups``, optional ``reason``: as the event). Raises ``EventRejected``
        naming the bad field."""
        now = utcnow()
        event = {
            **{key: data.get(key) for key in ("rotation_id", "starts_on", "ends_on", "groups")},
            "id": f"staff-rotation-{secrets.token_hex(8)}",
            "type": "rotation.published",
            "occurred_at": now.isoformat(),
        }
        if data.get("reason"):
            event["reason"] = data["reason"]
        parsed = parse_event(event)
        _may_act(principal, districts_of(parsed.fields["groups"]))
        async with self.database.transaction() as session:
            existing = await session.scalar(
                select(Rotation).where(Rotation.external_id == parsed.fields["rotation_id"])
            )
            if existing is not None:
                _may_act(principal, list(existing.districts))
            changing = existing is not None and existing.status == "active"
            await self._apply(session, parsed.raw, now)
            recipients = await alerts.count_in(session, parsed)
            row = await self._row(session, principal, parsed.fields["rotation_id"])
            view = RotationView.of(row)
            audit.record(
                session,
                principal,
                "rotation.changed" if changing else "rotation.published",
                event_id=parsed.id,
                district=view.districts[0] if len(view.districts) == 1 else None,
                areas=view.places,
                recipients=recipients,
                detail=said(N_("rotating cuts {rotation}"), rotation=view.rotation_id),
            )
        return Published(view, recipients)

    async def end(
        self, principal: Principal, rotation_id: str, reason: dict[str, str] | None = None
    ) -> RotationView:
        """End a timetable before it runs out; everyone told of it hears it once."""
        now = utcnow()
        event: dict[str, Any] = {
            "id": f"staff-rotation-{secrets.token_hex(8)}",
            "type": "rotation.ended",
            "occurred_at": now.isoformat(),
            "rotation_id": rotation_id,
        }
        if reason:
            event["reason"] = reason
        parsed = parse_event(event)
        async with self.database.transaction() as session:
            row = await self._row(session, principal, rotation_id)
            await self._apply(session, parsed.raw, now)
            await session.refresh(row)
            view = RotationView.of(row)
            audit.record(
                session,
                principal,
                "rotation.ended",
                event_id=parsed.id,
                district=view.districts[0] if len(view.districts) == 1 else None,
                areas=view.places,
                detail=said(N_("rotating cuts {rotation}"), rotation=rotation_id),
            )
        return view

    async def _apply(self, session: AsyncSession, event: Mapping[str, Any], now: datetime) -> None:
        await alerts.apply_event(session, event, now=now, default_language=self.default_language)
        after_commit(session, self.wakeups.fanouts.fire)
