"""power_reports: customers' reports that an area has no power

Revision ID: 0010_b
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_b"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "power_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("district", sa.String(length=3), nullable=False),
        sa.Column("outage_subject", sa.String(length=160), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_as", sa.Integer(), server_default="0", nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_power_reports_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_power_reports")),
        sa.UniqueConstraint(
            "chat_id", "area_id", "closed_as", name=op.f("uq_power_reports_chat_id")
        ),
    )
    with op.batch_alter_table("power_reports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_power_reports_area_id_created_at", ["area_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_power_reports_district"), ["district"])
        batch_op.create_index(batch_op.f("ix_power_reports_created_at"), ["created_at"])


def downgrade() -> None:
    op.drop_table("power_reports")
