"""Sends rendered on read: a send keeps the values its email was merged with (the contact's
name, the first-name fallback and the tracking port of the day) instead of its whole body, which
is rendered again, identically, from the published version when it is read. Sends stored before
keep their body in ``html``; new ones store "" there.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both backends: no table is rebuilt, so no send or click is copied.
    op.add_column("sends", sa.Column("contact_name", sa.Text(), nullable=True))
    op.add_column("sends", sa.Column("name_fallback", sa.Text(), nullable=True))
    op.add_column("sends", sa.Column("tracking_port", sa.Integer(), nullable=True))


def downgrade() -> None:
    # Bodies rendered on read cannot be kept by an older version: refuse rather than lose them.
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM sends WHERE html = '' LIMIT 1")).first() is not None:
        raise RuntimeError("this workspace holds emails an older Campaign Canvas cannot show")
    for column in ("tracking_port", "name_fallback", "contact_name"):
        op.execute(f"ALTER TABLE sends DROP COLUMN {column}")  # in place (SQLite >= 3.35)
