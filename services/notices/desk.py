"""The notice desk: submit, schedule, publish (through the alerts engine), cancel, stop, watch.

Every request is one transaction: the notice row, its audit entries and the alerts engine's
event, interruption and outbox rows commit together, or not at all. The caller may pass its
own session (the conversation's, for ``/notice``); otherwise the desk opens one.

A notice's id is its idempotency key: chosen by the client (the form, the API caller, the chat
draft) or generated. Its event id is ``staff-<id>``, so a notice submitted twice is stored once
and the alerts engine accepts its event once.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from locales.translation import N_
from services import alerts
from services.alerts.audience import count_by_channel_in
from services.alerts.fast import notice_may_be_fast
from services.alerts.wakeups import Wakeups
from services.db import Database, after_commit
from services.db.staff_models import Notice
from services.db.types import utcnow
from services.notices import delivery, lifecycle
from services.notices.changes import OutageChange, Restoration
from services.notices.errors import NoticeConflict, NoticeForbidden, NoticeInvalid, NoticeNotFound
from services.notices.events import about, event_of
from services.notices.inputs import NoticeInput
from services.notices.rows import insert_notice, stored_input
from services.notices.views import Changed, NoticeView, Progress, Submitted
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.audit_details import said

log = logging.getLogger(__name__)
DUE_BATCH = 50


class NoticeDesk:
    """Notices of staff, stored in the database and published through the alerts engine."""

    def __init__(
        self,
        database: Database,
        *,
        confirm_above: int = 1000,
        default_language: str = languages.LANGUAGES[0].code,
        deadlines: alerts.Deadlines | None = None,
        paid_broadcast: str = "off",
        fast_cost: float = 0.1,
        wakeups: Wakeups | None = None,
    ) -> None:
        self.database = database
        self.confirm_above = confirm_above
        self.default_language = default_language
        self.deadlines = deadlines or alerts.Deadlines()
        self.paid_broadcast = paid_broadcast  # off, urgent or all (services.alerts.fast)
        self.fast_cost = fast_cost  # what one fast message costs (Telegram: Stars)
        self.wakeups = wakeups or Wakeups()

    @asynccontextmanager
    async def _unit(self, session: AsyncSession | None) -> AsyncIterator[AsyncSession]:
        if session is not None:
            yield session
            return
        async with self.database.transaction() as own:
            yield own

    async def count_recipients(
        self, data: NoticeInput, *, session: AsyncSession | None = None
    ) -> int:
        """The chats ``data`` would reach now (for a preview)."""
        event = event_of(data, data.notice_id or "preview", utcnow())
        async with self._unit(session) as unit:
            return await alerts.count_in(unit, event)

    async def count_by_channel(self, data: NoticeInput) -> dict[str, int]:
        """The chats ``data`` would reach now, by channel."""
        event = event_of(data, data.notice_id or "preview", utcnow())
        async with self.database.transaction() as session:
            return await count_by_channel_in(session, event)

    async def submit(
        self, principal: Principal, data: NoticeInput, *, session: AsyncSession | None = None
    ) -> Submitted:
        """Store a notice (once per id) and publish it now unless it is scheduled.

        Above ``confirm_above`` recipients a notice without ``confirm`` is not stored: the
        result says ``confirm_needed`` with the count.
        """
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        if data.fast and not self.may_be_fast(data.kind):
            raise NoticeInvalid(
                "fast",
                f"fast: fast delivery is not enabled for {data.kind} "
                "notices (KESCO_TELEGRAM_PAID_BROADCAST)",
            )
        notice_id = data.notice_id or secrets.token_hex(8)
        now = utcnow()
        async with self._unit(session) as unit:
            existing = await unit.get(Notice, notice_id)
            if existing is not None:
                return self._resubmitted(principal, existing, data)
            counted = None
            if not data.confirm:
                counted = await alerts.count_in(unit, event_of(data, notice_id, now))
                if counted > self.confirm_above:
                    return Submitted(None, False, counted, confirm_needed=True)
            notice = await insert_notice(unit, principal.username, data, notice_id, now)
            if notice is None:  # the same id, stored meanwhile by a concurrent request
                stored = await unit.get(Notice, notice_id, populate_existing=True)
                assert stored is not None
                return self._resubmitted(principal, stored, data)
            action = "notice.scheduled" if data.publish_at else "notice.created"
            detail = said(
                N_("outage, to be published {time}")
                if data.kind == "outage"
                else N_("planned works, to be published {time}"),
                time=notice.publish_at,
            )
            audit.record(
                unit, principal, action, **about(notice), recipients=counted, detail=detail
            )
            if data.publish_at is None:
                await self._publish(unit, notice, now)
            else:
                after_commit(unit, self.wakeups.schedule.fire)
            return Submitted(NoticeView.of(notice), True, notice.recipients or counted or 0)

    def may_be_fast(self, kind: str) -> bool:
        """Whether staff may choose fast delivery for a notice of ``kind``."""
        return notice_may_be_fast(self.paid_broadcast, kind)

    def _resubmitted(self, principal: Principal, existing: Notice, data: NoticeInput) -> Submitted:
        if not principal.may_act_in(existing.district):
            raise NoticeForbidden(existing.district)
        if not stored_input(existing).same_content(data):
            raise NoticeConflict("a different notice with this id exists")
        return Submitted(NoticeView.of(existing), False, existing.recipients or 0)

    async def _publish(self, session: AsyncSession, notice: Notice, now: datetime) -> None:
        """Hand ``notice`` to the alerts engine in ``session``'s transaction."""
        event = event_of(stored_input(notice), notice.id, now)
        try:
            result = await alerts.apply_event(
                session,
                event,
                now=now,
                default_language=self.default_language,
                fast=bool(notice.fast),
                deadlines=self.deadlines,
            )
        except alerts.EventRejected as error:
            log.warning("notice %s rejected by the alerts engine: %s", notice.id, error)
            notice.status = "failed"
            audit.record(
                session,
                notice.created_by,
                "notice.failed",
                via="publisher",
                **about(notice),
                detail=said(N_("refused by the alerts engine: {reason}"), reason=str(error)),
            )
            return
        notice.status, notice.published_at = "published", now
        if result.recipients is None:  # its fan-out runs after the commit: count it now
            result_count = await alerts.count_in(session, event)
        else:
            result_count = result.recipients
        notice.recipients = result_count
        audit.record(
            session,
            notice.created_by,
            "notice.published",
            via="publisher",
            **about(notice),
            recipients=result_count,
            detail=said(
                N_("published to the chats")
                if result.status == "applied"
                else N_("kept, no chat to tell")
            ),
        )
        after_commit(session, self.wakeups.fanouts.fire)

    async def publish_due(self, now: datetime | None = None) -> int:
        """Publish the scheduled notices whose time has come (each in its own transaction)."""
        now = now or utcnow()
        published = 0
        async with self.database.transaction() as session:
            due = await session.scalars(
                select(Notice.id)
                .where(Notice.status == "scheduled", Notice.publish_at <= now)
                .order_by(Notice.publish_at)
                .limit(DUE_BATCH)
            )
            ids = list(due.all())
        for notice_id in ids:
            async with self.database.transaction() as session:
                notice = await session.scalar(
                    select(Notice)
                    .where(Notice.id == notice_id, Notice.status == "scheduled")
                    .with_for_update(skip_locked=True)
                )
                if notice is not None:
                    await self._publish(session, notice, now)
                    published += notice.status == "published"
        return published

    async def _scoped(
        self, session: AsyncSession, principal: Principal, notice_id: str, *, lock: bool = False
    ) -> Notice:
        notice = await session.get(Notice, notice_id, with_for_update=lock or None)
        if notice is None:
            raise NoticeNotFound(notice_id)
        if not principal.may_act_in(notice.district):
            raise NoticeForbidden(notice.district)
        return notice

    async def get(
        self, principal: Principal, notice_id: str, *, session: AsyncSession | None = None
    ) -> NoticeView:
        """One notice, with what its outage says now (``current``) and its fast messages."""
        async with self._unit(session) as unit:
            notice = await self._scoped(unit, principal, notice_id)
            current = await lifecycle.outage_of(unit, notice)
            spent = await delivery.spent_in(unit, notice, self.fast_cost)
            return NoticeView.of(notice, current, spent)

    async def update(
        self,
        principal: Principal,
        notice_id: str,
        change: OutageChange,
        *,
        session: AsyncSession | None = None,
    ) -> Changed:
        """Publish a new expected end, more areas or a new reason of a published outage."""
        return await self._change(lifecycle.update, principal, notice_id, change, session)

    async def restore(
        self,
        principal: Principal,
        notice_id: str,
        restoration: Restoration,
        *,
        session: AsyncSession | None = None,
    ) -> Changed:
        """Say that power is back in a published outage's areas."""
        return await self._change(lifecycle.restore, principal, notice_id, restoration, session)

    async def _change(
        self,
        apply: Callable[..., Awaitable[Changed]],
        principal: Principal,
        notice_id: str,
        change: OutageChange | Restoration,
        session: AsyncSession | None,
    ) -> Changed:
        """Apply one change of a published outage, the notice locked; wake the fan-out."""
        async with self._unit(session) as unit:
            notice = await self._scoped(unit, principal, notice_id, lock=True)
            changed = await apply(
                unit,
                principal,
                notice,
                change,
                now=utcnow(),
                language=self.default_language,
                deadlines=self.deadlines,
            )
            if changed.status == "applied":
                after_commit(unit, self.wakeups.fanouts.fire)
            return changed

    async def resend(
        self, principal: Principal, notice_id: str, *, unconfirmed: bool = False
    ) -> int:
        """Queue again the messages of a published notice that failed (and, when asked, those
        that got no answer and may have arrived); how many."""
        async with self.database.transaction() as session:
            notice = await self._scoped(session, principal, notice_id)
            resent = await delivery.resend_in(
                session, notice, self.deadlines, unconfirmed=unconfirmed
            )
            detail = said(N_("also to the chats it may have reached")) if unconfirmed else None
            audit.record(
                session,
                principal,
                "broadcast.resent",
                **about(notice),
                recipients=resent,
                detail=detail,
            )
            if resent:
                after_commit(session, self.wakeups.dispatch.fire)
            return resent

    async def recent(self, principal: Principal, limit: int = 50) -> list[NoticeView]:
        """The newest notices the principal may see."""
        query = select(Notice).order_by(Notice.created_at.desc()).limit(limit)
        if not principal.is_admin:
            query = query.where(Notice.district.in_(principal.districts))
        async with self.database.transaction() as session:
            return [NoticeView.of(notice) for notice in (await session.scalars(query)).all()]

    async def cancel(self, principal: Principal, notice_id: str) -> NoticeView:
        """Cancel a scheduled notice before it is due."""
        async with self.database.transaction() as session:
            notice = await self._scoped(session, principal, notice_id)
            if notice.status != "scheduled":
                raise NoticeConflict(f"the notice is {notice.status}; only scheduled ones cancel")
            notice.status = "cancelled"
            audit.record(session, principal, "notice.cancelled", **about(notice))
            return NoticeView.of(notice)

    async def stop(self, principal: Principal, notice_id: str) -> int:
        """Stop the broadcasts of a published notice (its first message, updates and
        restoration); the number of messages not sent."""
        async with self.database.transaction() as session:
            notice = await self._scoped(session, principal, notice_id)
            stopped = await delivery.stop_in(session, notice)
            audit.record(
                session, principal, "broadcast.stopped", **about(notice), recipients=stopped
            )
            return stopped

    async def progress(
        self, principal: Principal, notice_id: str, *, session: AsyncSession | None = None
    ) -> Progress:
        """The delivery of the notice and each of its events (see :mod:`.delivery`), in
        ``session`` when the caller has one (a chat's turn)."""
        async with self._unit(session) as unit:
            notice = await self._scoped(unit, principal, notice_id)
            return await delivery.progress_in(unit, notice, self.fast_cost)
