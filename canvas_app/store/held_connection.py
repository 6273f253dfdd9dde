"""One connection kept by a long-running writer (the tracking server's click writer) for all of
its transactions, instead of a new session and a pooled connection for each.

A click is one small transaction; a new ``Session``, the pool's checkout and check-in and the
session's own commit cost more than the click's statements. Here the writer's connection and
its session are made once; each transaction is still a real one (``BEGIN IMMEDIATE``, or
failing at once with ``WorkspaceBusy`` when asked not to wait; committed on success, rolled
back on any error) through the workspace engine's own ``begin`` hook, and the session joins it:
statements run through the session (ORM, Core or the driver's connection) all belong to it.

Its connection does not checkpoint the write-ahead log itself: a thread of its own does, so no
commit of a click waits for one (see wal_checkpoints).

``unchanged`` tells, inside a transaction, whether any other connection has committed to the
workspace since this writer's previous transaction (SQLite's ``PRAGMA data_version``), so the
writer may keep what it read then (the clock, the counters) instead of reading it again.

A workspace on a PostgreSQL server uses the workspace's own transactions (``unchanged`` is
always False there).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Transaction
from sqlalchemy.orm import Session

from canvas_app.store.connection import NO_WAIT
from canvas_app.store.driver import hold
from canvas_app.store.errors import WorkspaceError
from canvas_app.store.wal_checkpoints import AUTO_PAGES, BackgroundCheckpoints
from canvas_app.store.workspace import Workspace, translated


class HeldConnection:
    """The writer's connection to ``workspace``; ``close()`` when the writer stops. Its
    transactions may be run from any thread, one at a time."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._held = workspace.path is not None  # SQLite: the connection is kept
        self._lock = threading.Lock()
        self._connection: Connection | None = None
        self._session: Session | None = None
        self._raw: Any = None  # the connection's own (sqlite3)
        self._checkpoints = BackgroundCheckpoints(workspace.engine)
        self._no_wait: bool | None = None  # the connection's NO_WAIT option as last set
        self._version: int | None = None  # data_version seen by the previous transaction
        self._closed = False
        #: Inside a transaction: nobody else has committed since the previous one.
        self.unchanged = False

    @contextmanager
    def transaction(self, *, wait: bool = True) -> Iterator[Session]:
        """A writing transaction, as ``Workspace.transaction``."""
        self._refuse_closed()
        if not self._held:
            self.unchanged = False
            with self.workspace.transaction(wait=wait) as session:
                yield session
            return
        with self._lock:
            self._refuse_closed()  # (closed while this one waited for the lock)
            self.workspace.check_writable()
            with translated(self.workspace.where):
                connection, session, raw = self._open(wait)
                try:
                    transaction = connection.begin()  # the engine's hook: BEGIN IMMEDIATE
                except BaseException:  # busy: this connection object is not used again
                    self._discard(invalidate=False)
                    raise
                try:
                    hold(session, "sqlite", raw)
                    version = raw.execute("PRAGMA data_version").fetchone()[0]
                    self.unchanged = version == self._version
                    self._version = None  # known again once this one is committed
                    yield session
                    if session.in_transaction():  # the ORM was used: its changes flushed
                        session.commit()  # (joined: the connection's transaction commits)
                        session.close()
                    transaction.commit()
                    self._version = version  # our own commit leaves data_version alone
                except BaseException:
                    self._abandon(transaction)
                    raise
                finally:
                    self.unchanged = False
                self._checkpoints.wrote(raw)

    def _refuse_closed(self) -> None:
        if self._closed:
            raise WorkspaceError(f"the writer's connection to {self.workspace.where} is "
                                 "closed")

    def _open(self, wait: bool) -> tuple[Connection, Session, Any]:
        """The connection (made when there is none), its session and its driver connection,
        set to wait for another writer or not."""
        if self._connection is None or self._connection.invalidated or self._connection.closed:
            self._discard(invalidate=False)
            self._connection = self.workspace.engine.connect()
            self._session = Session(bind=self._connection, expire_on_commit=False,
                                    join_transaction_mode="rollback_only")
            self._no_wait = None
            self._raw = self._connection.connection.driver_connection
            self._raw.execute("PRAGMA wal_autocheckpoint = 0")  # see wal_checkpoints
        assert self._session is not None
        if self._no_wait is not (not wait):
            self._connection.execution_options(**{NO_WAIT: not wait})
            self._no_wait = not wait
        return self._connection, self._session, self._raw

    def _abandon(self, transaction: Transaction) -> None:
        """After an error: the session forgets what it held, the transaction is rolled back;
        a connection that cannot be rolled back is made again next time."""
        try:
            if self._session is not None:
                self._session.close()  # (joined: leaves the connection's transaction to us)
            if transaction.is_active:
                transaction.rollback()
        except Exception:
            self._discard(invalidate=True)

    def _discard(self, *, invalidate: bool) -> None:
        """Lets go of the connection (``invalidate``: its driver connection is closed, not
        given back to the pool, which otherwise gets it back checkpointing as any other); the
        next transaction takes another."""
        connection, session, raw = self._connection, self._session, self._raw
        self._connection, self._session, self._raw, self._version = None, None, None, None
        if session is not None:
            session.close()
        if connection is None:
            return
        try:
            if invalidate:
                connection.invalidate()
            elif raw is not None:
                raw.execute(f"PRAGMA wal_autocheckpoint = {AUTO_PAGES}")
        except Exception:
            connection.invalidate()
        finally:
            connection.close()

    def close(self) -> None:
        """Gives the connection back; later transactions are refused."""
        with self._lock:
            self._closed = True
            self._discard(invalidate=False)
        self._checkpoints.stop()
