"""Staff API for customers' reports of no power: ``GET /api/v1/reports?since=...`` by area."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from bot.staff.context import StaffContext
from services import power_reports
from services.areas import get_area
from services.db.types import utcnow
from services.power_reports import AreaReports
from services.staff.accounts import Principal
from services.staff.notice_input import NoticeInvalid, parse_time

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Guard = Callable[[Endpoint], Callable[[web.Request], Awaitable[web.StreamResponse]]]
DEFAULT_SINCE = timedelta(hours=24)
MAX_SINCE = timedelta(days=31)


def report_since(value: str | None, now: datetime) -> datetime:
    """``since`` of a query: an ISO 8601 time at most 31 days ago (default: 24 hours ago)."""
    if not value:
        return now - DEFAULT_SINCE
    since = parse_time(value, "since")
    if since > now or now - since > MAX_SINCE:
        raise NoticeInvalid("since", "since: a time in the last 31 days")
    return since


async def area_reports(
    context: StaffContext, principal: Principal, since: datetime, now: datetime
) -> list[AreaReports]:
    """The reports of the principal's districts since ``since``, by area."""
    districts = None if principal.is_admin else list(principal.districts)
    async with context.database.transaction() as session:
        return await power_reports.by_area(session, since, now, context.report_rule, districts)


def report_json(row: AreaReports) -> dict[str, Any]:
    area = get_area(row.area_id)
    return {
        "area_id": row.area_id,
        "names": area.names if area else {},
        "district": row.district,
        "count": row.count,
        "first_at": row.first_at.isoformat(),
        "last_at": row.last_at.isoformat(),
        "recent": row.recent,
        "known_outage": row.known_outage,
        "warning": row.warning,
        "notice": {"kind": "outage", "district": row.district, "areas": [row.area_id],
                   "starts_at": row.first_at.isoformat()},  # fmt: skip
    }


class ReportsApi:
    """Customers' reports, as staff read them."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: Guard) -> list[web.RouteDef]:
        return [web.get("/api/v1/reports", guard(self.list_reports))]

    async def list_reports(self, request: web.Request, principal: Principal) -> web.Response:
        now = utcnow()
        since = report_since(request.query.get("since"), now)
        rows = await area_reports(self.context, principal, since, now)
        rule = self.context.report_rule
        return web.json_response({
            "since": since.isoformat(),
            "rule": {"count": rule.count, "minutes": int(rule.within.total_seconds() // 60)},
            "areas": [report_json(row) for row in rows],
        })  # fmt: skip
