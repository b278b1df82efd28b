"""The linking service: the ten-code limit, the lock-out window, unlinking."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from services.backend.demo import DemoBackend
from services.chats import get_or_create_chat
from services.db import Database
from services.db.models import ProofFailure
from services.db.types import utcnow
from services.demo_seed import seed_synthetic
from services.linking import MAX_LINKS, LinkingService, LinkOutcome

pytestmark = pytest.mark.db


async def test_a_chat_links_at_most_ten_codes(demo_database: Database) -> None:
    await seed_synthetic(demo_database, 12)
    backend = DemoBackend(demo_database)
    linking = LinkingService(backend)
    codes = [
        f"{d}{700000 + i:07d}"
        for i, d in enumerate(["DFE", "DGJ", "DGL", "DMI", "DPE", "DPR", "DPZ"] * 2)
    ][:12]
    async with demo_database.transaction() as session:
        chat = await get_or_create_chat(session, "fake", "limit")
        outcomes = []
        for code in codes[: MAX_LINKS + 1]:
            bill = await backend.latest_bill(code)
            assert bill is not None
            outcomes.append((await linking.prove(session, chat, code, bill.amount)).outcome)
        assert outcomes[:MAX_LINKS] == [LinkOutcome.LINKED] * MAX_LINKS
        assert outcomes[MAX_LINKS] is LinkOutcome.TOO_MANY_LINKS
        assert len(await linking.linked_codes(session, chat)) == MAX_LINKS


async def test_old_failures_do_not_count(demo_database: Database) -> None:
    linking = LinkingService(DemoBackend(demo_database))
    async with demo_database.transaction() as session:
        chat = await get_or_create_chat(session, "fake", "window")
        long_ago = utcnow() - timedelta(hours=25)
        for _ in range(4):
            session.add(ProofFailure(chat_id=chat.id, customer_code="DPR100001", at=long_ago))
        await session.flush()
        result = await linking.prove(session, chat, "DPR100001", Decimal(1))
        assert result.outcome is LinkOutcome.WRONG_PROOF
        assert result.attempts_left == 4


async def test_lock_expires_after_a_day(demo_database: Database) -> None:
    linking = LinkingService(DemoBackend(demo_database))
    async with demo_database.transaction() as session:
        chat = await get_or_create_chat(session, "fake", "expiry")
        chat.link_locked_until = utcnow() + timedelta(hours=1)
        assert linking.locked_until(chat) is not None
        assert linking.locked_until(chat, utcnow() + timedelta(hours=2)) is None
