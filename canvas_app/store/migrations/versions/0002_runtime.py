"""Running campaigns: published versions, contacts, memberships, sends, clicks,
achievements and the event log.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "versions",
        sa.Column("campaign_id", sa.String(64), sa.ForeignKey("campaigns.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("number", sa.Integer(), primary_key=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("published_at", sa.Float(), nullable=False),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.String(64), sa.ForeignKey("campaigns.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("sequence_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("enrolled_at", sa.Float(), nullable=False),
        sa.Column("anchor_at", sa.Float(), nullable=False),
        sa.Column("last_email_id", sa.String(64), nullable=True),
        sa.Column("last_email_pos", sa.Integer(), nullable=False),
        sa.Column("next_due_at", sa.Float(), nullable=True),
        sa.Column("ended_at", sa.Float(), nullable=True),
        sa.Column("end_reason", sa.String(80), nullable=True),
    )
    op.create_index("ix_memberships_due", "memberships", ["status", "next_due_at"])
    op.create_index("ix_memberships_contact", "memberships", ["campaign_id", "contact_id"])
    op.create_table(
        "sends",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.String(64), sa.ForeignKey("campaigns.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("membership_id", sa.Integer(),
                  sa.ForeignKey("memberships.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("sequence_id", sa.String(64), nullable=False),
        sa.Column("email_id", sa.String(64), nullable=False),
        sa.Column("sent_at", sa.Float(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
    )
    op.create_index("ix_sends_contact", "sends", ["contact_id", "sent_at"])
    op.create_table(
        "clicks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("send_id", sa.Integer(), sa.ForeignKey("sends.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("campaign_id", sa.String(64), nullable=False, index=True),
        sa.Column("link_id", sa.String(64), nullable=True),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("user_agent", sa.Text(), nullable=False),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("bot", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("evaluate_at", sa.Float(), nullable=False),
        sa.Column("evaluated", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_clicks_pending", "clicks", ["evaluated", "evaluate_at"])
    op.create_table(
        "achievements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("campaign_id", sa.String(64), sa.ForeignKey("campaigns.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("goal_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("click_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.UniqueConstraint("goal_id", "membership_id", name="uq_goal_membership"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("campaign_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("node_id", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_events_campaign", "events", ["campaign_id", "at"])


def downgrade() -> None:
    for table in ("events", "achievements", "clicks", "sends", "memberships", "contacts",
                  "versions"):
        op.drop_table(table)
