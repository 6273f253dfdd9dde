"""SQLite engines configured for a workspace: WAL, foreign keys, a busy timeout, and real
transactions (the stdlib driver's implicit ones are switched off, as SQLAlchemy documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine whose every transaction is a real SQLite transaction.

    Writers begin with BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock;
    a read-only engine refuses every write (PRAGMA query_only).
    """
    engine = create_engine(f"sqlite:///{path}")  # pooled: opening a connection costs ms

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
