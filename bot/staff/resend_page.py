"""Staff page: *Send again what failed* on a notice's page (``POST .../resend``), and *Send
again to the chats that may have got it* (``POST .../resend?unconfirmed=1``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.staff.context import StaffContext
from services.staff.accounts import Principal

View = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Page = Callable[[View], Callable[[web.Request], Awaitable[web.StreamResponse]]]


def resend_routes(context: StaffContext, page: Page) -> list[web.RouteDef]:
    """The page route, wrapped by the pages' guard (session and CSRF)."""

    async def resend(request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        unconfirmed = request.query.get("unconfirmed") == "1"
        await context.desk.resend(principal, notice_id, unconfirmed=unconfirmed)
        return web.Response(status=303, headers={"Location": f"/staff/notices/{notice_id}"})

    return [web.post("/staff/notices/{id}/resend", page(resend))]
