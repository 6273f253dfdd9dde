"""Indexes for the per-contact and per-node read-outs: the event log of one contact, the
counts per node that ``status`` gives on every draft edit (covering: answered from the index
alone), the contacts behind a node, and a membership's achievements (goal evaluation).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_contact": ("events", ["contact_id", "campaign_id", "at"]),
    "ix_memberships_node": ("memberships", ["campaign_id", "sequence_id", "status"]),
    "ix_achievements_goal": ("achievements", ["campaign_id", "goal_id"]),
    "ix_achievements_membership": ("achievements", ["membership_id", "goal_id"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
