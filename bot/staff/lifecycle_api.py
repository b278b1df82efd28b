"""Staff API for a published outage's life: ``POST /api/v1/notices/{id}/update`` and
``POST /api/v1/notices/{id}/restore`` (same roles, districts, audit and idempotency as the
other notice calls)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.staff.context import StaffContext
from services.staff.accounts import Principal
from services.staff.notice_changes import read_change, read_restoration
from services.staff.notice_lifecycle import Changed

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Guard = Callable[[Endpoint], Callable[[web.Request], Awaitable[web.StreamResponse]]]
Reader = Callable[[web.Request], Awaitable[object]]


def changed_json(changed: Changed) -> dict[str, object]:
    return {"notice": changed.notice, "status": changed.status,
            "recipients": changed.recipients, "event_id": changed.event_id}  # fmt: skip


class LifecycleApi:
    """Updates and restorations of published outages."""

    def __init__(self, context: StaffContext, read_json: Reader) -> None:
        self.context = context
        self.read_json = read_json

    def routes(self, guard: Guard) -> list[web.RouteDef]:
        return [
            web.post("/api/v1/notices/{id}/update", guard(self.update)),
            web.post("/api/v1/notices/{id}/restore", guard(self.restore)),
        ]

    async def update(self, request: web.Request, principal: Principal) -> web.Response:
        change = read_change(await self.read_json(request))
        changed = await self.context.desk.update(principal, request.match_info["id"], change)
        return web.json_response(changed_json(changed))

    async def restore(self, request: web.Request, principal: Principal) -> web.Response:
        restoration = read_restoration(await self.read_json(request))
        changed = await self.context.desk.restore(
            principal, request.match_info["id"], restoration
        )
        return web.json_response(changed_json(changed))
