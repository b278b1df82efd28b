"""proof_failures by customer code: the failure budget of a code across all chats

Revision ID: 0030
Revises: 0010_c
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0030"
down_revision = "0010_c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proof_failures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_proof_failures_customer_code_at", ["customer_code", "at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("proof_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_proof_failures_customer_code_at")
