"""The staff pages' call-back requests: customers who asked for a person, newest first, each
with *Done* (through :mod:`services.staff.callbacks`, as ``POST /api/v1/callbacks/{id}/done``)."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.numbers import whole_number
from services.staff import callbacks
from services.staff.accounts import Principal
from services.staff.errors import NotFound


class CallbackPages(PageSection):
    """``/staff/callbacks`` (``?status=open|done|all``) and ``POST .../{id}/done``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/callbacks", page(self.list_requests)),
            web.post("/staff/callbacks/{id}/done", page(self.done)),
        ]

    async def list_requests(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        status = request.query.get("status", "open")
        status = status if status in callbacks.STATUSES else "open"
        async with self.context.database.transaction() as session:
            rows = await callbacks.requests(session, principal, status=status, limit=200)
        return self.render(
            request, principal, "callbacks.html", _("Call-back requests"), rows=rows, shown=status
        )

    async def done(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        raw = request.match_info["id"]
        number = whole_number(raw, 12)
        if number is None:
            raise NotFound(raw)
        async with self.context.database.transaction() as session:
            await callbacks.mark_done(session, principal, number)
        return self.see_other("/staff/callbacks")
