"""Shared pieces of the staff tests: the staff routes on a real aiohttp server on 127.0.0.1,
with the real alerts engine over chats following the notices' areas, and staff members."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import select, update

from bot.staff_web.context import StaffContext
from bot.staff_web.routes import staff_routes
from bot.web.guard import middlewares
from services import alerts
from services.db import Database
from services.db.alert_models import AlertEvent, OutboxMessage
from services.notices.desk import NoticeDesk
from services.staff import accounts
from tests.support.alerts import add_chat, outbox_rows

ADMIN_TOKEN = "admin-token-for-tests-0123456789"
PASSWORD = "correct horse battery staple"
AREAS = ("dardania", "ulpiana", "qendra")


@dataclass
class StaffServer:
    """The staff page and API served for a test."""

    url: str
    context: StaffContext
    database: Database
    chats: int = 0
    delays: list[float] = field(default_factory=list)  # the sign-in delays asked for

    async def add_staff(self, username: str, role: str = "operator", districts: str = "DPR") -> str:
        """Create a staff member and return an API token for them."""
        async with self.database.transaction() as session:
            member = await accounts.create_staff(
                session, username, role, districts.split(","), PASSWORD
            )
            return await accounts.issue_api_token(session, member.id)

    async def add_chats(self, count: int, areas: tuple[str, ...] = AREAS) -> None:
        """``count`` customer chats following ``areas``."""
        for _ in range(count):
            self.chats += 1
            await add_chat(self.database, f"customer-{self.chats}", areas=areas)

    async def outbox(self, event_id: str | None = None) -> list[OutboxMessage]:
        """The outbox rows (of ``event_id``) once the fan-outs woken so far have run."""
        await alerts.run_pending(self.database)
        return await outbox_rows(self.database, event_id)

    async def events(self) -> list[dict[str, Any]]:
        """The events the alerts engine has received, oldest first."""
        async with self.database.transaction() as session:
            rows = await session.scalars(select(AlertEvent).order_by(AlertEvent.received_at))
            return [dict(row.payload) for row in rows.all()]

    async def deliver(
        self,
        event_id: str,
        sent: int = 0,
        failed: int = 0,
        blocked: int = 0,
        unconfirmed: int = 0,
    ) -> None:
        """Run the fan-outs, then move queued outbox rows of ``event_id`` on, as a dispatcher
        would."""
        await alerts.run_pending(self.database)
        async with self.database.transaction() as session:
            ids = list(
                await session.scalars(
                    select(OutboxMessage.id)
                    .where(OutboxMessage.event_id == event_id, OutboxMessage.state == "queued")
                    .order_by(OutboxMessage.id)
                )
            )
            for state, count in (
                ("sent", sent),
                ("failed", failed),
                ("blocked", blocked),
                ("unconfirmed", unconfirmed),
            ):
                chosen, ids = ids[:count], ids[count:]
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(chosen))
                    .values(state=state, uncertain=state == "unconfirmed")
                )


async def serve(database: Database, confirm_above: int = 1000) -> tuple[TestServer, StaffContext]:
    desk = NoticeDesk(database, confirm_above=confirm_above)
    fanouts: set[asyncio.Task[int]] = set()

    def run_fanouts() -> None:  # what the runtime's fan-out runner does once woken
        task = asyncio.get_running_loop().create_task(alerts.run_pending(database))
        fanouts.add(task)
        task.add_done_callback(fanouts.discard)

    desk.wakeups.fanouts.connect(run_fanouts)
    context = StaffContext(database=database, desk=desk, admin_token=ADMIN_TOKEN)
    app = web.Application(middlewares=middlewares())
    app.add_routes(staff_routes(context))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server, context


@pytest_asyncio.fixture(name="staff_server")
async def staff_server_fixture(database: Database) -> AsyncIterator[StaffServer]:
    """Served with three customer chats following the test areas, confirmation above five."""
    server, context = await serve(database, confirm_above=5)
    staff = StaffServer(str(server.make_url("")).rstrip("/"), context, database)

    async def no_wait(seconds: float) -> None:  # sign-in delays are recorded, not waited out
        staff.delays.append(seconds)

    context.sleep = no_wait
    await staff.add_chats(3)
    try:
        yield staff
    finally:
        await server.close()
