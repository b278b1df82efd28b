"""printed bill links: the chats each link linked, and revocations of a code's links

Revision ID: 0074
Revises: 0073
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0074"
down_revision = "0073"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("link_key", sa.String(length=32), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_link_grants_chat_id_chats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_grants")),
        sa.UniqueConstraint("link_key", "chat_id", name=op.f("uq_link_grants_link_key")),
    )
    with op.batch_alter_table("link_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_grants_customer_code"), ["customer_code"])
        batch_op.create_index(batch_op.f("ix_link_grants_link_key"), ["link_key"])
    op.create_table(
        "link_generations",
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("customer_code", name=op.f("pk_link_generations")),
    )


def downgrade() -> None:
    op.drop_table("link_generations")
    op.drop_table("link_grants")
