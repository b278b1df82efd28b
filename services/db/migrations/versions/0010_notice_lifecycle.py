"""staff_notices.revision and restored_at: a published outage is updated and restored

Revision ID: 0010
Revises: 0040
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("restored_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_notices", schema=None) as batch_op:
        batch_op.drop_column("restored_at")
        batch_op.drop_column("revision")
