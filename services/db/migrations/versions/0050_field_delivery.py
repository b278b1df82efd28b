"""field delivery: sends with no answer settled, a leader lease, audiences read slice by slice

Revision ID: 0050
Revises: 0020
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("uncertain", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("unanswered", sa.SmallInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("tried_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claim_epoch", sa.BigInteger(), nullable=True))
        batch_op.drop_index("ix_outbox_subject_role")
        batch_op.create_index("ix_outbox_subject_role", ["subject", "role", "chat_id"])
        batch_op.drop_index("ix_outbox_claim")
        batch_op.create_index(
            "ix_outbox_claim", ["state", "channel", "fast", "urgency", "not_before", "id"]
        )
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_index("ix_chat_links_area_id")
        batch_op.create_index("ix_chat_links_area_id_chat_id", ["area_id", "chat_id"])
    with op.batch_alter_table("area_follows", schema=None) as batch_op:
        batch_op.drop_index("ix_area_follows_area_id")
        batch_op.create_index("ix_area_follows_area_id_chat_id", ["area_id", "chat_id"])
    with op.batch_alter_table("delivery_receipts", schema=None) as batch_op:
        batch_op.create_index("ix_delivery_receipts_chat_at", ["channel", "chat_external_id", "at"])
    op.execute(
        "UPDATE outbox SET state = 'unconfirmed', uncertain = true "
        "WHERE state = 'failed' AND last_error LIKE 'unconfirmed:%'"
    )
    op.create_table(
        "leader_leases",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("epoch", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_leader_leases")),
    )


def downgrade() -> None:
    op.drop_table("leader_leases")
    op.execute("UPDATE outbox SET state = 'failed' WHERE state IN ('unconfirmed', 'unsettled')")
    with op.batch_alter_table("delivery_receipts", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_receipts_chat_at")
    with op.batch_alter_table("area_follows", schema=None) as batch_op:
        batch_op.drop_index("ix_area_follows_area_id_chat_id")
        batch_op.create_index("ix_area_follows_area_id", ["area_id"])
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_index("ix_chat_links_area_id_chat_id")
        batch_op.create_index("ix_chat_links_area_id", ["area_id"])
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_subject_role")
        batch_op.create_index("ix_outbox_subject_role", ["subject", "role"])
        batch_op.drop_index("ix_outbox_claim")
        batch_op.create_index("ix_outbox_claim", ["state", "channel", "urgency", "id"])
        batch_op.drop_column("claim_epoch")
        batch_op.drop_column("tried_at")
        batch_op.drop_column("unanswered")
        batch_op.drop_column("uncertain")
