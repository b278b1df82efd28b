"""The notice desk: submit, schedule, publish (through the alerts engine), cancel, stop, watch.

A notice's id is its idempotency key: it is chosen by the client (the form, the API caller,
the chat draft) or generated, and its event id is ``staff-<id>``, so a notice submitted twice
is stored once and the alerts engine accepts its event once.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from types import ModuleType
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import Database
from services.db.staff_models import Notice
from services.db.types import utcnow
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.events import (
    AlertsEngine,
    default_engine,
    event_id_for,
    event_of_input,
    event_of_notice,
)
from services.staff.notice_input import NoticeInput
from services.staff.notice_types import (
    NoticeConflict,
    NoticeForbidden,
    NoticeNotFound,
    Submitted,
    as_json,
    progress_json,
)

log = logging.getLogger(__name__)
STUCK_AFTER = timedelta(minutes=2)


class NoticeDesk:
    """Notices of staff, stored in the database and published through the alerts engine."""

    def __init__(
        self,
        database: Database,
        alerts: AlertsEngine | ModuleType | None = None,
        *,
        confirm_above: int = 1000,
    ) -> None:
        self.database = database
        self._alerts = alerts
        self.confirm_above = confirm_above
        self.on_due: Callable[[], None] | None = None  # set by the scheduler
        self.on_published: Callable[[], None] | None = None  # e.g. wakes the alert dispatcher

    def poke(self) -> None:
        """Tell the scheduler a notice is (about to be) due."""
        if self.on_due is not None:
            self.on_due()

    @property
    def alerts(self) -> AlertsEngine | ModuleType:
        if self._alerts is None:
            self._alerts = default_engine()
        return self._alerts

    async def count_recipients(self, data: NoticeInput, notice_id: str = "preview") -> int:
        event = event_of_input(data, notice_id, utcnow())
        return await self.alerts.count_recipients(self.database, event)

    async def submit(self, principal: Principal, data: NoticeInput) -> Submitted:
        """Store a notice (once per id) and publish it now when it is not scheduled."""
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        notice_id = data.notice_id or secrets.token_hex(8)
        async with self.database.transaction() as session:
            existing = await session.get(Notice, notice_id)
        if existing is not None:
            return self._resubmitted(principal, existing, data)
        recipients = await self.count_recipients(data, notice_id)
        if recipients > self.confirm_above and not data.confirm:
            return Submitted(None, False, recipients, confirm_needed=True)
        try:
            async with self.database.transaction() as session:
                self.add(session, principal, data, notice_id, recipients)
        except IntegrityError:
            async with self.database.transaction() as session:
                existing = await session.get(Notice, notice_id)
            assert existing is not None
            return self._resubmitted(principal, existing, data)
        if data.publish_at is None:
            await self.publish(notice_id)
        return Submitted(await self.get(principal, notice_id), True, recipients)

    def add(
        self,
        session: AsyncSession,
        principal: Principal,
        data: NoticeInput,
        notice_id: str,
        recipients: int,
    ) -> Notice:
        """Store a new notice, due at ``publish_at`` (or now), in the caller's transaction."""
        now = utcnow()
        notice = Notice(
            id=notice_id,
            kind=data.kind,
            district=data.district,
            areas=list(data.areas),
            starts_at=data.starts_at,
            ends_at=data.ends_at,
            texts=data.texts,
            status="scheduled",
            publish_at=data.publish_at or now,
            event_id=event_id_for(notice_id),
            created_by=principal.username,
            created_at=now,
        )
        session.add(notice)
        audit.record(
            session,
            principal,
            "notice.scheduled" if data.publish_at else "notice.created",
            notice_id=notice_id,
            event_id=notice.event_id,
            district=data.district,
            areas=data.areas,
            recipients=recipients,
            detail=f"{data.kind}, publish at {notice.publish_at.isoformat()}",
        )
        return notice

    def _resubmitted(self, principal: Principal, existing: Notice, data: NoticeInput) -> Submitted:
        if not principal.may_act_in(existing.district):
            raise NoticeForbidden(existing.district)
        stored = NoticeInput(
            existing.kind,
            existing.district,
            tuple(existing.areas),
            existing.starts_at,
            existing.ends_at,
            existing.texts,
        )
        if not stored.same_content(data):
            raise NoticeConflict("a different notice with this id exists")
        return Submitted(as_json(existing), False, existing.recipients or 0)

    async def publish(self, notice_id: str, now: datetime | None = None) -> bool:
        """Hand a due notice to the alerts engine, once; True when this call published it."""
        now = now or utcnow()
        async with self.database.transaction() as session:
            claimed = await session.execute(
                update(Notice)
                .where(
                    Notice.id == notice_id,
                    Notice.publish_at <= now,
                    or_(
                        Notice.status == "scheduled",
                        (Notice.status == "publishing") & (Notice.attempted_at < now - STUCK_AFTER),
                    ),
                )
                .values(status="publishing", attempted_at=now)
            )
            if claimed.rowcount != 1:
                return False
            notice = await session.get(Notice, notice_id)
            assert notice is not None
            event = event_of_notice(notice, now)
        try:
            result = await self.alerts.ingest_event(self.database, event, now=now)
        except ValueError as error:
            log.warning("notice %s rejected by the alerts engine: %s", notice_id, error)
            await self._finish(notice_id, "failed", None, f"rejected: {error}")
            return False
        except Exception:
            log.exception("publishing notice %s failed; it will be retried", notice_id)
            return False
        recipients = int(getattr(result, "recipients", 0) or 0)
        status = str(getattr(result, "status", "applied"))
        await self._finish(notice_id, "published", recipients, f"alerts engine: {status}")
        if self.on_published is not None:
            self.on_published()
        return True

    async def _finish(
        self, notice_id: str, status: str, recipients: int | None, detail: str
    ) -> None:
        async with self.database.transaction() as session:
            notice = await session.get(Notice, notice_id)
            assert notice is not None
            notice.status = status
            if status == "published":
                notice.published_at = utcnow()
                notice.recipients = recipients
            audit.record(
                session,
                notice.created_by,
                f"notice.{status}",
                via="publisher",
                notice_id=notice.id,
                event_id=notice.event_id,
                district=notice.district,
                areas=notice.areas,
                recipients=recipients,
                detail=detail,
            )

    async def publish_due(self, now: datetime | None = None) -> int:
        """Publish every notice whose time has come; the number published."""
        now = now or utcnow()
        async with self.database.transaction() as session:
            due = await session.scalars(
                select(Notice.id)
                .where(
                    Notice.publish_at <= now,
                    or_(
                        Notice.status == "scheduled",
                        (Notice.status == "publishing") & (Notice.attempted_at < now - STUCK_AFTER),
                    ),
                )
                .order_by(Notice.publish_at)
                .limit(50)
            )
            ids = list(due.all())
        return sum([await self.publish(notice_id, now) for notice_id in ids])

    async def _scoped(self, session: Any, principal: Principal, notice_id: str) -> Notice:
        notice = await session.get(Notice, notice_id)
        if notice is None:
            raise NoticeNotFound(notice_id)
        if not principal.may_act_in(notice.district):
            raise NoticeForbidden(notice.district)
        return notice

    async def get(self, principal: Principal, notice_id: str) -> dict[str, Any]:
        async with self.database.transaction() as session:
            return as_json(await self._scoped(session, principal, notice_id))

    async def recent(self, principal: Principal, limit: int = 50) -> list[dict[str, Any]]:
        query = select(Notice).order_by(Notice.created_at.desc()).limit(limit)
        if not principal.is_admin:
            query = query.where(Notice.district.in_(principal.districts))
        async with self.database.transaction() as session:
            return [as_json(notice) for notice in (await session.scalars(query)).all()]

    async def cancel(self, principal: Principal, notice_id: str) -> dict[str, Any]:
        """Cancel a scheduled notice before it is due."""
        async with self.database.transaction() as session:
            notice = await self._scoped(session, principal, notice_id)
            if notice.status != "scheduled":
                raise NoticeConflict(f"the notice is {notice.status}; only scheduled ones cancel")
            notice.status = "cancelled"
            audit.record(
                session,
                principal,
                "notice.cancelled",
                notice_id=notice.id,
                event_id=notice.event_id,
                district=notice.district,
                areas=notice.areas,
            )
            return as_json(notice)

    async def stop(self, principal: Principal, notice_id: str) -> int:
        """Stop the broadcast of a published notice; the number of messages not sent."""
        async with self.database.transaction() as session:
            notice = await self._scoped(session, principal, notice_id)
            if notice.status not in ("published", "publishing"):
                raise NoticeConflict(f"the notice is {notice.status}; nothing is being sent")
            event_id = notice.event_id
        stopped = await self.alerts.stop_broadcast(self.database, event_id)
        async with self.database.transaction() as session:
            notice = await self._scoped(session, principal, notice_id)
            notice.stopped_at = utcnow()
            audit.record(
                session,
                principal,
                "broadcast.stopped",
                notice_id=notice.id,
                event_id=event_id,
                district=notice.district,
                areas=notice.areas,
                recipients=stopped,
            )
        return stopped

    async def progress(self, principal: Principal, notice_id: str) -> dict[str, Any]:
        notice = await self.get(principal, notice_id)
        counts: dict[str, int] = {}
        if notice["status"] in ("published", "publishing"):
            counts = dict(await self.alerts.broadcast_progress(self.database, notice["event_id"]))
        return progress_json(notice, counts)
