"""A workspace as an older version of Campaign Canvas left it: made with today's code, then
taken down to an older schema by the migrations' own downgrades (so the rows an older version
could hold are there, and nothing newer)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from canvas_app.store import migrate


def downgrade(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            config = migrate._config()
            config.attributes["connection"] = conn
            try:
                command.downgrade(config, revision)
            finally:
                config.attributes.pop("connection", None)
    finally:
        engine.dispose()
