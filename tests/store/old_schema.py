"""A workspace as an older version of Campaign Canvas left it: made with today's code, then
taken down to an older schema by the migrations' own downgrades (so the rows an older version
could hold are there, and nothing newer). Below schema 0005 a send holds its whole body, as
those versions stored it: the bodies are rendered into it first."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select

from canvas_app.engine.sent_bodies import SentBodies
from canvas_app.engine.tokens import Signer, workspace_secret
from canvas_app.engine.versions import VersionCache
from canvas_app.store import migrate
from canvas_app.store.orm_runtime import ContactRow, SendRow
from canvas_app.store.workspace import Workspace


def _store_bodies(path: Path) -> None:
    """Each send's body rendered into ``html``, where schema 0004 and older kept it."""
    with Workspace.open(path) as ws, ws.transaction() as session:
        bodies = SentBodies(VersionCache(session), Signer(workspace_secret(session)))
        for send, address in session.execute(select(SendRow, ContactRow.email).join(
                ContactRow, ContactRow.id == SendRow.contact_id).where(SendRow.html == "")):
            send.html = bodies.html(send, address)


def downgrade(path: Path, revision: str) -> None:
    if revision < "0005":
        _store_bodies(path)
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
