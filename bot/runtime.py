"""``kesco-bot run``: the web server, the configured channels, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from aiohttp import web

from bot.app import App, build_app, channel_setup
from bot.channels.protocol import Channel
from bot.channels.registry import build_channels, fast_budgets
from bot.delivery.dispatcher import Dispatcher, DispatcherConfig
from bot.delivery.health import DeliveryHealth
from bot.metrics import outbox_depth_refresher, power_reports_refresher
from bot.secrets_check import check_secrets
from bot.settings import Settings
from bot.staff_web.routes import build_staff, staff_routes
from bot.web.events_api import EventsApi
from bot.web.files import BillFiles
from bot.web.health import HealthCheck, HealthMonitor
from bot.web.server import build_web_app
from services.alerts.fanout_runner import FanoutRunner
from services.alerts.warm_up import warm_up
from services.backend.demo_events import demo_learner
from services.db.database import POOL_SIZE
from services.knowledge.watcher import KnowledgeWatcher
from services.retention import RetentionJob

log = logging.getLogger(__name__)


class Runtime:
    """Starts and stops everything ``run`` serves, in order."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.channels = build_channels(channel_setup(app))
        routes = [route for channel in self.channels for route in channel.aiohttp_routes()]
        checks: dict[str, HealthCheck] = {
            "database": app.database.ping,
            "backend": app.backend.ping,
        }
        for channel in self.channels:
            checks[channel.name] = channel.ping
        self.dispatcher = build_dispatcher(app, self.channels)
        self.fanouts = FanoutRunner(
            app.database, app.wakeups, default_language=app.settings.default_language
        )
        secret = app.settings.events_secret
        events = EventsApi(
            app.database,
            secret.get_secret_value() if secret else None,
            default_language=app.settings.default_language,
            wakeups=app.wakeups,
            paid_broadcast=app.settings.telegram_paid_broadcast,
            deadlines=app.notices.deadlines,
            learn=demo_learner(app.backend),
        )
        routes += events.routes()
        routes += BillFiles(app.settings.file_links(), app.backend).routes()
        sending = {channel.name: channel.sender.limits for channel in self.channels}
        self.staff = build_staff(app, sending=sending)
        routes += staff_routes(self.staff)
        self.delivery = DeliveryHealth(
            app.database, self.dispatcher, [channel.name for channel in self.channels]
        )
        checks["delivery"] = self.delivery.check
        self.health = HealthMonitor(checks, details={"delivery": self.delivery.report})
        refreshers = [outbox_depth_refresher(app.database), power_reports_refresher(app.database)]
        self.web_app = build_web_app(routes, self.health, before_metrics=refreshers)
        self.knowledge = KnowledgeWatcher(app.database, app.faq)
        keep = timedelta(days=app.settings.retention_days)
        self.retention = RetentionJob(app.database, keep=keep)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        check_secrets(self.app.settings)
        settings = self.app.settings
        await warm_up(
            self.app.database, default_language=settings.default_language, connections=POOL_SIZE
        )
        self._runner = web.AppRunner(self.web_app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, settings.http_host, settings.http_port).start()
        log.info("web server listening on %s:%s", settings.http_host, settings.http_port)
        for channel in self.channels:
            await channel.start()
            log.info("%s channel started", channel.name)
        if not self.channels:
            log.warning("no messenger configured: set the token of one (docs/configuration.md)")
        await self.health.refresh()
        self.dispatcher.start()
        self.fanouts.start()
        if self.staff.scheduler is not None:
            self.staff.scheduler.start()
        self.knowledge.start()
        self.retention.start()

    async def stop(self) -> None:
        await self.retention.stop()
        await self.knowledge.stop()
        if self.staff.scheduler is not None:
            await self.staff.scheduler.stop()
        await self.fanouts.stop()
        await self.dispatcher.stop()
        for channel in reversed(self.channels):
            with contextlib.suppress(Exception):
                await channel.stop()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.app.close()


def build_dispatcher(app: App, channels: list[Channel]) -> Dispatcher:
    """The alert dispatcher over the senders of the configured channels, at their rates."""
    settings = app.settings
    senders = {channel.name: channel.sender for channel in channels}
    config = DispatcherConfig(
        max_attempts=settings.alert_max_attempts,
        default_language=settings.default_language,
        backoff_max=settings.alert_retry_max.total_seconds(),
        rotation_reminder=timedelta(minutes=settings.rotation_reminder_minutes),
        bill_reminder_days=settings.bill_reminder_days,
    )
    budgets = fast_budgets(settings) if settings.telegram_paid_broadcast != "off" else {}
    return Dispatcher(
        app.database, senders, config=config, fast_budgets=budgets, wakeups=app.wakeups
    )


async def run(settings: Settings) -> None:
    """Serve until SIGINT or SIGTERM; :class:`~bot.secrets_check.WeakSecrets` before anything
    starts when a secret setting is weak (outside the embedded demo)."""
    check_secrets(settings)
    runtime = Runtime(await build_app(settings))
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stopping.set)
    await runtime.start()
    try:
        await stopping.wait()
    finally:
        log.info("stopping")
        await runtime.stop()
