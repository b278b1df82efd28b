"""chats, links, proofs, dedup, demo backend

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "chats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("inactive_reason", sa.String(length=200), nullable=True),
        sa.Column("state", sa.JSON(), nullable=True),
        sa.Column("link_locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chats")),
        sa.UniqueConstraint("channel", "external_id", name=op.f("uq_chats_channel")),
    )
    op.create_table(
        "delivery_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_external_id", sa.String(length=128), nullable=False),
        sa.Column("token", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_receipts")),
    )
    with op.batch_alter_table("delivery_receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_receipts_token"), ["token"], unique=False)

    op.create_table(
        "demo_customers",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("district", sa.String(length=3), nullable=False),
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_demo_customers")),
    )
    with op.batch_alter_table("demo_customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demo_customers_area_id"), ["area_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_demo_customers_district"), ["district"], unique=False)

    op.create_table(
        "processed_updates",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "key", name=op.f("pk_processed_updates")),
    )
    with op.batch_alter_table("processed_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_processed_updates_at"), ["at"], unique=False)

    op.create_table(
        "chat_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_chat_links_chat_id_chats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_links")),
        sa.UniqueConstraint("chat_id", "customer_code", name=op.f("uq_chat_links_chat_id")),
    )
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chat_links_customer_code"), ["customer_code"], unique=False
        )

    op.create_table(
        "demo_bills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_code"],
            ["demo_customers.code"],
            name=op.f("fk_demo_bills_customer_code_demo_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_bills")),
        sa.UniqueConstraint("customer_code", "period", name=op.f("uq_demo_bills_customer_code")),
    )
    with op.batch_alter_table("demo_bills", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_demo_bills_customer_code"), ["customer_code"], unique=False
        )

    op.create_table(
        "proof_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_proof_failures_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_failures")),
    )
    with op.batch_alter_table("proof_failures", schema=None) as batch_op:
        batch_op.create_index("ix_proof_failures_chat_at", ["chat_id", "at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("proof_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_proof_failures_chat_at")

    op.drop_table("proof_failures")
    with op.batch_alter_table("demo_bills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demo_bills_customer_code"))

    op.drop_table("demo_bills")
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_links_customer_code"))

    op.drop_table("chat_links")
    with op.batch_alter_table("processed_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_processed_updates_at"))

    op.drop_table("processed_updates")
    with op.batch_alter_table("demo_customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demo_customers_district"))
        batch_op.drop_index(batch_op.f("ix_demo_customers_area_id"))

    op.drop_table("demo_customers")
    with op.batch_alter_table("delivery_receipts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_receipts_token"))

    op.drop_table("delivery_receipts")
    op.drop_table("chats")
