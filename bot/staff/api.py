"""The staff API (``/api/v1``): notices, their delivery, the audit log and staff members.

Authenticated with ``Authorization: Bearer <KESCO_ADMIN_TOKEN>`` (acts as an admin) or with a
staff member's API token. Errors are JSON: ``{"error": ..., "field": ...}``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.staff.callbacks_api import CallbacksApi
from bot.staff.context import StaffContext, json_error
from bot.staff.delivery_preview import delivery_preview
from bot.staff.lifecycle_api import LifecycleApi
from bot.staff.links_api import LinksApi
from bot.staff.openapi import openapi_document
from bot.staff.reports_api import ReportsApi
from bot.staff.resend_api import ResendApi
from bot.web.request_body import BodyTooLarge, UnsafeJson, parse_json, read_body
from services.areas import areas_of
from services.customer_codes import DISTRICTS
from services.staff import accounts, audit
from services.staff.accounts import Principal, StaffError
from services.staff.notice_input import NoticeInvalid, read_notice
from services.staff.notice_types import NoticeConflict, NoticeForbidden, NoticeNotFound
from services.staff.preview import render_previews

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
MAX_BODY = 64 * 1024


async def read_json(request: web.Request) -> Any:
    """The body as safe JSON (``null`` when empty); :class:`NoticeInvalid` naming the field."""
    try:
        raw = await read_body(request, MAX_BODY)
    except BodyTooLarge as error:
        raise NoticeInvalid("body", "the body is too large") from error
    try:
        return parse_json(raw or b"null")
    except UnsafeJson as error:
        message = "the body is not valid JSON" if error.field == "body" else str(error)
        raise NoticeInvalid(error.field, message) from error


def int_query(request: web.Request, name: str, default: int | None, low: int, high: int) -> Any:
    value = request.query.get(name)
    if value is None:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise NoticeInvalid(name, f"{name}: a whole number from {low} to {high}")
    return int(value)


class StaffApi:
    """Routes of ``/api/v1`` for staff; ``/api/v1/events`` belongs to the alerts engine."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context
        self.desk = context.desk

    def routes(self) -> list[web.RouteDef]:
        guard = self._guard
        return [
            web.get("/api/v1/openapi.json", self.openapi),
            web.get("/api/v1/notices", guard(self.list_notices)),
            web.post("/api/v1/notices", guard(self.create_notice)),
            web.post("/api/v1/notices/preview", guard(self.preview)),
            web.get("/api/v1/notices/{id}", guard(self.get_notice)),
            web.post("/api/v1/notices/{id}/cancel", guard(self.cancel)),
            web.post("/api/v1/notices/{id}/stop", guard(self.stop)),
            web.get("/api/v1/notices/{id}/progress", guard(self.progress)),
            web.get("/api/v1/areas", guard(self.areas)),
            web.get("/api/v1/audit", guard(self.audit)),
            web.get("/api/v1/staff", guard(self.list_staff)),
            web.post("/api/v1/staff", guard(self.create_staff)),
            *CallbacksApi(self.context).routes(guard),
            *LinksApi(self.context).routes(guard),
            *LifecycleApi(self.context, read_json).routes(guard),
            *ReportsApi(self.context).routes(guard),
            *ResendApi(self.context).routes(guard),
        ]

    def _guard(self, endpoint: Endpoint) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handler(request: web.Request) -> web.StreamResponse:
            principal = await self.context.bearer_principal(request)
            if principal is None:
                return json_error(401, "a valid bearer token is required")
            try:
                return await endpoint(request, principal)
            except NoticeInvalid as error:
                return json_error(400, str(error), error.field)
            except StaffError as error:
                return json_error(400, str(error), error.field)
            except NoticeForbidden as error:
                return json_error(403, f"you may not act in district {error}", "district")
            except NoticeNotFound:
                return json_error(404, "not found", "id")
            except NoticeConflict as error:
                return json_error(409, str(error))
            except ValueError as error:  # the alerts engine's EventRejected names the field
                return json_error(400, str(error), getattr(error, "field", None))

        return handler

    async def openapi(self, request: web.Request) -> web.Response:
        return web.json_response(openapi_document())

    async def list_notices(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 50, 1, 200)
        return web.json_response({"notices": await self.desk.recent(principal, limit)})

    async def create_notice(self, request: web.Request, principal: Principal) -> web.Response:
        data = read_notice(await read_json(request))
        result = await self.desk.submit(principal, data)
        if result.confirm_needed:
            return json_error(
                409,
                f"this notice reaches {result.recipients} chats: send it again with "
                '"confirm": true',
                "confirm",
                recipients=result.recipients,
            )
        body = {"notice": result.notice, "recipients": result.recipients, "created": result.created}
        return web.json_response(body, status=201 if result.created else 200)

    async def preview(self, request: web.Request, principal: Principal) -> web.Response:
        data = read_notice(await read_json(request))
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        recipients = await self.desk.count_recipients(data)
        body = {
            "previews": render_previews(data, self.context.channels),
            "recipients": recipients,
            "confirm_needed": recipients > self.desk.confirm_above,
        }
        delivery = await delivery_preview(self.context, data)
        if delivery is not None:
            body["delivery"] = delivery
        return web.json_response(body)

    async def get_notice(self, request: web.Request, principal: Principal) -> web.Response:
        return web.json_response(await self.desk.get(principal, request.match_info["id"]))

    async def cancel(self, request: web.Request, principal: Principal) -> web.Response:
        return web.json_response(await self.desk.cancel(principal, request.match_info["id"]))

    async def stop(self, request: web.Request, principal: Principal) -> web.Response:
        stopped = await self.desk.stop(principal, request.match_info["id"])
        return web.json_response({"stopped": stopped})

    async def progress(self, request: web.Request, principal: Principal) -> web.Response:
        return web.json_response(await self.desk.progress(principal, request.match_info["id"]))

    async def areas(self, request: web.Request, principal: Principal) -> web.Response:
        body = {
            district: [{"id": area.id, "names": area.names} for area in areas_of(district)]
            for district in DISTRICTS
            if principal.may_act_in(district)
        }
        return web.json_response({"districts": body})

    async def audit(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 100, 1, 500)
        before = int_query(request, "before", None, 1, 2**62)
        async with self.context.database.transaction() as session:
            rows = await audit.entries(session, principal, limit=limit, before_id=before)
            return web.json_response({"entries": [audit.as_json(row) for row in rows]})

    async def list_staff(self, request: web.Request, principal: Principal) -> web.Response:
        if not principal.is_admin:
            return json_error(403, "only admins manage staff", "role")
        async with self.context.database.transaction() as session:
            members = await accounts.list_staff(session)
            return web.json_response({"staff": [staff_json(member) for member in members]})

    async def create_staff(self, request: web.Request, principal: Principal) -> web.Response:
        if not principal.is_admin:
            return json_error(403, "only admins manage staff", "role")
        body = await read_json(request)
        if not isinstance(body, dict):
            raise NoticeInvalid("body", "the body must be a JSON object")
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


def staff_json(member: Any) -> dict[str, Any]:
    return {
        "id": member.id,
        "username": member.username,
        "role": member.role,
        "districts": list(member.districts or []) if member.role == "operator" else list(DISTRICTS),
        "active": member.active,
        "has_api_token": member.api_token_hash is not None,
    }


def staff_summary(member: Any) -> str:
    districts = ",".join(member.districts or []) or "all districts"
    return f"{member.username} ({member.role}, {districts})"
