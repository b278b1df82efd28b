"""alerts: events, interruptions, area follows, preferences, outbox; area of each chat link

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OUTBOX_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_chat_links_area_id"), ["area_id"], unique=False)
    op.execute(
        "UPDATE chat_links SET area_id = (SELECT demo_customers.area_id FROM demo_customers"
        " WHERE demo_customers.code = chat_links.customer_code) WHERE area_id IS NULL"
    )

    op.create_table(
        "alert_events",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=160), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_events")),
    )
    op.create_index(op.f("ix_alert_events_received_at"), "alert_events", ["received_at"])
    op.create_index(op.f("ix_alert_events_subject"), "alert_events", ["subject"])

    op.create_table(
        "interruptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=128), nullable=False),
        sa.Column("district", sa.String(length=3), nullable=True),
        sa.Column("areas", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("restored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("texts", sa.JSON(), nullable=True),
        sa.Column("last_event_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("day_reminder_done", sa.Boolean(), nullable=False),
        sa.Column("hour_reminder_done", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interruptions")),
        sa.UniqueConstraint("kind", "external_id", name=op.f("uq_interruptions_kind")),
    )
    op.create_index(op.f("ix_interruptions_status"), "interruptions", ["status"])

    op.create_table(
        "area_follows",
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_area_follows_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "area_id", name=op.f("pk_area_follows")),
    )
    op.create_index(op.f("ix_area_follows_area_id"), "area_follows", ["area_id"])

    op.create_table(
        "alert_preferences",
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("bills", sa.Boolean(), nullable=False),
        sa.Column("payments", sa.Boolean(), nullable=False),
        sa.Column("outages", sa.Boolean(), nullable=False),
        sa.Column("planned_works", sa.Boolean(), nullable=False),
        sa.Column("reminders", sa.Boolean(), nullable=False),
        sa.Column("quiet_hours", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_alert_preferences_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_alert_preferences")),
    )

    op.create_table(
        "outbox",
        sa.Column("id", OUTBOX_ID, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=160), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", sa.Text(), nullable=True),
        sa.Column("urgency", sa.SmallInteger(), nullable=False),
        sa.Column("quiet", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_outbox_chat_id_chats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("event_id", "chat_id", name=op.f("uq_outbox_event_id")),
    )
    op.create_index("ix_outbox_claim", "outbox", ["state", "channel", "urgency", "id"])
    op.create_index("ix_outbox_subject_role", "outbox", ["subject", "role"])
    op.create_index(op.f("ix_outbox_chat_id"), "outbox", ["chat_id"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("alert_preferences")
    op.drop_index(op.f("ix_area_follows_area_id"), table_name="area_follows")
    op.drop_table("area_follows")
    op.drop_table("interruptions")
    op.drop_table("alert_events")
    with op.batch_alter_table("chat_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_links_area_id"))
        batch_op.drop_column("area_id")
