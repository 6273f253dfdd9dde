"""What identifies a workspace file and where the default one lives: constants and paths that
the first paint reads before any database library is loaded (this module imports none)."""

from __future__ import annotations

from pathlib import Path

#: SQLite's application_id of a workspace file ("CCnv").
APPLICATION_ID = 0x43436E76
#: The newest migration. A test checks it against Alembic's own head, so it cannot drift.
SCHEMA_HEAD = "0006"
DEFAULT_FILE_NAME = "default.canvas-workspace"


def default_workspace_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("campaign-canvas", appauthor=False) / DEFAULT_FILE_NAME


def lock_path(workspace: Path) -> Path:
    """The file the editor lock is taken on."""
    return workspace.with_name(workspace.name + ".lock")
