"""households: codes shared between chats, one-time share codes, wrong share codes counted

Revision ID: 0040
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shared_from_chat_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_chat_links_shared_from_chat_id_chats"),
            "chats",
            ["shared_from_chat_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            batch_op.f("ix_chat_links_shared_from_chat_id"), ["shared_from_chat_id"]
        )
    with op.batch_alter_table("proof_failures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=8), server_default="proof", nullable=False)
        )
    op.create_table(
        "household_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_chat_id", sa.Integer(), nullable=False),
        sa.Column("member_chat_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_chat_id"],
            ["chats.id"],
            name=op.f("fk_household_members_owner_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_chat_id"],
            ["chats.id"],
            name=op.f("fk_household_members_member_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_members")),
        sa.UniqueConstraint(
            "owner_chat_id", "member_chat_id", name=op.f("uq_household_members_owner_chat_id")
        ),
    )
    with op.batch_alter_table("household_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_members_member_chat_id"), ["member_chat_id"])
    op.create_table(
        "share_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_chat_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_share_codes_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["used_by_chat_id"],
            ["chats.id"],
            name=op.f("fk_share_codes_used_by_chat_id_chats"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_share_codes_code_hash")),
    )
    with op.batch_alter_table("share_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_codes_chat_id"), ["chat_id"])


def downgrade() -> None:
    op.drop_table("share_codes")
    op.drop_table("household_members")
    with op.batch_alter_table("proof_failures", schema=None) as batch_op:
        batch_op.drop_column("kind")
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_links_shared_from_chat_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_chat_links_shared_from_chat_id_chats"), type_="foreignkey"
        )
        batch_op.drop_column("shared_from_chat_id")
