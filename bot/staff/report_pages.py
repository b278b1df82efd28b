"""The staff page's reports of no power: by area, warnings first, and one click from an area's
reports to an outage notice about it (prefilled; publishing it reaches the reporters too)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from aiohttp import web

from bot.staff.forms import local_input
from bot.staff.html import e
from bot.staff.page_section import PageSection
from bot.staff.reports_api import area_reports
from locales.i18n import _, current_language, ngettext
from services.areas import district_name, get_area
from services.db.types import utcnow
from services.power_reports import AreaReports
from services.staff.accounts import Principal
from services.staff.titles import short_time

PERIODS = (1, 6, 24, 24 * 7)


def notice_link(row: AreaReports) -> str:
    """The compose form prefilled with an outage of the area since its first report."""
    query = urlencode({"kind": "outage", "district": row.district, "areas": row.area_id,
                       "starts_at": local_input(row.first_at.isoformat())})  # fmt: skip
    return f"/staff/notices/new?{query}"


def report_card(row: AreaReports) -> str:
    language = current_language()
    area = get_area(row.area_id)
    name = area.name(language) if area else row.area_id
    count = ngettext("{n} report", "{n} reports", row.count).format(n=row.count)
    times = _("first {first}, last {last}").format(
        first=short_time(row.first_at, language), last=short_time(row.last_at, language))
    if row.warning:
        badge = _("⚠️ Many reports and no known outage")
        css = "card report warning"
    elif row.known_outage:
        badge, css = _("An outage is published here"), "card report"
    else:
        badge, css = "", "card report"
    make = e(_("⚡ Make an outage notice"))
    button = "" if row.known_outage else (
        f'<a class="button primary" href="{e(notice_link(row))}">{make}</a>')  # fmt: skip
    return (
        f'<article class="{css}" data-area="{e(row.area_id)}"><h2>{e(name)} '
        f'<span class="muted">{e(district_name(row.district, language))}</span></h2>'
        f'<p><strong class="count">{e(count)}</strong> · {e(times)}</p>'
        f'{f"<p class=badge>{e(badge)}</p>" if badge else ""}{button}</article>'
    )


def reports_view(rows: list[AreaReports], hours: int, rule_count: int, rule_minutes: int) -> str:
    labels = {h: ngettext("{n} hour", "{n} hours", h).format(n=h) for h in PERIODS}
    links = "".join(
        f'<a class="{"chip on" if h == hours else "chip"}" href="/staff/reports?hours={h}">'
        f"{e(labels[h])}</a>"
        for h in PERIODS
    )
    rule = _("A warning when an area gets {count} reports within {minutes} minutes and no outage "
             "is known there.").format(count=rule_count, minutes=rule_minutes)  # fmt: skip
    empty = e(_("No reports in this time."))
    cards = "".join(report_card(row) for row in rows) or f"<p>{empty}</p>"
    return f'<nav class="chips">{links}</nav><p class="muted">{e(rule)}</p>{cards}'


class ReportPages(PageSection):
    """``/staff/reports``."""

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/staff/reports", self.pages.page(self.reports))]

    async def reports(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        raw = request.query.get("hours", "24")
        hours = int(raw) if raw.isdigit() and int(raw) in PERIODS else 24
        now = utcnow()
        rows = await area_reports(self.context, principal, now - timedelta(hours=hours), now)
        rule = self.context.report_rule
        body = reports_view(rows, hours, rule.count, int(rule.within.total_seconds() // 60))
        return self.pages.render(_("Reports of no power"), body, request, principal)
