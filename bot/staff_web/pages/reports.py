"""The staff pages' reports of no power: by municipality, then place (area), warnings first,
then most reports, over the last hour, six hours, day or week."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bot.staff_web.pages.by_place import reports_by_municipality
from bot.staff_web.pages.forms import notice_link
from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.db.types import utcnow
from services.numbers import whole_number
from services.staff.accounts import Principal

PERIODS = (1, 6, 24, 24 * 7)


class ReportPages(PageSection):
    """``/staff/reports`` (``?hours=``: one of :data:`PERIODS`, 24 unless told)."""

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/staff/reports", self.page(self.reports))]

    async def reports(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        raw = request.query.get("hours", "24")
        hours = whole_number(raw, 4)
        hours = hours if hours in PERIODS else 24
        now = utcnow()
        rows = await self.context.area_reports(principal, now - timedelta(hours=hours), now)
        rule = self.context.report_rule
        return self.render(
            request,
            principal,
            "reports.html",
            _("Reports of no power"),
            rows=rows,
            groups=reports_by_municipality(rows),
            hours=hours,
            periods=PERIODS,
            rule_count=rule.count,
            rule_minutes=int(rule.within.total_seconds() // 60),
            notice_link=notice_link,
        )
