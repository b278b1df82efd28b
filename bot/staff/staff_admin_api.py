"""Staff API for administering accounts (admins only): disable, enable, reset a password.

``POST /api/v1/staff/{username}/disable`` | ``/enable`` | ``/password`` (``{"password": ...}``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.staff.api import read_json, staff_json
from bot.staff.context import StaffContext, json_error
from services.staff import admin
from services.staff.accounts import Principal, StaffError
from services.staff.notice_input import NoticeInvalid

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]


class StaffAdminApi:
    """Disabling and enabling staff members and resetting their passwords."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self) -> list[web.RouteDef]:
        guard = self._guard
        return [
            web.post("/api/v1/staff/{username}/disable", guard(self.disable)),
            web.post("/api/v1/staff/{username}/enable", guard(self.enable)),
            web.post("/api/v1/staff/{username}/password", guard(self.password)),
        ]

    def _guard(self, endpoint: Endpoint) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handler(request: web.Request) -> web.StreamResponse:
            principal = await self.context.bearer_principal(request)
            if principal is None:
                return json_error(401, "a valid bearer token is required")
            if not principal.is_admin:
                return json_error(403, "only admins manage staff", "role")
            try:
                return await endpoint(request, principal)
            except (NoticeInvalid, StaffError) as error:
                return json_error(400, str(error), error.field)
            except admin.StaffNotFound:
                return json_error(404, "no staff member with this username", "username")
            except admin.SelfLockout:
                return json_error(409, "you cannot disable your own account", "username")

        return handler

    async def disable(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._set_active(request, principal, False)

    async def enable(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._set_active(request, principal, True)

    async def _set_active(
        self, request: web.Request, principal: Principal, active: bool
    ) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            member = await admin.set_active(
                session, principal, request.match_info["username"], active
            )
            return web.json_response({"staff": staff_json(member)})

    async def password(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("password"), str):
            raise StaffError("password", "password: required")
        async with self.context.database.transaction() as session:
            member = await admin.reset_password(
                session, principal, request.match_info["username"], body["password"]
            )
            return web.json_response({"staff": staff_json(member)})
