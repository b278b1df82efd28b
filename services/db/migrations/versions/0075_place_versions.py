"""places admins keep: published versions of their additions to and renames of the place file

Revision ID: 0075
Revises: 0074
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0075"
down_revision = "0074"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "place_versions",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("edits", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_place_versions")),
    )


def downgrade() -> None:
    op.drop_table("place_versions")
