"""Indexes for the per-contact and per-node read-outs: the event log of one contact, the
counts per node that ``status`` gives on every draft edit (covering: answered from the index
alone), the contacts behind a node, and a membership's achievements (goal evaluation); the
achievements' campaign index goes, as the per-goal one begins with its column.

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


#: Made redundant by ix_achievements_goal, which begins with its column: one index fewer to
#: write per achievement.
REDUNDANT = ("ix_achievements_campaign_id", "achievements", ["campaign_id"])


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    op.drop_index(REDUNDANT[0], table_name=REDUNDANT[1])


def downgrade() -> None:
    op.create_index(*REDUNDANT)
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
