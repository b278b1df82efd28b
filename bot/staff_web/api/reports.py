"""The staff API's reports of no power: ``GET /api/v1/reports?since=...``, by area."""

from __future__ import annotations

from datetime import datetime, timedelta

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard
from bot.staff_web.bodies import iso, report_json
from bot.staff_web.context import StaffContext
from services.db.types import utcnow
from services.notices.inputs import parse_time
from services.staff.accounts import Principal
from services.staff.errors import Invalid

DEFAULT_SINCE = timedelta(hours=24)
MAX_SINCE = timedelta(days=31)


def report_since(value: str | None, now: datetime) -> datetime:
    """``since`` of a query: an ISO 8601 time at most 31 days ago (default: 24 hours ago)."""
    if not value:
        return now - DEFAULT_SINCE
    since = parse_time(value, "since")
    if since > now or now - since > MAX_SINCE:
        raise Invalid("since", "since: a time in the last 31 days")
    return since


class ReportsApi:
    """Customers' reports, as staff read them."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [web.get("/api/v1/reports", guard(self.list_reports))]

    async def list_reports(self, request: web.Request, principal: Principal) -> web.Response:
        now = utcnow()
        since = report_since(request.query.get("since"), now)
        rows = await self.context.area_reports(principal, since, now)
        rule = self.context.report_rule
        return web.json_response(
            {
                "since": iso(since),
                "rule": {"count": rule.count, "minutes": int(rule.within.total_seconds() // 60)},
                "areas": [report_json(row) for row in rows],
            }
        )
