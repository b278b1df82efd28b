"""Shared pieces of the staff tests: the staff routes on a real aiohttp server on 127.0.0.1,
with the fake alerts engine, and staff members to act as."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest_asyncio
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.staff import StaffContext, staff_routes
from services.db import Database
from services.staff import accounts
from services.staff.notices import NoticeDesk
from tests.fakes.alerts import FakeAlerts

ADMIN_TOKEN = "admin-token-for-tests-0123456789"
PASSWORD = "correct horse battery staple"


@dataclass
class StaffServer:
    """The staff page and API served for a test."""

    url: str
    context: StaffContext
    alerts: FakeAlerts
    database: Database

    async def add_staff(self, username: str, role: str = "operator", districts: str = "DPR") -> str:
        """Create a staff member and return an API token for them."""
        async with self.database.transaction() as session:
            member = await accounts.create_staff(
                session, username, role, districts.split(","), PASSWORD
            )
            return await accounts.issue_api_token(session, member.id)


async def serve(
    database: Database, alerts: FakeAlerts, confirm_above: int = 1000
) -> tuple[TestServer, StaffContext]:
    context = StaffContext(
        database=database,
        desk=NoticeDesk(database, alerts, confirm_above=confirm_above),
        admin_token=ADMIN_TOKEN,
    )
    app = web.Application()
    app.add_routes(staff_routes(context))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server, context


@pytest_asyncio.fixture(name="staff_server")
async def staff_server_fixture(database: Database) -> AsyncIterator[StaffServer]:
    alerts = FakeAlerts(recipients=3)
    server, context = await serve(database, alerts, confirm_above=5)
    try:
        yield StaffServer(str(server.make_url("")).rstrip("/"), context, alerts, database)
    finally:
        await server.close()
