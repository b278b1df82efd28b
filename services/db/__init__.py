"""Storage: SQLAlchemy 2 async models, the database handle, and Alembic migrations."""

from services.db import schema as schema  # every table registered wherever the db is used
from services.db.database import (
    Database,
    DatabaseUnavailable,
    after_commit,
    changed,
    dialect_of,
    end_if_stalled,
)

__all__ = [
    "Database",
    "DatabaseUnavailable",
    "after_commit",
    "changed",
    "dialect_of",
    "end_if_stalled",
]
