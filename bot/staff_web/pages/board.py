"""The staff pages open on what is happening now: warnings (many reports and no known outage),
active outages and planned works in the staff member's districts (areas by name, start,
expected end, chats reached, delivery, *Update* / *Power is back*; an outage whose expected end
passed long ago is flagged), grouped by municipality (most chats reached first), and the list of
notices by title."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.by_place import board_by_municipality
from bot.staff_web.pages.forms import local_now, notice_link
from bot.staff_web.pages.labels import DELIVERY, FAILURES, word
from bot.staff_web.pages.section import PageSection
from locales.i18n import _, ngettext
from services import alerts
from services.alerts.history import Delivery
from services.db.types import utcnow
from services.notices.board import board
from services.notices.events import subject_id_for
from services.staff import callbacks
from services.staff.accounts import Principal


def delivery_line(delivery: Delivery) -> str:
    """``3 chats reached · Delivered · the user blocked the bot: 1``."""
    state = word(DELIVERY, delivery.state)
    reached = ngettext("{n} chat reached", "{n} chats reached", delivery.reached).format(
        n=delivery.reached
    )
    failed = ", ".join(
        f"{word(FAILURES, reason)}: {n}" for reason, n in delivery.failures.items() if n
    )
    return " · ".join(part for part in (reached, state, failed) if part)


class BoardPages(PageSection):
    """``/staff`` (now) and ``/staff/notices`` (every notice)."""

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/staff", self.page(self.board)),
            web.get("/staff/notices", self.page(self.notices)),
        ]

    async def board(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        now, rule = utcnow(), self.context.report_rule
        async with self.context.database.transaction() as session:
            items = await board(session, principal, now, overdue_after=self.context.overdue_after)
            waiting = len(await callbacks.requests(session, principal, status="open", limit=500))
        reports = await self.context.area_reports(principal, now - rule.within, now)
        return self.render(
            request,
            principal,
            "board.html",
            _("Now"),
            items=items,
            groups=board_by_municipality(items),
            now=now,
            warnings=[row for row in reports if row.warning],
            open_callbacks=waiting,
            minutes=int(rule.within.total_seconds() // 60),
            notice_link=notice_link,
            delivery_line=delivery_line,
            local_now=local_now(),
        )

    async def notices(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notices = await self.context.desk.recent(principal, 100)
        subjects = {
            f"{n.kind}:{subject_id_for(n.id)}": n.id for n in notices if n.status == "published"
        }
        async with self.context.database.transaction() as session:
            found = await alerts.deliveries_in(session, list(subjects))
        deliveries = {
            notice_id: found.get(subject, Delivery()) for subject, notice_id in subjects.items()
        }
        return self.render(
            request, principal, "notices.html", _("Notices"), notices=notices, deliveries=deliveries
        )
