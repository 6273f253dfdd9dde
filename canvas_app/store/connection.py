"""SQLite engines configured for a workspace: WAL, foreign keys, a busy timeout, and real
transactions (the stdlib driver's implicit ones are switched off, as SQLAlchemy documents)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 16 * 1024
#: Execution option of a connection that only reads: a deferred BEGIN, which in WAL mode
#: never waits for (nor blocks) a writer.
READ = "canvas_read"
#: Execution option of a writing connection that must not wait for another writer: its
#: BEGIN IMMEDIATE fails at once (SQLITE_BUSY) when another connection is writing.
NO_WAIT = "canvas_no_wait"


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False,
                wal: bool = True) -> Engine:
    """An engine whose every transaction is a real SQLite transaction.

    Writers begin with BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock
    (readers that say so with the ``READ`` execution option begin with a plain BEGIN);
    a read-only engine opens the file read-only and refuses every write (PRAGMA query_only).
    ``immutable`` (read-only only) reads a file in a folder where SQLite cannot create its
    shared-memory file, which it otherwise needs to read a WAL workspace. ``wal=False`` keeps
    the rollback journal (used while a new workspace is built under a temporary name).
    """
    if read_only:
        query = "immutable=1" if immutable else "mode=ro"
        uri = f"{path.absolute().as_uri()}?{query}"
    else:
        uri = path.absolute().as_uri() + "?mode=rw"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    # A URL object (not a string) so unusual file names are never parsed; pooled.
    engine = create_engine(URL.create("sqlite", database=str(path)), creator=connect)
    busy_timeout = BUSY_TIMEOUT_MS

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # 16 MB of page cache (SQLite's default is 2 MB): with 100,000 contacts the indexes a
        # batch touches (memberships due, events per contact) stay in memory between batches
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        elif wal:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        options = connection.get_execution_options()
        driver = connection.connection.driver_connection  # straight to SQLite: every
        if read_only or options.get(READ, False):  # transaction begins here
            driver.execute("BEGIN")
        elif options.get(NO_WAIT, False):
            driver.execute("PRAGMA busy_timeout = 0")
            try:
                driver.execute("BEGIN IMMEDIATE")
            finally:
                driver.execute(f"PRAGMA busy_timeout = {busy_timeout}")
        else:
            driver.execute("BEGIN IMMEDIATE")

    return engine
