"""holders of a code: how each chat gained it, chats removed from a code, the outbox row's code

Revision ID: 0073
Revises: 0072
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0073"
down_revision = "0072"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("via", sa.String(length=8), nullable=True))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("customer_code", sa.String(length=16), nullable=True))
        batch_op.create_index(
            "ix_outbox_customer_code_chat",
            ["customer_code", "chat_id"],
            postgresql_where=sa.text("customer_code IS NOT NULL"),
            sqlite_where=sa.text("customer_code IS NOT NULL"),
        )
    # The messages already queued about one customer code learn it from their subject.
    op.execute(
        "UPDATE outbox SET customer_code = substr(subject, 10) "
        "WHERE subject LIKE 'customer:%' AND state IN ('queued', 'unsettled')"
    )
    op.create_table(
        "holder_removals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("customer_code", sa.String(length=16), nullable=False),
        sa.Column("bill", sa.String(length=40), nullable=False),
        sa.Column("removed_by_chat_id", sa.Integer(), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_holder_removals_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["removed_by_chat_id"],
            ["chats.id"],
            name=op.f("fk_holder_removals_removed_by_chat_id_chats"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holder_removals")),
    )
    with op.batch_alter_table("holder_removals", schema=None) as batch_op:
        batch_op.create_index("ix_holder_removals_chat_code", ["chat_id", "customer_code"])
        batch_op.create_index(batch_op.f("ix_holder_removals_customer_code"), ["customer_code"])


def downgrade() -> None:
    op.drop_table("holder_removals")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_customer_code_chat")
        batch_op.drop_column("customer_code")
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_column("via")
