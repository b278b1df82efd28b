"""Every route of the staff API (``/api/v1``; ``/api/v1/events`` belongs to the alerts
engine), its parts behind one guard, and the OpenAPI document that describes them."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.api.callbacks import CallbacksApi
from bot.staff_web.api.faq import FaqApi
from bot.staff_web.api.guard import ApiGuard
from bot.staff_web.api.links import LinksApi
from bot.staff_web.api.notices import NoticesApi
from bot.staff_web.api.places import PlacesApi
from bot.staff_web.api.reports import ReportsApi
from bot.staff_web.api.rotations import RotationsApi
from bot.staff_web.api.staff import StaffApi
from bot.staff_web.context import StaffContext
from bot.staff_web.openapi.document import openapi_document

PARTS = (
    NoticesApi,
    StaffApi,
    CallbacksApi,
    LinksApi,
    ReportsApi,
    FaqApi,
    PlacesApi,
    RotationsApi,
)


async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI document: no credentials needed."""
    return web.json_response(openapi_document())


def api_routes(context: StaffContext) -> list[web.RouteDef]:
    """Authenticated with ``Authorization: Bearer <KESCO_ADMIN_TOKEN>`` (acts as an admin) or
    with a staff member's API token. Errors are JSON: ``{"error": ..., "field": ...}``."""
    guard = ApiGuard(context)
    routes = [web.get("/api/v1/openapi.json", openapi)]
    for part in PARTS:
        routes += part(context).routes(guard)
    return routes
