"""Shared fixtures: a migrated database (SQLite, or PostgreSQL from KESCO_TEST_DATABASE_URL),
the assembled conversation on the demo backend, and a fake chat that drives it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from handlers.conversation import Conversation
from handlers.turn import Deps
from services.backend.demo import DemoBackend
from services.db import Database
from services.db.schema import metadata
from services.demo_seed import ensure_demo_customers
from services.faq import FaqEngine
from tests.fakes.chat import FakeChat
from tests.fakes.deps import PAYMENT_TEMPLATE, deps_for

__all__ = ["PAYMENT_TEMPLATE"]


def database_url(tmp_path: Path) -> str:
    return os.environ.get("KESCO_TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{tmp_path}/t.db"


async def _reset_postgres(database: Database) -> None:
    async with database.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(database_url(tmp_path))
    if not db.is_sqlite:
        await _reset_postgres(db)
    await db.upgrade()
    yield db
    await db.dispose()


@pytest.fixture
async def demo_database(database: Database) -> Database:
    await ensure_demo_customers(database)
    return database


@pytest.fixture
def deps(demo_database: Database) -> Deps:
    return deps_for(DemoBackend(demo_database), faq=FaqEngine.load())


@pytest.fixture
def conversation(demo_database: Database, deps: Deps) -> Conversation:
    return Conversation(demo_database, deps)


@pytest.fixture
def chat(conversation: Conversation) -> FakeChat:
    return FakeChat(conversation.handle)
