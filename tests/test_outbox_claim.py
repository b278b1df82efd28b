"""Claims are bounded and fast whatever the planner does: after idling on an empty outbox, and
with generic plans forced on every connection (what PostgreSQL switches a prepared statement
to after a few runs), a claim takes at most its limit, in a time that does not grow with the
queue."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.dialects import postgresql

from services.alerts import outbox
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.models import Chat
from services.db.types import utcnow

pytestmark = pytest.mark.db
LEASE = timedelta(minutes=2)


def force_generic_plans(database: Database) -> None:
    """Every new connection plans prepared statements generically (PostgreSQL only)."""

    def on_connect(connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = connection.cursor()
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.close()

    event.listen(database.engine.sync_engine, "connect", on_connect)


async def queue_rows(database: Database, count: int, first_chat: int = 1) -> None:
    now = utcnow()
    async with database.transaction() as session:
        chats = [
            {
                "channel": "telegram",
                "external_id": str(first_chat + n),
                "active": True,
                "pushes": True,
            }
            for n in range(count)
        ]
        await session.execute(insert(Chat), chats)
        ids = list(
            await session.scalars(
                select(Chat.id).where(Chat.external_id.in_([c["external_id"] for c in chats]))
            )
        )
        await session.execute(
            insert(OutboxMessage),
            [
                {
                    "event_id": "evt-claim",
                    "chat_id": chat_id,
                    "channel": "telegram",
                    "subject": "outage:C",
                    "role": "first",
                    "text": "⚡",
                    "urgency": 0,
                    "quiet": "none",
                    "state": "queued",
                    "attempts": 0,
                    "not_before": now,
                    "created_at": now,
                }
                for chat_id in ids
            ],
        )


async def count_state(database: Database, state: str) -> int:
    async with database.transaction() as session:
        query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.state == state)
        return int(await session.scalar(query) or 0)


async def timed_claim(database: Database, limit: int) -> tuple[int, float]:
    started = time.perf_counter()
    rows = await outbox.claim(database, "telegram", limit, utcnow(), LEASE)
    return len(rows), time.perf_counter() - started


async def test_a_claim_after_idling_takes_its_limit_in_time_independent_of_the_queue(
    database: Database,
) -> None:
    if not database.is_sqlite:
        async with database.engine.connect() as connection:  # statistics of an empty outbox
            await connection.execute(text("ANALYZE outbox"))
            await connection.commit()
        force_generic_plans(database)
        await database.engine.dispose()  # new connections get the setting
    for _ in range(30):  # idle: claims of an empty outbox on every pooled connection
        assert await outbox.claim(database, "telegram", 100, utcnow(), LEASE) == []
    await queue_rows(database, 300)
    small = [await timed_claim(database, 100) for _ in range(2)]
    assert [number for number, _ in small] == [100, 100]
    await queue_rows(database, 20_000, first_chat=1000)
    big = [await timed_claim(database, 100) for _ in range(3)]
    assert [number for number, _ in big] == [100, 100, 100]
    assert await count_state(database, "sending") == 500
    assert await count_state(database, "queued") == 20_300 - 500
    slowest_small = max(seconds for _, seconds in small)
    fastest_big = min(seconds for _, seconds in big)
    # linear in the queue would be about 70 times slower; quadratic, minutes
    assert fastest_big < 10 * slowest_small + 0.05, (small, big)
    if not database.is_sqlite:
        assert await claim_plan_reads(database) <= 200


async def claim_plan_reads(database: Database) -> int:
    """Index entries the claim's plan reads for 100 rows, with the claim's own settings."""
    due = outbox._claim_statements(False, False)[0]
    sql = str(due.compile(dialect=postgresql.dialect()))
    for name, value in {
        "state_1": "'queued'",
        "b_channel": "'telegram'",
        "b_now": "now()",
        "b_limit": "100",
    }.items():
        sql = sql.replace(f"%({name})s", value)
    async with database.transaction() as session:
        await session.execute(outbox._PLAN)
        plan = await session.scalar(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}"))
    nodes = [plan[0]["Plan"]]
    read = 0
    while nodes:
        node = nodes.pop()
        assert node["Node Type"] not in ("Sort", "Bitmap Heap Scan", "Seq Scan"), node
        if node["Node Type"] == "Index Scan":
            read += node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
        nodes.extend(node.get("Plans", []))
    return read


async def test_the_due_query_honours_its_limit_under_a_generic_plan(database: Database) -> None:
    if database.is_sqlite:
        pytest.skip("SQLite has no plan cache")
    force_generic_plans(database)
    await database.engine.dispose()
    await queue_rows(database, 2_000)
    due, _take, _read = outbox._claim_statements(False, False)
    async with database.transaction() as session:
        connection = await session.connection()
        for limit in (5, 50, 500, 7, 7, 7, 7, 7):  # the same prepared statement, many runs
            result = await connection.execute(
                due, {"b_channel": "telegram", "b_now": utcnow(), "b_limit": limit}
            )
            assert len(result.all()) == limit
