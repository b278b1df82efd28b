"""What the staff pages and API share: the database, the notice desk, the settings in use, and
who is signed in (a session cookie, or a bearer token)."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiohttp import web

from bot.channels import SendingLimits
from bot.channels.registry import DIRECTORY
from bot.web.client_address import Network
from bot.web.client_address import client_address as address_of
from services import power_reports
from services.channels import ChannelDirectory
from services.db import Database
from services.deep_links import DeepLinks
from services.notices.board import DEFAULT_OVERDUE_AFTER
from services.notices.desk import NoticeDesk
from services.notices.scheduler import NoticeScheduler
from services.power_reports import AreaReports, BurstRule
from services.staff import accounts
from services.staff.accounts import Principal
from services.staff.credentials import same

SESSION_COOKIE = "kesco_staff"
LOGIN_COOKIE = "kesco_staff_login"


@dataclass
class StaffContext:
    """The staff tool's dependencies, assembled once by the runtime: ``report_rule`` says when
    an area's reports warrant a warning, ``overdue_after`` when an outage's expected end passed
    long ago (``KESCO_REPORT_BURST_*``, ``KESCO_OUTAGE_OVERDUE_MINUTES``). ``sleep`` waits out
    a sign-in's delay (tests give one that records it)."""

    database: Database
    desk: NoticeDesk
    admin_token: str | None = None
    secure_cookies: bool = False
    scheduler: NoticeScheduler | None = None
    viber_name: str = "KESCO"
    channels: ChannelDirectory = field(default_factory=lambda: DIRECTORY)
    links: DeepLinks | None = None
    report_rule: BurstRule = field(default_factory=BurstRule)
    overdue_after: timedelta = DEFAULT_OVERDUE_AFTER
    trusted_proxies: tuple[Network, ...] = ()
    sending: dict[str, SendingLimits] = field(default_factory=dict)  # the channels' senders
    fast_budgets: dict[str, float | None] = field(default_factory=dict)  # a day, when paid is on
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def bearer_principal(self, request: web.Request) -> Principal | None:
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or len(token) > 200:
            return None
        if self.admin_token and same(token, self.admin_token):
            return accounts.admin_token_principal()
        async with self.database.transaction() as session:
            return await accounts.token_principal(session, token)

    async def session_principal(self, request: web.Request) -> Principal | None:
        token = request.cookies.get(SESSION_COOKIE)
        if not token or len(token) > 200:
            return None
        async with self.database.transaction() as session:
            return await accounts.session_principal(session, token, self.admin_token)

    async def area_reports(
        self, principal: Principal, since: datetime, now: datetime
    ) -> list[AreaReports]:
        """Customers' reports of no power in the principal's districts since ``since``, by area."""
        districts = None if principal.is_admin else list(principal.districts)
        async with self.database.transaction() as session:
            return await power_reports.by_area(session, since, now, self.report_rule, districts)

    def set_cookie(self, response: web.StreamResponse, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/staff",
            httponly=True,
            samesite="Strict",
            secure=self.secure_cookies,
        )


def csrf_token(request: web.Request) -> str:
    """The session's CSRF token: derived from the session cookie, never stored."""
    session = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(f"csrf:{session}".encode()).hexdigest()


def csrf_ok(request: web.Request, submitted: str | None) -> bool:
    return (
        bool(submitted)
        and bool(request.cookies.get(SESSION_COOKIE))
        and same(submitted or "", csrf_token(request))
    )


def client_address(request: web.Request, proxies: tuple[Network, ...] = ()) -> str:
    """The client's address; from ``X-Forwarded-For`` only behind a trusted proxy."""
    return address_of(request, proxies)
