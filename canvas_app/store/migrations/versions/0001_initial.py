"""The first workspace schema: campaign drafts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("settings_json", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
    )
    op.create_table(
        "nodes",
        sa.Column("campaign_id", sa.String(64), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("goal_type", sa.String(32), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaigns.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "emails",
        sa.Column("campaign_id", sa.String(64), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("sequence_id", sa.String(64), nullable=False, index=True),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("delay_minutes", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id", "sequence_id"], ["nodes.campaign_id", "nodes.id"],
                                ondelete="CASCADE"),
    )
    op.create_table(
        "links",
        sa.Column("campaign_id", sa.String(64), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("email_id", sa.String(64), nullable=False, index=True),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id", "email_id"], ["emails.campaign_id", "emails.id"],
                                ondelete="CASCADE"),
    )
    op.create_table(
        "goal_links",
        sa.Column("campaign_id", sa.String(64), primary_key=True),
        sa.Column("goal_id", sa.String(64), primary_key=True),
        sa.Column("link_id", sa.String(64), primary_key=True),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id", "goal_id"], ["nodes.campaign_id", "nodes.id"],
                                ondelete="CASCADE"),
    )
    op.create_table(
        "edges",
        sa.Column("campaign_id", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(64), primary_key=True),
        sa.Column("target", sa.String(64), primary_key=True),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id", "source"], ["nodes.campaign_id", "nodes.id"],
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["campaign_id", "target"], ["nodes.campaign_id", "nodes.id"],
                                ondelete="CASCADE"),
    )


def downgrade() -> None:
    for table in ("edges", "goal_links", "links", "emails", "nodes", "campaigns", "workspace_meta"):
        op.drop_table(table)
