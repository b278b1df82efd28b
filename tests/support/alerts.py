"""Shared helpers of the alerts tests (no tests here): chats, events, senders, waiting."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.channels.inbound import Inbound
from bot.channels.protocol import ChannelSender
from bot.channels.registry import DIRECTORY
from bot.channels.telegram import TelegramChannel
from bot.channels.viber import ViberChannel
from bot.delivery.dispatcher import Dispatcher, DispatcherConfig
from handlers.messages import IncomingMessage, OutgoingMessage
from services.alerts.quiet import KOSOVO
from services.db import Database
from services.db.alert_models import AlertPreference, AreaFollow, OutboxMessage
from services.db.models import Chat, ChatLink
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi
from tests.support.waiting import wait_until as wait_until  # re-exported for the alerts tests

NOON = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)  # 12:00 in Kosovo: not quiet
NIGHT = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)  # 23:30 in Kosovo: quiet


def next_noon() -> datetime:
    """The next 12:00 in Kosovo from now (UTC): a day-time clock that is never behind the real
    one, for tests whose rows are also written at the real time (they are due at once)."""
    local = datetime.now(KOSOVO)
    noon = local.replace(hour=12, minute=0, second=0, microsecond=0)
    return (noon if noon >= local else noon + timedelta(days=1)).astimezone(UTC)


VIBER_TOKEN = "4f1a9d7e0c2b3a45-8e6f7d1c2b3a4f5e-9d8c7b6a5f4e3d2c"
AREA_OF = {"DPR100001": "dardania", "DGJ200002": "qendra", "DFE400004": "shterpce"}


async def add_chat(
    database: Database,
    external_id: str,
    *,
    channel: str = "telegram",
    language: str | None = None,
    codes: Iterable[str] = (),
    areas: Iterable[str] = (),
    active: bool = True,
    pushes: bool | None = None,
    **preferences: Any,
) -> int:
    """A chat with linked ``codes`` (in their demo areas), followed ``areas`` and preferences;
    unless told, it pushes as its channel does in the bot's registry (a console chat doesn't)."""
    async with database.transaction() as session:
        chat = Chat(
            channel=channel,
            external_id=external_id,
            language=language,
            active=active,
            pushes=DIRECTORY.pushes(channel) if pushes is None else pushes,
        )
        session.add(chat)
        await session.flush()
        for code in codes:
            session.add(ChatLink(chat_id=chat.id, customer_code=code, area_id=AREA_OF.get(code)))
        for area in areas:
            session.add(AreaFollow(chat_id=chat.id, area_id=area))
        if preferences:
            session.add(AlertPreference(chat_id=chat.id, **preferences))
        return chat.id


async def outbox_rows(database: Database, event_id: str | None = None) -> list[OutboxMessage]:
    async with database.transaction() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if event_id is not None:
            query = query.where(OutboxMessage.event_id == event_id)
        return list(await session.scalars(query))


def stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def outage_started(
    event_id: str = "evt-o1",
    outage_id: str = "OUT-1",
    *,
    areas: tuple[str, ...] = ("dardania",),
    district: str = "DPR",
    at: datetime = NOON,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "outage.started",
        "occurred_at": stamp(at),
        "outage_id": outage_id,
        "district": district,
        "areas": list(areas),
        "started_at": stamp(at - timedelta(minutes=5)),
        "estimated_restore_at": stamp(at + timedelta(hours=3)),
        "reason": {"sq": "Defekt në rrjet", "en": "Network fault", "sr": "Квар на мрежи"},
        **extra,
    }


def bill_issued(
    event_id: str = "evt-b1", code: str = "DPR100001", at: datetime = NOON
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "bill.issued",
        "occurred_at": stamp(at),
        "customer_code": code,
        "amount": "42.50",
        "currency": "EUR",
        "period": "2026-10",
        "due_date": "2026-12-05",
    }


def planned_work(
    event_id: str = "evt-w1",
    work_id: str = "PW-1",
    *,
    areas: tuple[str, ...] = ("qendra",),
    district: str = "DGJ",
    starts_at: datetime = NOON + timedelta(days=2),
    at: datetime = NOON,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "planned_work.scheduled",
        "occurred_at": stamp(at),
        "work_id": work_id,
        "district": district,
        "areas": list(areas),
        "starts_at": stamp(starts_at),
        "ends_at": stamp(starts_at + timedelta(hours=4)),
        "description": {
            "sq": "Mirëmbajtje e trafos",
            "en": "Transformer maintenance",
            "sr": "Одржавање трафоа",
        },
    }


async def _no_handle(_message: IncomingMessage) -> list[OutgoingMessage]:
    return []


@asynccontextmanager
async def telegram_sender(
    api: FakeTelegramAPI,
    database: Database,
    *,
    rate: float = 30.0,
    paid: bool = False,
    send_timeout: float = 30.0,
) -> AsyncIterator[ChannelSender]:
    """The real TelegramSender (PTB, with the product's rate limiter at ``rate``) against the
    fake Bot API; 403s mark chats inactive."""
    lifecycle = DatabaseChatLifecycle(database)
    channel = TelegramChannel(
        api.token,
        api.root,
        Inbound(_no_handle, lifecycle),
        lifecycle,
        rate=rate,
        paid_broadcast=paid,
        send_timeout=send_timeout,
    )
    await channel.application.initialize()
    try:
        yield channel.sender
    finally:
        await channel.application.shutdown()


@asynccontextmanager
async def viber_sender(
    fake: FakeViberApi, database: Database, *, rate: float = 50.0, broadcast: bool = False
) -> AsyncIterator[ChannelSender]:
    lifecycle = DatabaseChatLifecycle(database)
    channel = ViberChannel(
        VIBER_TOKEN,
        fake.url,
        Inbound(_no_handle, lifecycle),
        lifecycle,
        backoff_base=0.05,
        rate=rate,
        broadcast=broadcast,
    )
    try:
        yield channel.sender
    finally:
        await channel.api.close()


def fast_config(**overrides: Any) -> DispatcherConfig:
    values: dict[str, Any] = {
        "backoff_base": 0.05,
        "idle_poll": 0.05,
        "lock_poll": 0.2,
        "reminder_interval": 0.1,
        "max_attempts": 3,
        "resend_spacing": timedelta(seconds=0.1),
    }
    values.update(overrides)
    return DispatcherConfig(**values)


@asynccontextmanager
async def dispatching(dispatcher: Dispatcher) -> AsyncIterator[Dispatcher]:
    dispatcher.start()
    try:
        yield dispatcher
    finally:
        await dispatcher.stop(grace=2.0)


class MovingClock:
    """A clock that starts at ``start`` and runs at real speed; :meth:`jump` moves it."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._began = asyncio.get_event_loop().time()
        self._offset = timedelta()

    def __call__(self) -> datetime:
        elapsed = asyncio.get_event_loop().time() - self._began
        return self._start + self._offset + timedelta(seconds=elapsed)

    def jump(self, delta: timedelta) -> None:
        self._offset += delta


def restored(event_id: str = "evt-o9", at: Any = NOON + timedelta(hours=2)) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": "outage.restored",
        "occurred_at": stamp(at),
        "outage_id": "OUT-1",
        "restored_at": stamp(at),
    }
