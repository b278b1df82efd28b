"""What every staff API call shares: the bearer token checked, the body read as safe JSON, the
query read, and every refusal answered as JSON (``{"error": ..., "field": ...}``)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.staff_web.context import StaffContext
from bot.web.request_body import BodyTooLarge, UnsafeJson, parse_json, read_body
from services.numbers import in_range
from services.staff import admin
from services.staff.accounts import Principal, StaffError
from services.staff.errors import Conflict, Forbidden, Invalid, NotFound

Endpoint = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_BODY = 64 * 1024


def json_error(status: int, message: str, field: str | None = None, **extra: Any) -> web.Response:
    body: dict[str, Any] = {"error": message}
    if field is not None:
        body["field"] = field
    body.update(extra)
    headers = {"WWW-Authenticate": 'Bearer realm="kesco-staff"'} if status == 401 else None
    return web.json_response(body, status=status, headers=headers, dumps=json.dumps)


async def read_json(request: web.Request) -> Any:
    """The body as safe JSON (``null`` when empty); :class:`Invalid` naming the field."""
    try:
        raw = await read_body(request, MAX_BODY)
    except BodyTooLarge as error:
        raise Invalid("body", "the body is too large") from error
    try:
        return parse_json(raw or b"null")
    except UnsafeJson as error:
        message = "the body is not valid JSON" if error.field == "body" else str(error)
        raise Invalid(error.field, message) from error


def int_query(request: web.Request, name: str, default: int | None, low: int, high: int) -> Any:
    value = request.query.get(name)
    if value is None:
        return default
    number = in_range(value, low, high)
    if number is None:
        raise Invalid(name, f"{name}: a whole number from {low} to {high}")
    return number


def only_admins() -> web.Response:
    return json_error(403, "only admins manage staff", "role")


class ApiGuard:
    """Wraps an endpoint: a valid bearer token first (401), then each refusal of the service
    layer in the API's words: invalid input 400 naming the field, outside the caller's
    districts 403, not found 404, not possible now 409. With ``admins``, only admins (403)."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def __call__(self, endpoint: Endpoint, *, admins: bool = False) -> Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            principal = await self.context.bearer_principal(request)
            if principal is None:
                return json_error(401, "a valid bearer token is required")
            if admins and not principal.is_admin:
                return only_admins()
            try:
                return await endpoint(request, principal)
            except (Invalid, StaffError) as error:
                return json_error(400, str(error), error.field)
            except Forbidden as error:
                return json_error(403, f"you may not act in district {error}", "district")
            except admin.StaffNotFound:
                return json_error(404, "no staff member with this username", "username")
            except admin.SelfLockout:
                return json_error(409, "you cannot disable your own account", "username")
            except NotFound:
                return json_error(404, "not found", "id")
            except Conflict as error:
                return json_error(409, str(error))
            except ValueError as error:  # the alerts engine's EventRejected names the field
                return json_error(400, str(error), getattr(error, "field", None))

        return handler
