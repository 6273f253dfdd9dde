"""A first look at a workspace for the window's first paint, read with the standard library's
sqlite3 (no SQLAlchemy, no Alembic): the campaign the editor will show, when the file is a
current, readable, unlocked workspace. Anything else (no file, an older schema to migrate,
another editor holding it, damage) gives None, and the full path says what is wrong."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from canvas_app.domain.model import Campaign
from canvas_app.store import draft_assembly as assembly
from canvas_app.store.facts import APPLICATION_ID, SCHEMA_HEAD, lock_path
from canvas_app.store.file_lock import held_elsewhere

_TABLES = {"nodes": assembly.NODE_COLUMNS, "emails": assembly.EMAIL_COLUMNS,
           "links": assembly.LINK_COLUMNS, "goal_links": assembly.CHOICE_COLUMNS,
           "edges": assembly.EDGE_COLUMNS, "notes": assembly.NOTE_COLUMNS}


@dataclass(frozen=True)
class Glance:
    """What the first paint shows: the campaign's draft, its state, and its newest published
    version (number and document; None when it was never published)."""

    campaign: Campaign
    state: str
    version: int | None
    version_document: str | None


def first_look(path: Path, campaign_id: str | None = None) -> Glance | None:
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


def _read(conn: sqlite3.Connection, campaign_id: str | None) -> Glance | None:
    if conn.execute("PRAGMA application_id").fetchone() != (APPLICATION_ID,):
        return None
    if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(SCHEMA_HEAD,)]:
        return None  # a migration is due: the full path backs up, migrates and says so
    conn.execute("BEGIN")  # one snapshot for every table
    query = "SELECT id, name, settings_json, state FROM campaigns"
    row = conn.execute(f"{query} WHERE id = ?", (campaign_id,)).fetchone() if campaign_id \
        else conn.execute(f"{query} ORDER BY ord, id LIMIT 1").fetchone()
    if row is None:
        return None
    rows = {table: conn.execute(f"SELECT {', '.join(columns)} FROM {table} "
                                "WHERE campaign_id = ? ORDER BY ord", (row[0],)).fetchall()
            for table, columns in _TABLES.items()}
    campaign = assembly.assemble(tuple(row[:3]), rows["nodes"], rows["emails"], rows["links"],
                                 rows["goal_links"], rows["edges"], rows["notes"])
    newest = conn.execute("SELECT number, document FROM versions WHERE campaign_id = ? "
                          "ORDER BY number DESC LIMIT 1", (row[0],)).fetchone()
    return Glance(campaign, str(row[3]), None if newest is None else int(newest[0]),
                  None if newest is None else str(newest[1]))


def _locked(path: Path) -> bool:
    """Whether another editor holds the workspace (its lock is an OS file lock)."""
    if sys.platform == "win32":  # pragma: no cover - the full path checks on Windows
        return True
    return held_elsewhere(lock_path(path))
