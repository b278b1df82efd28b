"""call-backs with a number and an area, budget spends, admin-token sessions with a fingerprint

Revision ID: 0072
Revises: 0060
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0072"
down_revision = "0060"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("callback_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("area_id", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("ready", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.create_table(
        "budget_spends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_spends")),
    )
    with op.batch_alter_table("budget_spends", schema=None) as batch_op:
        batch_op.create_index("ix_budget_spends_kind_chat_at", ["kind", "chat_id", "at"])
        batch_op.create_index("ix_budget_spends_kind_scope_at", ["kind", "scope", "at"])
        batch_op.create_index(batch_op.f("ix_budget_spends_at"), ["at"])
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("admin_fingerprint", sa.String(length=64), nullable=True))
    # Sessions of the admin token opened before this version hold no fingerprint: they end.
    op.execute("DELETE FROM staff_sessions WHERE staff_id IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("staff_sessions", schema=None) as batch_op:
        batch_op.drop_column("admin_fingerprint")
    op.drop_table("budget_spends")
    with op.batch_alter_table("callback_requests", schema=None) as batch_op:
        batch_op.drop_column("ready")
        batch_op.drop_column("area_id")
        batch_op.drop_column("phone")
