"""Budgets that bound flooding: how many call-backs, reports of no power and proofs one chat may
make, and all chats together in one area, within an hour.

Each use is a row of ``budget_spends`` (the kind, the chat, the area or district, the time);
:func:`exceeded` counts them within the window, per chat and per scope, before a use, and
:func:`spend` records one. The retention job deletes rows older than a day. The limits are
settings (``KESCO_CALLBACKS_PER_CHAT``, ``..._PER_AREA`` and the same for reports and proofs,
see docs/configuration.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.support_models import BudgetSpend

WINDOW = timedelta(hours=1)
CALLBACK, REPORT, PROOF = "callback", "report", "proof"


class Over(Enum):
    """Which budget a use would exceed: the chat's own, or its area's (all chats together)."""

    CHAT = "chat"
    AREA = "area"


@dataclass(frozen=True)
class Budget:
    """At most ``per_chat`` uses by one chat and ``per_area`` by all chats in one area (or
    district) within ``window``."""

    per_chat: int
    per_area: int
    window: timedelta = WINDOW


@dataclass(frozen=True)
class Budgets:
    """The budgets of the conversation: call-backs (per chat, per area), reports of no power
    (per chat, per area) and proofs of a bill (per chat, per district: the code's district is
    known before the account backend is asked)."""

    callbacks: Budget = field(default_factory=lambda: Budget(3, 30))
    reports: Budget = field(default_factory=lambda: Budget(10, 500))
    proofs: Budget = field(default_factory=lambda: Budget(20, 600))


async def exceeded(
    session: AsyncSession,
    kind: str,
    budget: Budget,
    chat_id: int,
    scope: str | None,
    now: datetime,
) -> Over | None:
    """Whether one more use of ``kind`` by the chat in ``scope`` would go over ``budget``
    (``scope`` None: the chat's budget only, where is not known yet)."""
    since = now - budget.window
    recent = (BudgetSpend.kind == kind, BudgetSpend.at > since)
    by_chat = await session.scalar(
        select(func.count()).where(*recent, BudgetSpend.chat_id == chat_id)
    )
    if int(by_chat or 0) >= budget.per_chat:
        return Over.CHAT
    if scope is None:
        return None
    by_scope = await session.scalar(select(func.count()).where(*recent, BudgetSpend.scope == scope))
    if int(by_scope or 0) >= budget.per_area:
        return Over.AREA
    return None


def spend(session: AsyncSession, kind: str, chat_id: int, scope: str, now: datetime) -> None:
    """Record one use (in the caller's transaction)."""
    session.add(BudgetSpend(kind=kind, chat_id=chat_id, scope=scope[:64], at=now))
