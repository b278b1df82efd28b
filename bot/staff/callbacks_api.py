"""Staff API for call-back requests: ``GET /api/v1/callbacks``, ``POST .../{id}/done``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from aiohttp import web

from bot.staff.context import StaffContext
from services.staff import callbacks
from services.staff.accounts import Principal
from services.staff.notice_input import NoticeInvalid, parse_time

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Guard = Callable[[Endpoint], Callable[[web.Request], Awaitable[web.StreamResponse]]]


class CallbacksApi:
    """Customers' requests for a person to call them back, as staff see and answer them."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: Guard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/callbacks", guard(self.list_requests)),
            web.post("/api/v1/callbacks/{id}/done", guard(self.done)),
        ]

    async def list_requests(self, request: web.Request, principal: Principal) -> web.Response:
        status = request.query.get("status", "open")
        if status not in callbacks.STATUSES:
            raise NoticeInvalid("status", f"status: one of {', '.join(callbacks.STATUSES)}")
        since = _since(request)
        limit = request.query.get("limit", "100")
        if not limit.isdigit() or not 1 <= int(limit) <= 500:
            raise NoticeInvalid("limit", "limit: a whole number from 1 to 500")
        async with self.context.database.transaction() as session:
            rows = await callbacks.requests(
                session, principal, status=status, since=since, limit=int(limit)
            )
        return web.json_response({"callbacks": rows})

    async def done(self, request: web.Request, principal: Principal) -> web.Response:
        raw = request.match_info["id"]
        if not raw.isdigit() or len(raw) > 12:
            raise NoticeInvalid("id", "id: the number of a call-back request")
        async with self.context.database.transaction() as session:
            body = await callbacks.mark_done(session, principal, int(raw))
        return web.json_response({"callback": body})


def _since(request: web.Request) -> datetime | None:
    value = request.query.get("since")
    return parse_time(value, "since") if value else None
