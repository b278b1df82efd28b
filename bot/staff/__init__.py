"""The staff tool on the bot's web server: the ``/staff`` page and the ``/api/v1`` staff API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from aiohttp import web

from bot.app import App
from bot.channels.protocol import SendingLimits
from bot.channels.registry import fast_budgets
from bot.staff.api import StaffApi
from bot.staff.context import StaffContext
from bot.staff.pages import StaffPages
from bot.staff.staff_admin_api import StaffAdminApi
from bot.staff.team_admin_pages import TeamAdminPages
from bot.web.client_address import parse_networks
from services.power_reports import BurstRule
from services.staff.scheduler import NoticeScheduler


def staff_routes(context: StaffContext) -> list[web.RouteDef]:
    """Every route of the staff page and the staff API."""
    pages = StaffPages(context)
    return [
        *pages.routes(),
        *TeamAdminPages(context, pages).routes(),
        *StaffApi(context).routes(),
        *StaffAdminApi(context).routes(),
    ]


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
        links=settings.deep_links(),
        report_rule=BurstRule(
            settings.report_burst_count, timedelta(minutes=settings.report_burst_minutes)
        ),
        overdue_after=timedelta(minutes=settings.outage_overdue_minutes),
        trusted_proxies=parse_networks(settings.trusted_proxies),
        sending=dict(sending or {}),
        fast_budgets=fast_budgets(settings) if settings.telegram_paid_broadcast != "off" else {},
    )


__all__ = ["StaffContext", "build_staff", "staff_routes"]
