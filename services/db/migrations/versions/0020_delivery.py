"""delivery: outbox deadlines and fast (paid) delivery, fan-outs run after the event is stored

Revision ID: 0020
Revises: 0030
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0030"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("fast", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("fast_sent", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("staff_notices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fast", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "alert_fanouts",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=160), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("after_chat", sa.BigInteger(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_fanouts")),
        sa.UniqueConstraint("event_id", name=op.f("uq_alert_fanouts_event_id")),
    )
    op.create_index("ix_alert_fanouts_pending", "alert_fanouts", ["done_at", "id"])


def downgrade() -> None:
    op.drop_table("alert_fanouts")
    with op.batch_alter_table("staff_notices", schema=None) as batch_op:
        batch_op.drop_column("fast")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("fast_sent")
        batch_op.drop_column("fast")
        batch_op.drop_column("expires_at")
