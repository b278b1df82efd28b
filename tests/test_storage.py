"""Storage on SQLite and (with KESCO_TEST_DATABASE_URL) PostgreSQL: migrations, chats, dedup,
time zones, and what happens when the database cannot be reached."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, select

from handlers.conversation import Conversation
from services.backend.demo import DemoBackend
from services.backend.demo_history import MONTHS
from services.chats import get_or_create_chat
from services.db import Database, after_commit
from services.db.models import Chat, DeliveryReceipt, DemoBill, DemoCustomer
from services.demo_seed import ensure_demo_customers, seed_synthetic
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.chat import FakeChat
from tests.fakes.deps import deps_for

pytestmark = pytest.mark.db


async def test_migrations_create_every_table_and_are_repeatable(database: Database) -> None:
    await database.upgrade()
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert {
        "chats",
        "chat_links",
        "proof_failures",
        "processed_updates",
        "demo_customers",
        "demo_bills",
        "alembic_version",
    } <= tables


async def test_chats_are_created_once(database: Database) -> None:
    async with database.transaction() as session:
        first = await get_or_create_chat(session, "telegram", "42")
        again = await get_or_create_chat(session, "telegram", "42")
        other = await get_or_create_chat(session, "viber", "42")
    assert first.id == again.id != other.id


async def test_times_come_back_in_utc(database: Database) -> None:
    moment = datetime(2026, 11, 21, 22, 30, tzinfo=UTC)
    async with database.transaction() as session:
        chat = await get_or_create_chat(session, "fake", "tz")
        chat.link_locked_until = moment
    async with database.transaction() as session:
        stored = await session.scalar(select(Chat.link_locked_until).where(Chat.id == chat.id))
    assert stored == moment and stored.tzinfo is not None


async def test_lifecycle_dedup_inactive_and_receipts(database: Database) -> None:
    lifecycle = DatabaseChatLifecycle(database)
    assert await lifecycle.first_delivery("telegram", "update:1")
    assert not await lifecycle.first_delivery("telegram", "update:1")
    assert await lifecycle.first_delivery("viber", "update:1")
    async with database.transaction() as session:
        await get_or_create_chat(session, "telegram", "7")
    await lifecycle.mark_inactive("telegram", "7", "blocked by the user")
    async with database.transaction() as session:
        chat = await get_or_create_chat(session, "telegram", "7")
        assert not chat.active and chat.inactive_reason == "blocked by the user"
    await lifecycle.mark_active("telegram", "7")
    await lifecycle.record_status("viber", "7", "5491", "delivered")
    await lifecycle.record_status("viber", "7", "5491", "seen")
    await lifecycle.flush_receipts()  # receipts are written in batches
    async with database.transaction() as session:
        stored = (await session.execute(select(DeliveryReceipt.status))).scalars().all()
    assert sorted(stored) == ["delivered", "seen"]


async def test_demo_customers_and_deterministic_seed(database: Database) -> None:
    today = date(2026, 11, 21)
    await ensure_demo_customers(database, today)
    await ensure_demo_customers(database, today)
    backend = DemoBackend(database)
    unpaid = await backend.latest_bill("DPR100001")
    paid = await backend.latest_bill("DGJ200002")
    overdue = await backend.latest_bill("DFE400004")
    assert unpaid and not unpaid.paid and unpaid.due_date > today and str(unpaid.amount) == "42.50"
    assert paid and paid.paid and str(paid.amount) == "18.20"
    assert overdue and overdue.overdue(today) and str(overdue.amount) == "35.10"
    assert await seed_synthetic(database, 21, today) == 21
    assert await seed_synthetic(database, 21, today) == 0
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(DemoCustomer.district, DemoBill.amount).join(
                    DemoBill, DemoBill.customer_code == DemoCustomer.code
                )
            )
        ).all()
    assert len({district for district, _amount in rows}) == 7
    assert len(rows) == 3 * MONTHS + 21  # the fixed customers' history, one bill each other


async def test_an_unreachable_database_gets_a_polite_answer() -> None:
    database = Database("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    backend = DemoBackend(database)
    deps = deps_for(backend, default_language="sq")
    chat = FakeChat(Conversation(database, deps).handle, language_hint="en")
    await chat.say("/bill")
    assert chat.text.startswith("Our service is busy right now.")
    await database.dispose()


async def test_a_locked_sqlite_database_gets_a_polite_answer(tmp_path) -> None:  # noqa: ANN001
    import sqlite3

    url = f"sqlite+aiosqlite:///{tmp_path}/locked.db"
    setup = Database(url)
    await setup.upgrade()
    await setup.dispose()
    holder = sqlite3.connect(tmp_path / "locked.db")
    holder.execute("BEGIN EXCLUSIVE")
    database = Database(url, busy_timeout_ms=200)
    backend = DemoBackend(database)
    deps = deps_for(backend, default_language="sr")
    chat = FakeChat(Conversation(database, deps).handle)
    try:
        await chat.say("/start")
        assert chat.text.startswith("Наш систем је тренутно преоптерећен.")
    finally:
        holder.rollback()
        holder.close()
    await chat.say("/start")
    assert "Добро дошли" in chat.text
    await database.dispose()


async def test_after_commit_callbacks_run_after_the_commit_and_never_on_rollback(
    database: Database,
) -> None:
    ran: list[str] = []
    async with database.transaction() as session:
        after_commit(session, lambda: ran.append("committed"))
        after_commit(session, None)
        assert ran == []
    assert ran == ["committed"]
    with pytest.raises(RuntimeError):
        async with database.transaction() as session:
            after_commit(session, lambda: ran.append("rolled back"))
            raise RuntimeError("the unit of work failed")
    assert ran == ["committed"]
