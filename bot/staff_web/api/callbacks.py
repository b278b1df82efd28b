"""The staff API's call-back requests: ``GET /api/v1/callbacks``, ``POST .../{id}/done``."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard
from bot.staff_web.bodies import callback_json
from bot.staff_web.context import StaffContext
from services.notices.inputs import parse_time
from services.numbers import in_range, whole_number
from services.staff import callbacks
from services.staff.accounts import Principal
from services.staff.errors import Invalid


class CallbacksApi:
    """Customers' requests for a person to call them back, as staff see and answer them."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/callbacks", guard(self.list_requests)),
            web.post("/api/v1/callbacks/{id}/done", guard(self.done)),
        ]

    async def list_requests(self, request: web.Request, principal: Principal) -> web.Response:
        status = request.query.get("status", "open")
        if status not in callbacks.STATUSES:
            raise Invalid("status", f"status: one of {', '.join(callbacks.STATUSES)}")
        since = _since(request)
        limit = in_range(request.query.get("limit", "100"), 1, 500)
        if limit is None:
            raise Invalid("limit", "limit: a whole number from 1 to 500")
        async with self.context.database.transaction() as session:
            rows = await callbacks.requests(
                session, principal, status=status, since=since, limit=limit
            )
        return web.json_response({"callbacks": [callback_json(row) for row in rows]})

    async def done(self, request: web.Request, principal: Principal) -> web.Response:
        number = whole_number(request.match_info["id"], 12)
        if number is None:
            raise Invalid("id", "id: the number of a call-back request")
        async with self.context.database.transaction() as session:
            row = await callbacks.mark_done(session, principal, number)
        return web.json_response({"callback": callback_json(row)})


def _since(request: web.Request) -> datetime | None:
    value = request.query.get("since")
    return parse_time(value, "since") if value else None
