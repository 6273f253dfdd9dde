"""Indexes for the report at 100,000 contacts: the sends of a campaign by version, so it finds
which published versions were sent without reading every send (one look-up per version; the
index on the campaign alone goes, as the new one begins with its column); and the contacts who
entered each sequence, counted from the index alone.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sends_campaign", "sends", ["campaign_id", "version"])
    op.drop_index("ix_sends_campaign_id", table_name="sends")
    op.create_index("ix_memberships_entered", "memberships",
                    ["campaign_id", "sequence_id", "contact_id"])


def downgrade() -> None:
    op.drop_index("ix_memberships_entered", table_name="memberships")
    op.create_index("ix_sends_campaign_id", "sends", ["campaign_id"])
    op.drop_index("ix_sends_campaign", table_name="sends")
