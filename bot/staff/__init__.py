"""The staff tool on the bot's web server: the ``/staff`` page and the ``/api/v1`` staff API."""

from __future__ import annotations

from aiohttp import web

from bot.staff.api import StaffApi
from bot.staff.context import StaffContext
from bot.staff.pages import StaffPages


def staff_routes(context: StaffContext) -> list[web.RouteDef]:
    """Every route of the staff page and the staff API."""
    return [*StaffPages(context).routes(), *StaffApi(context).routes()]


__all__ = ["StaffContext", "staff_routes"]
