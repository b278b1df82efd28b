"""callback_requests: customers asking for a person to call them back

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "callback_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=True),
        sa.Column("district", sa.String(length=3), nullable=True),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_callback_requests_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_requests")),
    )
    with op.batch_alter_table("callback_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_callback_requests_chat_id"), ["chat_id"])
        batch_op.create_index(batch_op.f("ix_callback_requests_district"), ["district"])
        batch_op.create_index(batch_op.f("ix_callback_requests_created_at"), ["created_at"])
    # Notices are now published in the transaction that claims them; "publishing" (claimed by
    # an older version that stopped midway) is due again. Its event id makes that idempotent.
    op.execute("UPDATE staff_notices SET status = 'scheduled' WHERE status = 'publishing'")


def downgrade() -> None:
    op.drop_table("callback_requests")
