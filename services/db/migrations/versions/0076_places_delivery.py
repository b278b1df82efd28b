"""places at any grain: each linked code's place, street, feeder and station; what an outage
or planned work names besides places; the demo customers' places

Revision ID: 0076
Revises: 0075
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0076"
down_revision = "0075"
branch_labels = None
depends_on = None

_PLACE_COLUMNS = (("place_id", 64), ("street", 128), ("feeder", 64), ("station", 64))


def upgrade() -> None:
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        for name, length in _PLACE_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    # A code linked before knows its area only: that is its finest place.
    op.execute("UPDATE chat_links SET place_id = area_id WHERE place_id IS NULL")
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        for name, _length in _PLACE_COLUMNS:
            batch_op.create_index(f"ix_chat_links_{name}_chat_id", [name, "chat_id"])
    with op.batch_alter_table("demo_customers", schema=None) as batch_op:
        for name, length in _PLACE_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    with op.batch_alter_table("interruptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aims", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interruptions", schema=None) as batch_op:
        batch_op.drop_column("aims")
    with op.batch_alter_table("demo_customers", schema=None) as batch_op:
        for name, _length in reversed(_PLACE_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        for name, _length in reversed(_PLACE_COLUMNS):
            batch_op.drop_index(f"ix_chat_links_{name}_chat_id")
        for name, _length in reversed(_PLACE_COLUMNS):
            batch_op.drop_column(name)
