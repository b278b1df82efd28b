"""Warming up the events API at startup applies sample events and keeps nothing of them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.alerts.warm_up import warm_up
from services.db import Database
from services.db.alert_models import AlertEvent, AlertFanout, Interruption
from tests.support.alerts import add_chat

pytestmark = pytest.mark.db


async def test_warming_up_stores_nothing(database: Database) -> None:
    await add_chat(database, "7001", language="en", areas=["dardania"])
    assert await warm_up(database, default_language="sq", connections=3)
    assert await warm_up(database, default_language="sq", connections=3)  # and again
    async with database.transaction() as session:
        for model in (AlertEvent, AlertFanout, Interruption):
            assert await session.scalar(select(func.count()).select_from(model)) == 0


async def test_a_failed_warm_up_only_says_so() -> None:
    broken = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert not await warm_up(broken, default_language="sq", connections=2)
    await broken.dispose()
