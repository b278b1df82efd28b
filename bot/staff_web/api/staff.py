"""The staff API's people: the audit log, and staff members (admins only): list, add, disable,
enable, reset a password (``POST /api/v1/staff/{username}/password``, ``{"password": ...}``)."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard, int_query, read_json
from bot.staff_web.bodies import audit_json, staff_json
from bot.staff_web.context import StaffContext
from services.db.staff_models import StaffMember
from services.staff import accounts, admin, audit
from services.staff.accounts import Principal, StaffError
from services.staff.errors import Invalid


def staff_summary(member: StaffMember) -> str:
    districts = ",".join(member.districts or []) or "all districts"
    return f"{member.username} ({member.role}, {districts})"


class StaffApi:
    """``/api/v1/audit`` and ``/api/v1/staff...``."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/audit", guard(self.audit)),
            web.get("/api/v1/staff", guard(self.list_staff, admins=True)),
            web.post("/api/v1/staff", guard(self.create_staff, admins=True)),
            web.post("/api/v1/staff/{username}/disable", guard(self.disable, admins=True)),
            web.post("/api/v1/staff/{username}/enable", guard(self.enable, admins=True)),
            web.post("/api/v1/staff/{username}/password", guard(self.password, admins=True)),
        ]

    async def audit(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 100, 1, 500)
        before = int_query(request, "before", None, 1, 2**62)
        async with self.context.database.transaction() as session:
            rows = await audit.entries(session, principal, limit=limit, before_id=before)
            return web.json_response({"entries": [audit_json(row) for row in rows]})

    async def list_staff(self, request: web.Request, principal: Principal) -> web.Response:
        async with self.context.database.transaction() as session:
            members = await accounts.list_staff(session)
            return web.json_response({"staff": [staff_json(member) for member in members]})

    async def create_staff(self, request: web.Request, principal: Principal) -> web.Response:
        body = await read_json(request)
        if not isinstance(body, dict):
            raise Invalid("body", "the body must be a JSON object")
        fields = {"username": str, "role": str, "districts": list, "password": str}
        for name, kind in fields.items():
            if not isinstance(body.get(name, [] if kind is list else None), kind):
                raise StaffError(name, f"{name}: required")
        if not all(isinstance(d, str) for d in body.get("districts", [])):
            raise StaffError("districts", "districts: a list of district codes")
        async with self.context.database.transaction() as session:
            member = await accounts.create_staff(
                session, body["username"], body["role"], body.get("districts", []), body["password"]
            )
            audit.record(session, principal, "staff.created", detail=staff_summary(member))
            return web.json_response({"staff": staff_json(member)}, status=201)

    async def disable(self, request: web.Request, principal: Principal) -> web.Response:
        return await self._set_active(request, principal, False)

    async def enable(self, request: web.Request, principal: Principal) -> web.Response:
        return await self._set_active(request, principal, True)

    async def _set_active(
        self, request: web.Request, principal: Principal, active: bool
    ) -> web.Response:
        async with self.context.database.transaction() as session:
            member = await admin.set_active(
                session, principal, request.match_info["username"], active
            )
            return web.json_response({"staff": staff_json(member)})

    async def password(self, request: web.Request, principal: Principal) -> web.Response:
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("password"), str):
            raise StaffError("password", "password: required")
        async with self.context.database.transaction() as session:
            member = await admin.reset_password(
                session, principal, request.match_info["username"], body["password"]
            )
            return web.json_response({"staff": staff_json(member)})
