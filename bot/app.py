"""Assembling the bot from settings: database, account backend, conversation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TextIO

from bot.channels.inbound import Inbound
from bot.channels.registry import DIRECTORY
from bot.channels.setup import ChannelSetup
from bot.metrics import counted
from bot.settings import Settings
from handlers.conversation import Conversation
from handlers.turn import Deps
from services.alerts import Deadlines
from services.alerts.wakeups import Wakeups
from services.backend import AccountBackend
from services.backend.demo import DemoBackend
from services.backend.http import HttpBackend
from services.db import Database
from services.demo_seed import ensure_demo_customers
from services.knowledge.live import LiveFaq
from services.lifecycle import DatabaseChatLifecycle
from services.linking import LinkingService
from services.notices.desk import NoticeDesk
from services.opening_hours import parse_hours
from services.payments import PaymentLinks
from services.places import in_use as places
from services.places import live as live_places

log = logging.getLogger(__name__)


@dataclass
class App:
    """The assembled, channel-free core of the bot."""

    settings: Settings
    database: Database
    backend: AccountBackend
    conversation: Conversation
    lifecycle: DatabaseChatLifecycle
    notices: NoticeDesk
    wakeups: Wakeups
    faq: LiveFaq

    async def close(self) -> None:
        if isinstance(self.backend, HttpBackend):
            await self.backend.close()
        await self.database.dispose()


def build_backend(settings: Settings, database: Database) -> AccountBackend:
    if settings.backend == "http":
        if not settings.backend_url:
            raise SystemExit("KESCO_BACKEND=http needs KESCO_BACKEND_URL")
        token = settings.backend_token.get_secret_value() if settings.backend_token else None
        return HttpBackend(settings.backend_url, token)
    return DemoBackend(database)


async def build_app(settings: Settings, *, migrate: bool = True) -> App:
    """Open the database (migrated to the latest schema) and assemble the conversation, which
    answers with the FAQ knowledge as published (the built-in one and the staff topics)."""
    places.use_file(settings.places_file)  # a bad place file stops the start, naming the line
    database = Database(settings.database_url)
    if migrate:
        await database.upgrade()
    backend = build_backend(settings, database)
    if settings.backend == "demo":
        await ensure_demo_customers(database)
    wakeups = Wakeups()
    notices = NoticeDesk(
        database,
        confirm_above=settings.broadcast_confirm_above,
        default_language=settings.default_language,
        deadlines=Deadlines(settings.alert_urgent_ttl, settings.alert_routine_ttl),
        paid_broadcast=settings.telegram_paid_broadcast,
        wakeups=wakeups,
    )
    faq = LiveFaq()
    await faq.refresh(database)
    await live_places.refresh(database)
    budgets = settings.budgets()
    deps = Deps(
        backend=backend,
        linking=LinkingService(
            backend,
            budgets.proofs,
            channels=DIRECTORY,
            default_language=settings.default_language,
            link_max_chats=settings.link_max_chats,
        ),
        payments=PaymentLinks(settings.payment_url),
        default_language=settings.default_language,
        faq=faq,
        notices=notices,
        channels=DIRECTORY,
        call_centre_hours=parse_hours(settings.call_centre_hours),
        links=settings.deep_links(),
        files=settings.file_links(),
        emergency_number=settings.emergency_number,
        budgets=budgets,
    )
    return App(
        settings=settings,
        database=database,
        backend=backend,
        conversation=Conversation(database, deps),
        lifecycle=DatabaseChatLifecycle(database),
        notices=notices,
        wakeups=wakeups,
        faq=faq,
    )


def channel_setup(app: App, terminal: tuple[TextIO, TextIO] | None = None) -> ChannelSetup:
    """What the registry's builders get: the settings, one inbound pipeline over the counted
    conversation, the lifecycle, and the terminal for the console (``kesco-bot chat``)."""
    inbound = Inbound(
        counted(app.conversation.handle),
        app.lifecycle,
        default_language=app.settings.default_language,
    )
    return ChannelSetup(app.settings, inbound, app.lifecycle, terminal=terminal)
