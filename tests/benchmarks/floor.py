"""The floor of an engine phase: the same writes, made with ``sqlite3.executemany`` into the same
schema (the real tables with their indexes), from the same starting state.

``snapshot`` copies the workspace before the phase (SQLite's backup API). ``difference``
compares every table of the copy with the workspace after the phase, row by row, and
``floor_seconds`` times writing that difference into the copy in one transaction: one
``INSERT`` executemany per table for the new rows, one ``UPDATE`` executemany per table and
set of changed columns for the changed ones (setting only what changed, as the engine does).
A row inserted and then updated within the phase counts as its final insert, so the floor
is, if anything, slightly optimistic.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from canvas_app.store.connection import CACHE_KIB


@dataclass
class Writes:
    inserted: dict[str, list[tuple[Any, ...]]]
    #: (table, the columns that changed) -> the new values of those columns, then the rowid:
    #: an UPDATE sets only what changed, as the engine does (SQLite rewrites the index entries
    #: of every index on a column it sets)
    updated: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]]
    columns: dict[str, list[str]]

    @property
    def rows(self) -> int:
        return sum(map(len, self.inserted.values())) + sum(map(len, self.updated.values()))


def snapshot(workspace_path: Path, copy_path: Path) -> Path:
    """A consistent copy of the workspace before a phase."""
    with sqlite3.connect(workspace_path) as src, sqlite3.connect(copy_path) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return copy_path


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def difference(before_path: Path, after_path: Path) -> Writes:
    """What the phase wrote: the rows new in ``after`` and the rows it changed, by rowid."""
    before = sqlite3.connect(before_path)
    after = sqlite3.connect(after_path)
    writes = Writes({}, {}, {})
    try:
        for table in _tables(after):
            columns = [row[1] for row in after.execute(f'PRAGMA table_info("{table}")')]
            names = ", ".join(f'"{c}"' for c in columns)
            old = {row[0]: row[1:] for row in before.execute(
                f'SELECT rowid, {names} FROM "{table}"')}
            new_rows: list[tuple[Any, ...]] = []
            for rowid, *values in after.execute(f'SELECT rowid, {names} FROM "{table}"'):
                previous = old.get(rowid)
                if previous is None:
                    new_rows.append(tuple(values))
                elif previous != tuple(values):
                    which = [i for i, (a, b) in enumerate(zip(previous, values, strict=True))
                             if a != b]
                    writes.updated.setdefault((table, tuple(columns[i] for i in which)), []
                                              ).append((*(values[i] for i in which), rowid))
            writes.columns[table] = columns
            if new_rows:
                writes.inserted[table] = new_rows
    finally:
        before.close()
        after.close()
    return writes


def floor_seconds(before_path: Path, writes: Writes) -> float:
    """Seconds to make ``writes`` with executemany into the copy taken before the phase."""
    conn = sqlite3.connect(before_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # as the workspace's connections
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for (table, columns), params in writes.updated.items():
            assignments = ", ".join(f'"{c}" = ?' for c in columns)
            conn.executemany(f'UPDATE "{table}" SET {assignments} WHERE rowid = ?', params)
        for table, params in writes.inserted.items():
            columns = writes.columns[table]
            conn.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) '
                             f'VALUES ({", ".join("?" * len(columns))})', params)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()
