"""Alembic environment: the workspace opener hands over its connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from canvas_app.store import orm_runtime  # noqa: F401  (registers the runtime tables)
from canvas_app.store.orm import Base

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=True)
    context.run_migrations()
else:  # developer use from the alembic command line
    url = f"sqlite:///{context.get_x_argument(as_dictionary=True).get('workspace', 'dev.db')}"
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
