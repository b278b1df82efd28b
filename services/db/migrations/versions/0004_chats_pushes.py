"""chats.pushes: whether alerts may be pushed to the chat (a trait of its channel)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pushes", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    # Until now the fan-out pushed to these two channels by name and skipped every other chat
    # (the console's terminal sessions); the existing rows keep exactly that audience.
    op.execute(
        sa.text(
            "UPDATE chats SET pushes = :no WHERE channel NOT IN ('telegram', 'viber')"
        ).bindparams(no=False)
    )


def downgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_column("pushes")
