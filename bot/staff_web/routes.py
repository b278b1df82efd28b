"""The staff web console for ``kesco-bot run``: its context, built from the settings, and every
route of its pages and API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from aiohttp import web

from bot.app import App
from bot.channels import SendingLimits
from bot.channels.registry import fast_budgets
from bot.staff_web.api.routes import api_routes
from bot.staff_web.context import StaffContext
from bot.staff_web.pages.routes import page_routes
from bot.web.client_address import parse_networks
from services.notices.scheduler import NoticeScheduler
from services.power_reports import BurstRule


def staff_routes(context: StaffContext) -> list[web.RouteDef]:
    """Every route of the staff pages and the staff API."""
    return [*page_routes(context), *api_routes(context)]


def build_staff(app: App, sending: Mapping[str, SendingLimits] | None = None) -> StaffContext:
    """The staff tool of ``kesco-bot run``: its desk (shared with ``/notice``) and scheduler;
    ``sending``: the limits of the channels' senders (for the previews' delivery estimate)."""
    settings = app.settings
    desk = app.notices
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
