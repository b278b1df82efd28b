"""The staff tool on the bot's web server: the ``/staff`` page and the ``/api/v1`` staff API."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from aiohttp import web

from bot.app import App
from bot.channel_registry import fast_budgets
from bot.channels import SendingLimits
from bot.staff.api import StaffApi
from bot.staff.context import StaffContext
from bot.staff.pages import StaffPages
from services.staff.scheduler import NoticeScheduler


def staff_routes(context: StaffContext) -> list[web.RouteDef]:
    """Every route of the staff page and the staff API."""
    return [*StaffPages(context).routes(), *StaffApi(context).routes()]


def build_staff(
    app: App,
    on_published: Callable[[], None] | None = None,
    sending: Mapping[str, SendingLimits] | None = None,
) -> StaffContext:
    """The staff tool of ``kesco-bot run``: its desk (shared with ``/notice``) and scheduler;
    ``sending``: the limits of the channels' senders (for the previews' delivery estimate)."""
    settings = app.settings
    desk = app.notices
    desk.on_published = on_published
    token = settings.admin_token.get_secret_value() if settings.admin_token else None
    return StaffContext(
        database=app.database,
        desk=desk,
        admin_token=token or None,
        secure_cookies=(settings.public_url or "").startswith("https://"),
        scheduler=NoticeScheduler(desk, interval=2.0),
        viber_name=settings.viber_bot_name,
        sending=dict(sending or {}),
        fast_budgets=fast_budgets(settings) if settings.telegram_paid_broadcast != "off" else {},
    )


__all__ = ["StaffContext", "build_staff", "staff_routes"]
