"""staff page language (staff_members, staff_sessions) and notice_templates

Revision ID: 0010_c
Revises: 0010_b
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_c"
down_revision = "0010_b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
    op.create_table(
        "notice_templates",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_notice_templates")),
    )


def downgrade() -> None:
    op.drop_table("notice_templates")
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("staff_members", schema=None) as batch_op:
        batch_op.drop_column("language")
