"""A first look at a workspace for the window's first paint, read with the standard library's
sqlite3 (no SQLAlchemy, no Alembic): the campaign the editor will show, when the file is a
current, readable, unlocked workspace. Anything else (no file, an older schema to migrate,
another editor holding it, damage) gives None, and the full path says what is wrong."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from pathlib import Path

from canvas_app.domain.model import Campaign
from canvas_app.store import draft_assembly as assembly
from canvas_app.store.facts import APPLICATION_ID, SCHEMA_HEAD, lock_path
from canvas_app.store.file_lock import held_elsewhere

_TABLES = {"nodes": assembly.NODE_COLUMNS, "emails": assembly.EMAIL_COLUMNS,
           "links": assembly.LINK_COLUMNS, "goal_links": assembly.CHOICE_COLUMNS,
           "edges": assembly.EDGE_COLUMNS, "notes": assembly.NOTE_COLUMNS}


def first_look(path: Path, campaign_id: str | None = None) -> Campaign | None:
    """The campaign the editor opens first (``campaign_id``, or the first in the list), or None
    when the light read cannot be trusted to show what the editor will."""
    try:
        if not path.is_file() or _locked(path):
            return None
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (OSError, sqlite3.Error):
        return None
    try:
        with contextlib.closing(conn):
            return _read(conn, campaign_id)
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return None


def _read(conn: sqlite3.Connection, campaign_id: str | None) -> Campaign | None:
    if conn.execute("PRAGMA application_id").fetchone() != (APPLICATION_ID,):
        return None
    if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(SCHEMA_HEAD,)]:
        return None  # a migration is due: the full path backs up, migrates and says so
    conn.execute("BEGIN")  # one snapshot for every table
    query = "SELECT id, name, settings_json FROM campaigns"
    row = conn.execute(f"{query} WHERE id = ?", (campaign_id,)).fetchone() if campaign_id \
        else conn.execute(f"{query} ORDER BY ord, id LIMIT 1").fetchone()
    if row is None:
        return None
    rows = {table: conn.execute(f"SELECT {', '.join(columns)} FROM {table} "
                                "WHERE campaign_id = ? ORDER BY ord", (row[0],)).fetchall()
            for table, columns in _TABLES.items()}
    return assembly.assemble(tuple(row), rows["nodes"], rows["emails"], rows["links"],
                             rows["goal_links"], rows["edges"], rows["notes"])


def _locked(path: Path) -> bool:
    """Whether another editor holds the workspace (its lock is an OS file lock)."""
    if sys.platform == "win32":  # pragma: no cover - the full path checks on Windows
        return True
    return held_elsewhere(lock_path(path))
