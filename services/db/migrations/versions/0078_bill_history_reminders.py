"""bill history of the demo backend, bills kept for reminders, the bill-reminders preference

Revision ID: 0078
Revises: 0077
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0078"
down_revision = "0077"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("demo_bills", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consumption_kwh", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reading", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("period_end", sa.Date(), nullable=True))
    with op.batch_alter_table("alert_preferences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bill_reminders", sa.Boolean(), nullable=True))
    op.create_table(
        "bill_dues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("before_done", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("due_done", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("overdue_done", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_dues")),
        sa.UniqueConstraint("customer_code", "period", name=op.f("uq_bill_dues_customer_code")),
    )
    with op.batch_alter_table("bill_dues", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bill_dues_customer_code"), ["customer_code"])
        batch_op.create_index("ix_bill_dues_open", ["paid_at", "due_date"])


def downgrade() -> None:
    op.drop_table("bill_dues")
    with op.batch_alter_table("alert_preferences", schema=None) as batch_op:
        batch_op.drop_column("bill_reminders")
    with op.batch_alter_table("demo_bills", schema=None) as batch_op:
        batch_op.drop_column("period_end")
        batch_op.drop_column("period_start")
        batch_op.drop_column("reading")
        batch_op.drop_column("consumption_kwh")
