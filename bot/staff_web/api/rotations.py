"""The staff API's rotating cuts: list, read, publish or change a timetable, end one. Same
roles, districts and audit as the pages; each change goes through the alerts engine."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard, int_query, read_json
from bot.staff_web.context import StaffContext
from bot.staff_web.rotation_desk import rotation_desk, rotation_json
from services.db.types import utcnow
from services.staff.accounts import Principal
from services.staff.errors import Invalid


class RotationsApi:
    """``/api/v1/rotations...``."""

    def __init__(self, context: StaffContext) -> None:
        self.desk = rotation_desk(context)

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/rotations", guard(self.list_rotations)),
            web.post("/api/v1/rotations", guard(self.publish)),
            web.get("/api/v1/rotations/{id}", guard(self.get)),
            web.post("/api/v1/rotations/{id}/end", guard(self.end)),
        ]

    async def list_rotations(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 50, 1, 200)
        now = utcnow()
        views = await self.desk.recent(principal, limit)
        return web.json_response({"rotations": [rotation_json(v, now) for v in views]})

    async def get(self, request: web.Request, principal: Principal) -> web.Response:
        view = await self.desk.get(principal, request.match_info["id"])
        return web.json_response(rotation_json(view, utcnow()))

    async def publish(self, request: web.Request, principal: Principal) -> web.Response:
        body = await read_json(request)
        if not isinstance(body, dict):
            raise Invalid("body", "the body must be a JSON object")
        published = await self.desk.publish(principal, body)
        answer = {
            "rotation": rotation_json(published.rotation, utcnow()),
            "recipients": published.recipients,
        }
        return web.json_response(answer, status=201)

    async def end(self, request: web.Request, principal: Principal) -> web.Response:
        body = await read_json(request)
        reason = body.get("reason") if isinstance(body, dict) else None
        view = await self.desk.end(principal, request.match_info["id"], reason)
        return web.json_response(rotation_json(view, utcnow()))
