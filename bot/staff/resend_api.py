"""Staff API: ``POST /api/v1/notices/{id}/resend`` sends again what failed of a broadcast."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.staff.context import StaffContext
from services.staff.accounts import Principal

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Guard = Callable[[Endpoint], Callable[[web.Request], Awaitable[web.StreamResponse]]]


class ResendApi:
    """The messages of a published notice that failed (refused, past their deadline) are queued
    again with a new deadline; with ``?unconfirmed=true`` also those the messenger never
    answered for (they may have arrived: a chat may get a second copy; one a delivery receipt
    showed arrived is never among them). ``{"resent": N}``. 409 when the notice was not
    published, its broadcast was stopped, or its outage is over."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: Guard) -> list[web.RouteDef]:
        return [web.post("/api/v1/notices/{id}/resend", guard(self.resend))]

    async def resend(self, request: web.Request, principal: Principal) -> web.Response:
        unconfirmed = request.query.get("unconfirmed", "").lower() in ("1", "true", "yes")
        resent = await self.context.desk.resend(principal, request.match_info["id"],
                                                unconfirmed=unconfirmed)  # fmt: skip
        return web.json_response({"resent": resent})
