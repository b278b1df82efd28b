"""Chats that reported no power in an area: the alerts engine tells them when an outage there
is published, updated, and when power is back there (which closes their reports).

A report is open for :data:`REPORT_WINDOW` at most (power back there closes it earlier).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db import changed
from services.db.report_models import PowerReport

REPORT_WINDOW = timedelta(hours=12)


def is_open(now: datetime) -> ColumnElement[bool]:
    """Reports not closed, and made within the window."""
    return and_(PowerReport.closed_as == 0, PowerReport.created_at > now - REPORT_WINDOW)


def reporters(areas: Sequence[str], now: datetime) -> Select[Any]:
    """The chats with an open report in one of ``areas``."""
    return select(PowerReport.chat_id).where(PowerReport.area_id.in_(list(areas)), is_open(now))


async def close_reports_in(session: AsyncSession, areas: Sequence[str], now: datetime) -> int:
    """Power is back in ``areas``: their open reports are answered (a new one may follow)."""
    result = await session.execute(
        update(PowerReport)
        .where(PowerReport.area_id.in_(list(areas)), PowerReport.closed_as == 0)
        .values(closed_as=PowerReport.id, closed_at=now)
        .execution_options(synchronize_session=False)
    )
    return changed(result)
