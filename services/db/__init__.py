"""Storage: SQLAlchemy 2 async models, the database handle, and Alembic migrations."""

from services.db.database import Database, DatabaseUnavailable, after_commit

__all__ = ["Database", "DatabaseUnavailable", "after_commit"]
