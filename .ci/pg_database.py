"""Create or drop a throwaway PostgreSQL database for the test run: prints its URL.

Usage: python .ci/pg_database.py create|drop NAME. Exits 3 when PostgreSQL does not answer.
"""

from __future__ import annotations

import asyncio
import os
import sys

import asyncpg

HOST = os.environ.get("KESCO_CI_PG_HOST", "127.0.0.1")
PORT = int(os.environ.get("KESCO_CI_PG_PORT", "5432"))


async def main(action: str, name: str) -> int:
    try:
        connection = await asyncpg.connect(
            host=HOST, port=PORT, user="postgres", database="postgres", timeout=3
        )
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return 3
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if action == "create":
            await connection.execute(f'CREATE DATABASE "{name}"')
            print(f"postgresql+asyncpg://postgres@{HOST}:{PORT}/{name}")
    finally:
        await connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
