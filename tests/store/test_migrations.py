"""Opening an older workspace migrates it after a backup; the migrations match the ORM."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from canvas_app.engine.reports import inbox
from canvas_app.store import orm_runtime  # noqa: F401  (registers the runtime tables)
from canvas_app.store.campaigns import CampaignStore
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.migrate import current_revision, head_revision
from canvas_app.store.orm import Base
from canvas_app.store.workspace import Workspace
from tests.factories import funnel, funnel_sent_to_ann
from tests.store.old_schema import downgrade


def revision_of(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        (value,) = conn.execute("select version_num from alembic_version").fetchone()
    conn.close()
    return str(value)


def test_a_first_schema_workspace_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.canvas-workspace"
    with Workspace.open(path, create=True) as old:
        CampaignStore(old).add(funnel())
    downgrade(path, "0001")
    assert revision_of(path) == "0001" != head_revision()
    with Workspace.open(path) as ws:
        assert current_revision(ws.engine) == head_revision()
        assert CampaignStore(ws).load("ebook") == funnel()
        backup = ws.migration_backup
    assert backup is not None and backup.exists() and "before-" in backup.name
    assert revision_of(backup) == "0001"
    with Workspace.open(path) as again:  # already current: no second backup
        assert again.migration_backup is None


def test_the_migrations_create_exactly_the_tables_the_code_uses(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.ws", create=True) as ws, ws.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_workspace_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.ws"
    Workspace.open(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute("update alembic_version set version_num = '9999'")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(WorkspaceError, match="newer version of Campaign Canvas"):
        Workspace.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_schema_head_constant_matches_alembic() -> None:
    from canvas_app.store.migrate import SCHEMA_HEAD, alembic_head

    assert alembic_head() == SCHEMA_HEAD


def test_emails_stored_whole_by_an_older_version_are_shown_as_stored(tmp_path: Path) -> None:
    path = tmp_path / "sent.canvas-workspace"
    with Workspace.open(path, create=True) as ws:
        funnel_sent_to_ann(ws)
        sent = inbox(ws, "ann@example.com")[0]
    downgrade(path, "0004")  # as 0004 left it: the body in the send's row
    with sqlite3.connect(path) as conn:
        (stored,) = conn.execute("select html from sends").fetchone()
        assert stored == sent["html"]
        # an older version's rendering may differ from today's: what it stored is what was sent
        conn.execute("update sends set html = ?", (stored.replace("<p>", "<p class=old>"),))
    conn.close()
    with Workspace.open(path) as ws:
        shown = inbox(ws, "ann@example.com")[0]
    assert shown["html"] == stored.replace("<p>", "<p class=old>") != sent["html"]
