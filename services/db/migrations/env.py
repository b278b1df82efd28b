"""Alembic environment: runs on the connection handed over by ``Database.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from services.db.schema import metadata

target_metadata = metadata
connection = context.config.attributes.get("connection")


def _configure_and_run(conn) -> None:
    context.configure(
        connection=conn,
        target_metadata=target_metadata,
        render_as_batch=conn.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _configure_and_run(connection)
else:
    url = context.config.get_main_option("sqlalchemy.url") or ""
    with create_engine(
        url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg")
    ).connect() as c:
        _configure_and_run(c)
